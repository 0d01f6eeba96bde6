using System.Text;
using InferCost.Data.UsageLogs;

namespace InferCost.Application.Rendering;

/// <summary>Renders a document's tables as CSV (RFC 4180 quoting, LF line ends).</summary>
public static class CsvRenderer
{
    /// <summary>One table: a header row, then the rows.</summary>
    public static string Render(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sb = new StringBuilder();
        AppendTable(sb, table);
        return sb.ToString();
    }

    /// <summary>Every table of the document, each preceded by a <c># title</c> line and separated by a blank line.</summary>
    public static string Render(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Tables.Count == 1)
        {
            return Render(document.Tables[0]);
        }

        var sb = new StringBuilder();
        for (var i = 0; i < document.Tables.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('\n');
            }

            sb.Append("# ").Append(document.Tables[i].Title).Append('\n');
            AppendTable(sb, document.Tables[i]);
        }

        return sb.ToString();
    }

    private static void AppendTable(StringBuilder sb, ReportTable table)
    {
        sb.AppendJoin(',', table.Columns.Select(CsvText.Escape)).Append('\n');
        foreach (var row in table.Rows)
        {
            sb.AppendJoin(',', row.Select(CsvText.Escape)).Append('\n');
        }
    }
}
