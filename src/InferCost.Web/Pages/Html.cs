using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace InferCost.Web.Pages;

/// <summary>Small helpers every page renders with: encoding, the layout with the one navigation, forms, tables, charts.</summary>
internal static class Html
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The pages of the one navigation, in order.</summary>
    public static readonly (string Path, string Label)[] Navigation =
    [
        ("/", "Home"), ("/catalog", "Catalog"), ("/compare", "Quote & compare"), ("/scenario", "Scenario"),
        ("/serving", "Self-hosting"), ("/pnl", "P&L"), ("/usage", "Usage"), ("/api", "API"),
    ];

    /// <summary>HTML-encodes text.</summary>
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    /// <summary>USD with a real minus sign and no cents: −$88,778,667.</summary>
    public static string Usd0(decimal value) => (value < 0 ? "\u2212$" : "$") + Math.Abs(value).ToString("N0", Inv);

    /// <summary>USD with cents (or more digits below a cent).</summary>
    public static string Usd(double value) => (value < 0 ? "\u2212$" : "$") + Math.Abs(value).ToString(Math.Abs(value) >= 0.01 || value == 0 ? "N2" : "0.#####", Inv);

    /// <summary>USD with cents, or "n/a".</summary>
    public static string Usd(double? value) => value is { } v ? Usd(v) : "n/a";

    /// <summary>USD with cents from a decimal.</summary>
    public static string Usd(decimal value) => Usd((double)value);

    /// <summary>A share as a percentage.</summary>
    public static string Pct(double? share) => share is { } s ? s.ToString("P1", Inv) : "n/a";

    /// <summary>A whole number with separators.</summary>
    public static string N0(double value) => value.ToString("N0", Inv);

    /// <summary>An invariant number for an input's value.</summary>
    public static string V(decimal? value) => value?.ToString(Inv) ?? "";

    /// <summary>The whole page: head, skip link, navigation, main, footer.</summary>
    public static IResult Page(string title, string path, string main, string? lead = null)
    {
        var sb = new StringBuilder(main.Length + 4096);
        sb.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
          .Append("<title>").Append(E(title)).Append(" · InferCost</title>")
          .Append("<link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/assets/site.css\">")
          .Append("<script src=\"/assets/echarts.min.js\" defer></script><script src=\"/assets/site.js\" defer></script></head><body>")
          .Append("<a class=\"skip\" href=\"#main\">Skip to content</a><header><nav aria-label=\"Main\"><ul>");
        foreach (var (p, label) in Navigation)
        {
            var current = p == path ? " aria-current=\"page\"" : "";
            sb.Append("<li><a href=\"").Append(p).Append('"').Append(current).Append('>').Append(E(label)).Append("</a></li>");
        }

        sb.Append("</ul></nav></header><main id=\"main\"><h1>").Append(E(title)).Append("</h1>");
        if (lead is not null)
        {
            sb.Append("<p class=\"lead\">").Append(E(lead)).Append("</p>");
        }

        sb.Append(main)
          .Append("</main><footer><p>InferCost — prices from the genai-prices database (MIT) plus a sourced InferCost overlay. ")
          .Append("Charts: Apache ECharts (Apache-2.0). Every page's inputs live in its address: copy it to share.</p></footer></body></html>");
        return Results.Content(sb.ToString(), "text/html; charset=utf-8");
    }

    /// <summary>A labelled number input.</summary>
    public static string Number(string name, string label, string value, string? hint = null, string step = "any", string? min = null) =>
        $"<div class=\"field\"><label for=\"f-{name}\">{E(label)}</label><input id=\"f-{name}\" name=\"{name}\" type=\"number\" inputmode=\"decimal\" step=\"{step}\"" +
        (min is null ? "" : $" min=\"{min}\"") + $" value=\"{E(value)}\"" + (hint is null ? "" : $" aria-describedby=\"h-{name}\"") + ">" +
        (hint is null ? "" : $"<small id=\"h-{name}\">{E(hint)}</small>") + "</div>";

    /// <summary>A labelled text input.</summary>
    public static string Text(string name, string label, string value, string? hint = null, string? list = null) =>
        $"<div class=\"field\"><label for=\"f-{name}\">{E(label)}</label><input id=\"f-{name}\" name=\"{name}\" type=\"text\" value=\"{E(value)}\"" +
        (list is null ? "" : $" list=\"{list}\"") + (hint is null ? "" : $" aria-describedby=\"h-{name}\"") + ">" +
        (hint is null ? "" : $"<small id=\"h-{name}\">{E(hint)}</small>") + "</div>";

    /// <summary>A labelled select.</summary>
    public static string Select(string name, string label, string value, IEnumerable<(string Value, string Label)> options)
    {
        var sb = new StringBuilder($"<div class=\"field\"><label for=\"f-{name}\">{E(label)}</label><select id=\"f-{name}\" name=\"{name}\">");
        foreach (var (v, l) in options)
        {
            sb.Append("<option value=\"").Append(E(v)).Append('"').Append(v == value ? " selected" : "").Append('>').Append(E(l)).Append("</option>");
        }

        return sb.Append("</select></div>").ToString();
    }

    /// <summary>A labelled checkbox.</summary>
    public static string Check(string name, string label, bool on) =>
        $"<div class=\"field check\"><input id=\"f-{name}\" name=\"{name}\" type=\"checkbox\" value=\"true\"{(on ? " checked" : "")}><label for=\"f-{name}\">{E(label)}</label></div>";

    /// <summary>A GET form whose inputs become the page's address (a permalink); changes re-render the page.</summary>
    public static string Form(string action, string fields, string submit = "Update") =>
        $"<form class=\"inputs\" method=\"get\" action=\"{action}\" data-auto>{fields}<div class=\"actions\"><button type=\"submit\">{E(submit)}</button></div></form>";

    /// <summary>A table with a caption; cells are already encoded HTML.</summary>
    public static string Table(string caption, string[] headers, IEnumerable<string[]> rows, string? id = null, bool numericFromSecond = true)
    {
        var sb = new StringBuilder("<div class=\"table-wrap\"><table").Append(id is null ? "" : $" id=\"{id}\"").Append("><caption>").Append(E(caption)).Append("</caption><thead><tr>");
        for (var i = 0; i < headers.Length; i++)
        {
            sb.Append("<th scope=\"col\"").Append(i > 0 && numericFromSecond ? " class=\"num\"" : "").Append('>').Append(E(headers[i])).Append("</th>");
        }

        sb.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            for (var i = 0; i < row.Length; i++)
            {
                sb.Append(i == 0 ? "<th scope=\"row\">" : numericFromSecond ? "<td class=\"num\">" : "<td>").Append(row[i]).Append(i == 0 ? "</th>" : "</td>");
            }

            sb.Append("</tr>");
        }

        return sb.Append("</tbody></table></div>").ToString();
    }

    /// <summary>An ECharts chart (its option as a JSON data block, no inline script) with its table alternative below.</summary>
    public static string Chart(string id, string label, object option, string tableAlternative)
    {
        var json = JsonSerializer.Serialize(option).Replace("</", "<\\/", StringComparison.Ordinal);
        return $"<figure class=\"chart-box\"><div class=\"chart\" id=\"{id}\" data-chart=\"{id}-data\" role=\"img\" aria-label=\"{E(label)}\"></div>" +
               $"<script type=\"application/json\" id=\"{id}-data\">{json}</script><figcaption>{E(label)} (the table below holds the same numbers)</figcaption></figure>" +
               tableAlternative;
    }

    /// <summary>A card with a big number.</summary>
    public static string Card(string label, string value, string? note = null, string? id = null) =>
        $"<div class=\"card\"><div class=\"card-label\">{E(label)}</div><div class=\"card-value\"{(id is null ? "" : $" id=\"{id}\"")}>{E(value)}</div>" +
        (note is null ? "" : $"<div class=\"card-note\">{E(note)}</div>") + "</div>";

    /// <summary>An error box for bad input (the page still renders its form).</summary>
    public static string Error(string message) => $"<div class=\"error\" role=\"alert\"><strong>Cannot compute:</strong> {E(message)}</div>";
}
