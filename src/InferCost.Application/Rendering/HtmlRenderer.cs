using System.Net;
using System.Text;

namespace InferCost.Application.Rendering;

/// <summary>Renders a document as one self-contained HTML page (inline CSS, no script, no external resource).</summary>
public static class HtmlRenderer
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem;color:#1b1f24;background:#fff;line-height:1.4}
        h1{font-size:1.4rem}table{border-collapse:collapse;margin:0 0 1.5rem;font-variant-numeric:tabular-nums}
        caption{text-align:left;font-weight:600;padding:.3rem 0}th,td{border:1px solid #c9ced6;padding:.3rem .6rem;text-align:left}
        th{background:#eef1f5}td.n{text-align:right}ul{padding-left:1.2rem}
        """;

    /// <summary>A full page: the title, each table with a caption, the notes as a list.</summary>
    public static string Render(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<title>").Append(E(document.Title)).Append("</title>\n<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n");
        sb.Append("<main>\n<h1>").Append(E(document.Title)).Append("</h1>\n");
        AppendBody(sb, document);
        sb.Append("</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>The tables and notes only, for embedding in a page that has its own head.</summary>
    public static string RenderFragment(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder();
        AppendBody(sb, document);
        return sb.ToString();
    }

    private static void AppendBody(StringBuilder sb, ReportDocument document)
    {
        foreach (var table in document.Tables)
        {
            sb.Append("<table>\n");
            if (table.Title.Length > 0)
            {
                sb.Append("<caption>").Append(E(table.Title)).Append("</caption>\n");
            }

            sb.Append("<thead><tr>");
            foreach (var column in table.Columns)
            {
                sb.Append("<th scope=\"col\">").Append(E(column)).Append("</th>");
            }

            sb.Append("</tr></thead>\n<tbody>\n");
            foreach (var row in table.Rows)
            {
                sb.Append("<tr>");
                foreach (var cell in row)
                {
                    sb.Append(IsNumber(cell) ? "<td class=\"n\">" : "<td>").Append(E(cell)).Append("</td>");
                }

                sb.Append("</tr>\n");
            }

            sb.Append("</tbody>\n</table>\n");
        }

        if (document.Notes.Count > 0)
        {
            sb.Append("<ul>\n");
            foreach (var note in document.Notes)
            {
                sb.Append("<li>").Append(E(note)).Append("</li>\n");
            }

            sb.Append("</ul>\n");
        }
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static bool IsNumber(string cell) =>
        cell.Length > 0 && cell.All(ch => char.IsDigit(ch) || ch is '.' or ',' or '-' or '+' or '$' or '%' or '−' or 'x' or '×' or ' ') && cell.Any(char.IsDigit);
}
