using System.Globalization;
using InferCost.Application.Simulation;
using InferCost.Simulation;
using InferCost.Workloads;
using Spectre.Console;

namespace InferCost.Cli.Rendering;

/// <summary>Tables and charts for simulate, diff, sensitivity and price-plan results.</summary>
public static class SimulationTables
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Renders a simulation: plans, percentile chart, cost by model and dimension, months, notes.</summary>
    public static void Simulate(IAnsiConsole c, SimulationResult r, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(r);
        c.MarkupLine(I($"[bold]{Markup.Escape(r.Scenario)}[/] — {r.Users:N0} simulated users × {r.Months.Length} months from {r.StartMonth}, seed {r.Seed}"));
        var plans = new Table().Border(TableBorder.Simple).Title("cost and margin per user-month, by plan")
            .AddColumns("plan", "users", "price", "revenue/user", "cost p50", "p90", "p95", "p99", "max", "mean", "margin p50", "margin p95", "unprofitable", "gross margin");
        foreach (var p in r.Plans)
        {
            plans.AddRow(
                Markup.Escape(p.Plan),
                p.UserShare.ToString("P1", Inv),
                Usd(p.MonthlyPrice),
                Usd(p.RevenuePerUser),
                Usd(p.CostPerUser.P50),
                Usd(p.CostPerUser.P90),
                Usd(p.CostPerUser.P95),
                Usd(p.CostPerUser.P99),
                Usd(p.CostPerUser.Max),
                Usd(p.CostPerUser.Mean),
                Usd(p.MarginPerUser.P50),
                Usd(p.MarginPerUser.P95),
                p.UnprofitableShare.ToString("P1", Inv),
                Pct(p.GrossMargin));
        }

        c.Write(plans);
        var chart = new BarChart().Label("[bold]cost per user-month by percentile (USD)[/]").Width(90);
        var colors = new[] { Color.Green, Color.Yellow, Color.Orange1, Color.Red };
        foreach (var p in r.Plans.Where(p => p.Users > 0))
        {
            chart.AddItem($"{p.Plan} p50", Math.Round(p.CostPerUser.P50, 2), colors[0]);
            chart.AddItem($"{p.Plan} p90", Math.Round(p.CostPerUser.P90, 2), colors[1]);
            chart.AddItem($"{p.Plan} p95", Math.Round(p.CostPerUser.P95, 2), colors[2]);
            chart.AddItem($"{p.Plan} p99", Math.Round(p.CostPerUser.P99, 2), colors[3]);
        }

        c.Write(chart);
        var d = r.CostByDimension;
        var dims = new Table().Border(TableBorder.Simple).Title("mean cost per user-month by dimension and model").AddColumns("model", "input", "cached", "cache write", "output", "reasoning", "tools", "storage", "total", "share");
        foreach (var m in r.CostByModel)
        {
            var x = m.Dimensions;
            dims.AddRow(Markup.Escape($"{m.Alias} ({m.Model})"), Usd(x.Input), Usd(x.Cached), Usd(x.CacheWrite), Usd(x.Output), Usd(x.Reasoning), Usd(x.Tools), Usd(x.Storage), Usd(m.CostPerUser), m.Share.ToString("P0", Inv));
        }

        dims.AddRow("[bold]all[/]", Usd(d.Input), Usd(d.Cached), Usd(d.CacheWrite), Usd(d.Output), Usd(d.Reasoning), Usd(d.Tools), Usd(d.Storage), Usd(d.Total), "100%");
        c.Write(dims);
        var months = new Table().Border(TableBorder.Simple).Title("months").AddColumns("month", "active users", "revenue", "cost", "gross margin");
        foreach (var m in r.Months)
        {
            months.AddRow(m.Date, m.ActiveUsers.ToString("N0", Inv), Usd(m.Revenue), Usd(m.Cost), Pct(m.GrossMargin));
        }

        c.Write(months);
        var hits = string.Join(", ", r.CacheHitRates.Where(h => h.Tokens is null or > 0).Select(h => $"{h.Part} {h.HitRate.ToString("P0", Inv)}"));
        if (hits.Length > 0)
        {
            c.MarkupLine($"[grey]cache hit rate by prompt part: {Markup.Escape(hits)}[/]");
        }

        if (r.GrossMarginCi95 is { } gci)
        {
            c.MarkupLine($"[grey]gross margin 95 % CI {Pct(gci.Low)} – {Pct(gci.High)} (grouped bootstrap); top 0.1 % of users carry {(r.TopUsers?.ShareOfCost ?? 0).ToString("P1", Inv)} of cost{(r.FixedMonthlyCost > 0 ? $"; fixed cache storage {Usd(r.FixedMonthlyCost)}/month" : string.Empty)}[/]");
        }

        foreach (var w in r.Warnings)
        {
            c.MarkupLine($"[yellow]note:[/] {Markup.Escape(w)}");
        }

        var rate = r.UserMonths / Math.Max(elapsed.TotalSeconds, 1e-9);
        c.MarkupLine(I($"[grey]All users: revenue/user {Usd(r.RevenuePerUser)}, cost/user p50 {Usd(r.CostPerUser.P50)} p95 {Usd(r.CostPerUser.P95)}, gross margin {Pct(r.GrossMargin)}. {r.UserMonths:N0} user-months in {elapsed.TotalSeconds:0.00} s ({rate:N0}/s). Percentile 95 % CIs: --json.[/]"));
    }

    /// <summary>Renders two scenarios side by side; <paramref name="bIsAWithOverrides"/> labels B as A with the overrides.</summary>
    public static void Diff(IAnsiConsole c, DiffResult result, bool bIsAWithOverrides)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(result);
        var diff = result.Diff;
        var label = bIsAWithOverrides ? $"{result.A} with {string.Join(", ", result.Overrides)}" : result.B;
        c.MarkupLine($"[bold]A[/] {Markup.Escape(result.A)}   [bold]B[/] {Markup.Escape(label)}");
        var table = new Table().Border(TableBorder.Simple).AddColumns("plan", "cost p50 A", "cost p50 B", "cost p95 A", "cost p95 B", "Δ mean cost/user", "margin/user A", "margin/user B", "gross margin A", "gross margin B");
        foreach (var p in diff.Plans)
        {
            table.AddRow(Markup.Escape(p.Plan), Usd(p.CostP50A), Usd(p.CostP50B), Usd(p.CostP95A), Usd(p.CostP95B), Delta(p.CostMeanChange), Usd(p.MarginPerUserA), Usd(p.MarginPerUserB), Pct(p.GrossMarginA), Pct(p.GrossMarginB));
        }

        c.Write(table);
        c.MarkupLine($"All users: cost/user {Usd(diff.CostPerUserA)} → {Usd(diff.CostPerUserB)} ({Delta(diff.CostPerUserB - diff.CostPerUserA)}); gross margin {Pct(diff.GrossMarginA)} → {Pct(diff.GrossMarginB)}; horizon cost {Usd(diff.HorizonCostA)} → {Usd(diff.HorizonCostB)}");
    }

    /// <summary>Renders the tornado.</summary>
    public static void Sensitivity(IAnsiConsole c, ScenarioSensitivityResult result)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(result);
        var pct = result.Change.ToString("P0", Inv);
        c.MarkupLine($"[bold]{Markup.Escape(result.Scenario)}[/]: gross margin {Pct(result.BaselineGrossMargin)}, cost/user {Usd(result.BaselineCostPerUser)}; each input moved ±{pct}");
        var table = new Table().Border(TableBorder.Simple).AddColumns("input", $"−{pct}", $"+{pct}", "swing (points)", "");
        var widest = result.Bars.Max(b => b.Swing);
        foreach (var bar in result.Bars)
        {
            var len = widest > 0 ? (int)Math.Round(30 * bar.Swing / widest) : 0;
            table.AddRow(Markup.Escape(bar.Input), Pct(bar.Low), Pct(bar.High), (bar.Swing * 100).ToString("0.00", Inv), new string('█', len));
        }

        c.Write(table);
    }

    /// <summary>Renders a plan design: required price, usage cap, and the pricing models compared.</summary>
    public static void PricePlan(IAnsiConsole c, PlanDesign design)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(design);
        var p = design.Percentile.ToString("0.##", Inv);
        c.MarkupLine(I($"[bold]{Markup.Escape(design.Plan)}[/] ({design.Users:N0} simulated users): p{p} user costs {Usd(design.CostAtPercentile)}/month; at {Usd(design.CurrentPrice)} the p{p} margin is {Pct(design.CurrentMarginAtPercentile)}"));
        c.MarkupLine($"Lowest monthly price for a {design.TargetMargin.ToString("P0", Inv)} margin at p{p}: [bold]{Usd(design.RequiredPrice)}[/] (set at p{design.SafetyPercentile.ToString("0.##", Inv)} of these users for the sampling error)");
        if (design.ValidatedShare is { } vs && design.ValidatedShareCi95 is { } vci)
        {
            c.MarkupLine($"Out of sample ({design.ValidationUsers:N0} independent users, seed {design.ValidationSeed}): {vs.ToString("P1", Inv)} keep the margin at that price (95 % CI {vci.Low.ToString("P1", Inv)}–{vci.High.ToString("P1", Inv)}; target {(design.Percentile / 100).ToString("P1", Inv)})");
        }
        var unit = design.Meter == PlanMeter.Calls ? "calls" : "sessions";
        c.MarkupLine(design.UsageCap is { } cap
            ? $"Or keep {Usd(design.CurrentPrice)} and cap usage at [bold]{cap.ToString("N0", Inv)} {unit}/month[/] ({Markup.Escape(design.UsageCapNote)})"
            : $"Usage cap: {Markup.Escape(design.UsageCapNote)}");
        var table = new Table().Border(TableBorder.Simple).AddColumns("pricing", "how", "revenue/user", "gross margin", "unprofitable", $"margin at p{p}");
        foreach (var m in design.PricingModels)
        {
            table.AddRow(m.Model, Markup.Escape(m.Description), Usd(m.RevenuePerUser), Pct(m.GrossMargin), m.UnprofitableShare.ToString("P1", Inv), Pct(m.MarginAtPercentile));
        }

        c.Write(table);
    }

    private static string I(FormattableString text) => text.ToString(Inv);

    private static string Usd(double? v) => v is { } x ? (Math.Abs(x) >= 100 ? x.ToString("N0", Inv) : x.ToString("0.00##", Inv)) : "–";

    private static string Delta(double? v) => v is { } x ? (x >= 0 ? "+" : "−") + Usd(Math.Abs(x)) : "–";

    private static string Pct(double? v) => v is { } x ? x.ToString("P1", Inv) : "–";
}
