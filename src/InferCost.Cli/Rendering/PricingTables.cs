using System.Globalization;
using InferCost.Application.Pricing;
using Spectre.Console;

namespace InferCost.Cli.Rendering;

/// <summary>Tables for quote and compare results.</summary>
public static class PricingTables
{
    /// <summary>Renders one quote: dimension by dimension, then totals and notes.</summary>
    public static void Quote(IAnsiConsole c, TokenQuoteResult q)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(q);
        c.Write(new Rule($"[bold]{Markup.Escape(q.QualifiedId)}[/]").LeftJustified());
        var table = new Table().Border(TableBorder.Simple).AddColumns("dimension", "quantity", "price", "cost");
        table.Columns[1].RightAligned();
        table.Columns[3].RightAligned();
        foreach (var line in q.Lines.Where(l => l.Quantity != 0 || l.Cost != 0))
        {
            table.AddRow(Markup.Escape(line.Unit), line.Quantity.ToString("#,0.##", CultureInfo.InvariantCulture),
                $"${line.UnitPrice.ToString(CultureInfo.InvariantCulture)}/{line.Per}" + (line.LongContextTier ? " (long-context tier)" : ""), Usd(line.Cost));
        }

        table.AddEmptyRow();
        table.AddRow("input", "", "", Usd(q.InputCost));
        table.AddRow("output", "", "", Usd(q.OutputCost));
        if (q.OtherCost != 0)
        {
            table.AddRow("other (fees, tools)", "", "", Usd(q.OtherCost));
        }

        table.AddRow("[bold]total[/]", "", "", $"[bold]{Usd(q.TotalCost)}[/]");
        c.Write(table);
        var at = DateTimeOffset.Parse(q.PricesAt, CultureInfo.InvariantCulture);
        c.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[grey]{q.Requests:N0} request(s) of {q.PromptTokensPerRequest:N0} input tokens{(q.BatchMultiplier is { } m ? $"; batch ×{m}" : "")}; prices in force {at:yyyy-MM-dd}.[/]"));
        foreach (var note in q.Notes)
        {
            c.MarkupLine($"[yellow]note:[/] {Markup.Escape(note)}");
        }
    }

    /// <summary>Renders a comparison, cheapest first, with each row's multiple of the cheapest.</summary>
    public static void Compare(IAnsiConsole c, CompareResult result)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(result);
        var cheapest = result.Quotes.Count > 0 ? result.Quotes[0].TotalCost : 0m;
        var table = new Table().Border(TableBorder.Simple).AddColumns("#", "model", "requests", "input", "output", "other", "total", "× cheapest");
        foreach (var q in result.Quotes)
        {
            table.AddRow((q.Rank ?? 0).ToString(CultureInfo.InvariantCulture), Markup.Escape(q.QualifiedId),
                q.Requests.ToString("N0", CultureInfo.InvariantCulture) + (q.Lines.Any(l => l.LongContextTier) ? " (long ctx)" : ""), Usd(q.InputCost), Usd(q.OutputCost),
                Usd(q.OtherCost), $"[bold]{Usd(q.TotalCost)}[/]",
                cheapest == 0 ? "" : (q.TotalCost / cheapest).ToString("0.0x", CultureInfo.InvariantCulture));
        }

        c.Write(table);
        c.MarkupLine("[grey]requests: the fewest each model's max output and context window allow (set --requests); long ctx = priced at the long-context tier.[/]");
        if (result.Skipped.Count > 0)
        {
            c.MarkupLine($"[grey]skipped (no input/output token price): {Markup.Escape(string.Join(", ", result.Skipped.Take(10)))}{(result.Skipped.Count > 10 ? ", …" : "")}[/]");
        }
    }

    /// <summary>Dollars as <see cref="InferCost.Quantities.Money"/> prints them, e.g. <c>$17.50</c>.</summary>
    internal static string Usd(decimal usd) => InferCost.Quantities.Money.FromUsd(usd).ToString();
}
