using System.Globalization;
using InferCost.Application.Usage;
using InferCost.UsageAnalytics;
using Spectre.Console;

namespace InferCost.Cli.Rendering;

/// <summary>Tables and charts for usage report, reprice and fit results.</summary>
public static class UsageTables
{
    /// <summary>Renders a usage report with its bar chart.</summary>
    public static void Report(IAnsiConsole c, UsageReportResult report)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(report);
        var t = report.Totals;
        var table = new Table().Border(TableBorder.Simple).AddColumns(report.By, "records", "input tok", "cached", "output tok", "cost $", "share", "$/request");
        foreach (var r in report.Rows)
        {
            table.AddRow(Markup.Escape(r.Key), N(r.Records), N(r.InputTokens), N(r.CacheReadTokens), N(r.OutputTokens), Usd(r.Cost), Pct(t.Cost == 0 ? 0 : r.Cost / t.Cost), Usd(r.CostPerRequest));
        }

        table.AddRow("[bold]total[/]", N(t.Records), N(t.InputTokens), N(t.CacheReadTokens), N(t.OutputTokens), $"[bold]{Usd(t.Cost)}[/]", "100%", Usd(t.CostPerRequest));
        c.Write(table);
        if (report.OtherGroups > 0)
        {
            c.MarkupLine($"[grey]{N(report.OtherGroups)} more group(s) not shown (--top).[/]");
        }

        if (report.Rows.Count > 0)
        {
            var chart = new BarChart().Label("cost $ by " + report.By).Width(Math.Min(100, c.Profile.Width));
            foreach (var r in report.Rows.Take(30))
            {
                chart.AddItem(Markup.Escape(r.Key), (double)r.Cost, Color.SteelBlue);
            }

            c.Write(chart);
        }

        if (t.ListCost != t.Cost)
        {
            c.MarkupLine($"[grey]At list prices (no batch discount): ${Usd(t.ListCost)}[/]");
        }
    }

    /// <summary>Renders the alternatives side by side with savings and their drivers.</summary>
    public static void Reprice(IAnsiConsole c, UsageRepriceResult result, string? by = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(result);
        string[] dimensions = by is null ? ["user", "feature"] : [by];
        var grid = new Table().Border(TableBorder.Simple).AddColumns("alternative", "cost $", "savings $", "savings", "stays (requests / $)");
        grid.AddColumns([.. dimensions.Select(d => $"top {d} (savings $)")]);
        grid.AddRow(["[bold]current[/]", Usd(result.CurrentCost), "", "", "", .. dimensions.Select(_ => "")]);
        foreach (var a in result.Alternatives)
        {
            var color = a.Savings >= 0 ? "green" : "red";
            var stays = a.StaysRequests == 0 ? "" : $"{N(a.StaysRequests)} / {Usd(a.StaysCost)}";
            grid.AddRow([Markup.Escape(a.Model + (a.Efficiency != 1m ? string.Create(CultureInfo.InvariantCulture, $" (×{a.Efficiency} output)") : string.Empty)), Usd(a.Cost), $"[{color}]{Usd(a.Savings)}[/]", $"[{color}]{Pct(a.SavingsShare)}[/]",
                Markup.Escape(stays), .. dimensions.Select(d => Markup.Escape(Top(d switch { "user" => a.TopUsers, "feature" => a.TopFeatures, _ => a.TopModels })))]);
        }

        c.Write(grid);
        var chart = new BarChart().Label("cost $ on each alternative").Width(Math.Min(100, c.Profile.Width));
        chart.AddItem("current", (double)result.CurrentCost, Color.Grey);
        foreach (var a in result.Alternatives)
        {
            chart.AddItem(Markup.Escape(a.Model), (double)a.Cost, a.Savings >= 0 ? Color.Green : Color.Red);
        }

        c.Write(chart);
        if (result.Alternatives.Any(a => a.StaysRecords > 0))
        {
            c.MarkupLine("[grey]Stays: calls an alternative cannot take (prompt over its context window, or another kind of call: embeddings move only to embedding models) are counted at their recorded cost, not as savings.[/]");
        }

        c.MarkupLine($"[grey]{N(result.Records)} records; alternatives priced as of {result.PricedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" +
            (result.CacheHit is { } h ? $"; cache hit {Pct(h)}" : string.Empty) + (result.BatchShare is { } s ? $"; batch share {Pct(s)}" : string.Empty) + ".[/]");
    }

    /// <summary>Renders the fitted segments.</summary>
    public static void Fit(IAnsiConsole c, UsageFitResult result)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(result);
        var grid = new Table().Border(TableBorder.Simple).AddColumns("segment", "users", "share", "sessions/mo p50/p90", "steps p50/p90", "input p50/p90", "output p50/p90", "model");
        foreach (var s in result.Segments)
        {
            grid.AddRow(Markup.Escape(s.Name), N(s.Users), Pct((decimal)s.Share), F(s.SessionsPerMonth), F(s.StepsPerSession), F(s.InputTokensPerCall), F(s.OutputTokensPerCall),
                Markup.Escape(s.Provider is null ? s.Model : s.Provider + "/" + s.Model));
        }

        c.Write(grid);
        c.MarkupLine($"[grey]{N(result.Records)} records → {Markup.Escape(result.Out ?? "")}[/]");
    }

    private static string Top(IReadOnlyList<SavingsDriverRow> drivers) => drivers.Count > 0 ? $"{drivers[0].Key} ({Usd(drivers[0].Savings)})" : "";

    private static string F(LogNormalFit f) => string.Create(CultureInfo.InvariantCulture, $"{f.Median:0.#} / {f.P90:0.#}");

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string N(decimal n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Usd(decimal d) => Math.Abs(d) >= 100 ? d.ToString("N2", CultureInfo.InvariantCulture) : Math.Abs(d) >= 0.01m ? d.ToString("0.0000", CultureInfo.InvariantCulture) : d.ToString("0.########", CultureInfo.InvariantCulture);

    private static string Pct(decimal share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
