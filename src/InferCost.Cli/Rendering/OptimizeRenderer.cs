using System.Globalization;
using InferCost.Optimization;
using Spectre.Console;

namespace InferCost.Cli.Rendering;

/// <summary>Renders an <see cref="OptimizationResult"/> as a table and a bar chart.</summary>
internal static class OptimizeRenderer
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Render(IAnsiConsole c, OptimizationResult r)
    {
        var b = r.Baseline;
        c.MarkupLine($"[bold]{Markup.Escape(r.Scenario)}[/] — {r.Users:N0} simulated users, seed {r.Seed}: first month costs [bold]{Money(b.MonthlyCost)}[/], gross margin {Pct(b.GrossMargin)}, p95 user {Money(b.P95UserCost)}/month");
        var table = new Table().Border(TableBorder.Simple).AddColumns("#", "lever", "saving/month", "95 % interval", "gross margin after", "p95 user after", "one-time", "payback", "caveat");
        var rank = 1;
        foreach (var l in r.Levers)
        {
            table.AddRow(
                (rank++).ToString(Inv),
                l.Lever,
                Money(l.MonthlySaving),
                $"{Money(l.Low)} – {Money(l.High)}",
                Pct(l.GrossMarginAfter),
                Money(l.P95UserCostAfter),
                Money(l.OneTimeCost),
                l.PaybackMonths is { } p ? p.ToString("0.0", Inv) + " mo" : "–",
                Markup.Escape(l.Caveat));
        }

        c.Write(table);
        var positive = r.Levers.Where(l => l.MonthlySaving > 0).ToList();
        if (positive.Count > 0)
        {
            var chart = new BarChart().Label("[bold]monthly saving by lever (USD)[/]").Width(80);
            foreach (var l in positive)
            {
                chart.AddItem(l.Lever, Math.Round(l.MonthlySaving, 0), Color.Green);
            }

            c.Write(chart);
        }

        foreach (var l in r.Levers)
        {
            c.MarkupLine($"[grey]{Markup.Escape(l.Lever)}: {Markup.Escape(l.Detail)}[/]");
        }

        foreach (var s in r.Skipped)
        {
            c.MarkupLine($"[yellow]skipped[/] {Markup.Escape(s.Lever)}: {Markup.Escape(s.Reason)}");
        }

        c.MarkupLine(r.Combined.Levers.IsEmpty
            ? "Combined: no lever saves money on this scenario."
            : $"Combined ({Markup.Escape(string.Join(" + ", r.Combined.Levers))}), re-simulated together: saving [bold]{Money(r.Combined.MonthlySaving)}[/]/month, gross margin {Pct(r.Combined.GrossMarginAfter)}");
    }

    internal static string Money(double v) => (v < 0 ? "−$" : "$") + Math.Abs(v).ToString(Math.Abs(v) >= 100 ? "N0" : "0.00", Inv);

    internal static string Pct(double? v) => v is { } x ? x.ToString("P1", Inv) : "–";
}
