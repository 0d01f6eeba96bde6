using System.Text;

namespace InferCost.Application.Rendering;

/// <summary>Renders a document as GitHub-flavoured markdown (fit for a pull-request comment).</summary>
public static class MarkdownRenderer
{
    /// <summary>A heading, one pipe table per table (with its title in bold), then the notes as a list.</summary>
    public static string Render(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder();
        sb.Append("## ").Append(Escape(document.Title)).Append("\n\n");
        foreach (var table in document.Tables)
        {
            if (table.Title.Length > 0)
            {
                sb.Append("**").Append(Escape(table.Title)).Append("**\n\n");
            }

            sb.Append("| ").AppendJoin(" | ", table.Columns.Select(Escape)).Append(" |\n");
            sb.Append('|').AppendJoin('|', table.Columns.Select(_ => " --- ")).Append("|\n");
            foreach (var row in table.Rows)
            {
                sb.Append("| ").AppendJoin(" | ", row.Select(Escape)).Append(" |\n");
            }

            sb.Append('\n');
        }

        foreach (var note in document.Notes)
        {
            sb.Append("- ").Append(Escape(note)).Append('\n');
        }

        return sb.ToString();
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
