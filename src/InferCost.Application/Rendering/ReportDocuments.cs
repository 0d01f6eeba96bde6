using System.Globalization;
using InferCost.Application.Business;
using InferCost.Application.Pricing;
using InferCost.Application.Serving;
using InferCost.Application.Simulation;
using InferCost.Business;
using InferCost.Simulation;

namespace InferCost.Application.Rendering;

/// <summary>Lays out each operation's result as a <see cref="ReportDocument"/> (for CSV, markdown and HTML).</summary>
public static partial class ReportDocuments
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A quote: one row per priced dimension, then the totals.</summary>
    public static ReportDocument Of(TokenQuoteResult q)
    {
        ArgumentNullException.ThrowIfNull(q);
        var rows = q.Lines.Where(l => l.Quantity != 0 || l.Cost != 0)
            .Select(l => Row(l.Unit, l.Quantity.ToString("#,0.##", Inv), $"${Dec(l.UnitPrice)}/{l.Per}" + (l.LongContextTier ? " (long-context tier)" : ""), Usd(l.Cost)))
            .Append(Row("input", "", "", Usd(q.InputCost)))
            .Append(Row("output", "", "", Usd(q.OutputCost)))
            .Concat(q.OtherCost != 0 ? [Row("other (fees, tools)", "", "", Usd(q.OtherCost))] : [])
            .Append(Row("total", "", "", Usd(q.TotalCost)))
            .ToList();
        var notes = new List<string>
        {
            I($"{q.Requests:N0} request(s) of {q.PromptTokensPerRequest:N0} input tokens{(q.BatchMultiplier is { } m ? $"; batch ×{Dec(m)}" : "")}; prices in force {q.PricesAt[..10]}."),
        };
        notes.AddRange(q.Notes.Select(n => "note: " + n));
        return new ReportDocument($"Quote: {q.QualifiedId}", [new ReportTable("cost by dimension", ["dimension", "quantity", "price", "cost"], rows)], notes);
    }

    /// <summary>A comparison, cheapest first, with each row's multiple of the cheapest.</summary>
    public static ReportDocument Of(CompareResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var cheapest = result.Quotes.Count > 0 ? result.Quotes[0].TotalCost : 0m;
        var rows = result.Quotes.Select(q => Row(
            (q.Rank ?? 0).ToString(Inv), q.QualifiedId, q.Requests.ToString("N0", Inv) + (q.Lines.Any(l => l.LongContextTier) ? " (long ctx)" : ""),
            Usd(q.InputCost), Usd(q.OutputCost), Usd(q.OtherCost), Usd(q.TotalCost), cheapest == 0 ? "" : (q.TotalCost / cheapest).ToString("0.0x", Inv))).ToList();
        var notes = new List<string> { "requests: the fewest each model's max output and context window allow; long ctx = priced at the long-context tier." };
        if (result.Skipped.Count > 0)
        {
            notes.Add("skipped (no input/output token price): " + string.Join(", ", result.Skipped));
        }

        return new ReportDocument("Compare", [new ReportTable("cheapest first", ["#", "model", "requests", "input", "output", "other", "total", "× cheapest"], rows)], notes);
    }

    /// <summary>A P&amp;L and its useful-life sweep.</summary>
    public static ReportDocument Of(PnlResult pnl)
    {
        ArgumentNullException.ThrowIfNull(pnl);
        var rows = new List<IReadOnlyList<string>>
        {
            Row("revenue", Whole(pnl.RevenuePerMonth), I($"{pnl.PayingUsers:N0} paying x ${pnl.Arpu}")),
            Row("serving", Whole(-pnl.ServingCostPerMonth), pnl.ServingCostBasis),
            Row("training amortized", Whole(-pnl.TrainingAmortizationPerMonth), I($"${pnl.TrainingCost:N0} / {pnl.UsefulLifeMonths} months")),
        };
        if (pnl.OtherCostsPerMonth != 0)
        {
            rows.Add(Row("other", Whole(-pnl.OtherCostsPerMonth), ""));
        }

        rows.Add(Row("net", Whole(pnl.NetPerMonth), ""));
        var sweep = pnl.UsefulLifeSweep.Select(r => Row(I($"{r.UsefulLifeMonths} months"), Whole(-r.TrainingAmortizationPerMonth), Whole(r.NetPerMonth))).ToList();
        var notes = new List<string>
        {
            pnl.BreakEvenUsefulLifeMonths is { } m ? I($"break-even useful life: {m:0.0} months") : "break-even useful life: none (serving and other costs exceed revenue)",
        };
        if (pnl.BreakEvenArpu is { } a)
        {
            notes.Add(I($"break-even ARPU at {pnl.UsefulLifeMonths} months: ${a:N2}"));
        }

        return new ReportDocument("P&L per month", [
            new ReportTable("P&L", ["per month", "USD", "basis"], rows),
            new ReportTable("net per month by useful life", ["useful life", "amortization", "net"], sweep)], notes);
    }

    /// <summary>A token price's components.</summary>
    public static ReportDocument Of(TokenPriceDecomposition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new ReportDocument("Token price", [new ReportTable("USD per 1M tokens", ["component", "USD per 1M tokens"], [
            Row("inference", P(d.InferencePerMillion)),
            Row("infrastructure", P(d.InfrastructurePerMillion)),
            Row("training recovery", P(d.TrainingRecoveryPerMillion)),
            Row("future investment", P(d.FutureInvestmentPerMillion)),
            Row("margin", P(d.MarginPerMillion)),
            Row("price", P(d.PricePerMillion))])],
            [$"market tier (seed 004: commodity $0.01-0.10, mid-tier $0.10-1, premium $3-20): {d.MarketTier}"]);
    }

    /// <summary>One predicted decode step or prefill pass.</summary>
    public static ReportDocument Of(PerfResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var rows = new List<IReadOnlyList<string>> { Row("tokens/s (all sequences)", F(r.TokensPerSecond, "N1")) };
        if (r.StepMs is { } step)
        {
            rows.Add(Row("step", $"{F(step, "N3")} ms"));
            rows.Add(Row("tokens/s per sequence", F(r.TokensPerSecondPerSequence ?? 0, "N2")));
        }
        else
        {
            rows.Add(Row("prefill time", $"{F(r.Ms ?? 0, "N3")} ms"));
        }

        rows.Add(Row("bound", r.Bound));
        rows.Add(Row("KV memory", I($"{F(r.KvMemoryGb, "N2")} GB (max {r.MaxSequences:N0} sequences of {r.Context} tokens)")));
        rows.Add(Row("weights", $"{F(r.WeightMemoryGb, "N1")} GB"));
        return new ReportDocument(I($"{r.Deployment}: {r.Phase}, batch {r.Batch}, context {r.Context}"), [new ReportTable("performance", ["measure", "value"], rows)], []);
    }

    /// <summary>One replica's throughput, users and cost (serve-cost and plan).</summary>
    public static ReportDocument Of(ServeCostResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new ReportDocument(I($"{r.Deployment}: ISL {r.Isl}, OSL {r.Osl}"), [new ReportTable("one replica", ["measure", "value"], [
            Row("deployment", I($"{r.Gpus}x {r.Gpu}, {r.Precision} weights, {r.KvPrecision} KV")),
            Row("output tokens/s (replica)", F(r.OutputTokensPerSecond, "N1")),
            Row("concurrent users", I($"{r.ConcurrentUsers:N0} at {F(r.TokensPerUserPerSecond, "N1")} tok/s each")),
            Row("time to first token", $"{F(r.TtftMs, "N0")} ms"),
            Row("GPU price", I($"${r.GpuHourPrice}/GPU-hour ({r.PriceSource})")),
            Row("cost per hour", I($"${r.CostPerHour:N2}")),
            Row("$ per 1M input tokens", I($"{r.CostPerMillionInputTokens:0.####}")),
            Row("$ per 1M output tokens", I($"{r.CostPerMillionOutputTokens:0.####}"))])], []);
    }

    /// <summary>A fleet sized for concurrent users, with the autoscaled cost when a load curve was given.</summary>
    public static ReportDocument Of(CapacityResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var rows = new List<IReadOnlyList<string>>
        {
            Row("replica throughput", I($"{r.ReplicaThroughput:N1} output tok/s ({r.ThroughputSource})")),
            Row("users per replica", I($"{r.UsersPerReplica:N0} at {r.TokPerUser} tok/s each")),
            Row("peak concurrent users", I($"{r.PeakConcurrentUsers:N0}")),
            Row("replicas", I($"{r.Replicas:N0}")),
            Row("GPUs", I($"{r.Gpus:N0}")),
            Row("cost per day", I($"${r.CostPerDay:N2}")),
            Row("cost per month (30 days)", I($"${r.CostPerMonth:N2}")),
        };
        if (r.AutoscaledCostPerDay is { } day)
        {
            rows.Add(Row("peak / mean load", I($"{r.PeakFactor:0.##}")));
            rows.Add(Row("replicas by hour (autoscaled)", string.Join(" ", r.ReplicasByHour ?? [])));
            rows.Add(Row("cost per day, autoscaled", I($"${day:N2} ({day / r.CostPerDay:P0} of always-on peak)")));
            rows.Add(Row("cost per month, autoscaled", I($"${r.AutoscaledCostPerMonth:N2}")));
        }

        return new ReportDocument("Capacity", [new ReportTable("capacity", ["measure", "value"], rows)], []);
    }

    /// <summary>Self-hosting against an API.</summary>
    public static ReportDocument Of(BreakEvenResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new ReportDocument($"{r.Deployment} vs {r.Api}", [new ReportTable("break-even", ["measure", "value"], [
            Row("replica per month (30 days)", I($"${r.SelfHostedCostPerMonth:N2}")),
            Row("API per request", I($"${r.ApiCostPerRequest:0.######}")),
            Row("self-hosted per request, running full", I($"${r.SelfHostedCostPerRequestAtCapacity:0.######}")),
            Row("replica capacity", I($"{r.CapacityRequestsPerMonth:N0} requests/month")),
            Row("break-even", I($"{r.BreakEvenRequestsPerMonth:N0} requests/month ({r.BreakEvenOutputTokensPerMonth:N0} output tokens)")),
            Row("utilisation at break-even", I($"{r.UtilizationAtBreakEven:P1}")),
            Row("verdict", r.SelfHostingCanPay ? "self-hosting pays above break-even" : "the API is cheaper at any volume this replica serves")])], []);
    }

    /// <summary>A simulation: plans, cost by model and dimension, months.</summary>
    public static ReportDocument Of(SimulationResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var plans = r.Plans.Select(p => Row(p.Plan, p.UserShare.ToString("P1", Inv), Usd(p.MonthlyPrice), Usd(p.RevenuePerUser), Usd(p.CostPerUser.P50), Usd(p.CostPerUser.P90),
            Usd(p.CostPerUser.P95), Usd(p.CostPerUser.P99), Usd(p.CostPerUser.Max), Usd(p.CostPerUser.Mean), Usd(p.MarginPerUser.P50), Usd(p.MarginPerUser.P95),
            p.UnprofitableShare.ToString("P1", Inv), Pct(p.GrossMargin))).ToList();
        var d = r.CostByDimension;
        var dims = r.CostByModel.Select(m => Row($"{m.Alias} ({m.Model})", Usd(m.Dimensions.Input), Usd(m.Dimensions.Cached), Usd(m.Dimensions.CacheWrite), Usd(m.Dimensions.Output),
                Usd(m.Dimensions.Reasoning), Usd(m.Dimensions.Tools), Usd(m.Dimensions.Storage), Usd(m.CostPerUser), m.Share.ToString("P0", Inv)))
            .Append(Row("all", Usd(d.Input), Usd(d.Cached), Usd(d.CacheWrite), Usd(d.Output), Usd(d.Reasoning), Usd(d.Tools), Usd(d.Storage), Usd(d.Total), "100%")).ToList();
        var months = r.Months.Select(m => Row(m.Date, m.ActiveUsers.ToString("N0", Inv), Usd(m.Revenue), Usd(m.Cost), Pct(m.GrossMargin))).ToList();
        var notes = r.Warnings.Select(w => "note: " + w).Append(
            $"All users: revenue/user {Usd(r.RevenuePerUser)}, cost/user p50 {Usd(r.CostPerUser.P50)} p95 {Usd(r.CostPerUser.P95)}, gross margin {Pct(r.GrossMargin)}.").ToList();
        return new ReportDocument(I($"{r.Scenario}: {r.Users:N0} simulated users × {r.Months.Length} months from {r.StartMonth}, seed {r.Seed}"), [
            new ReportTable("cost and margin per user-month, by plan",
                ["plan", "users", "price", "revenue/user", "cost p50", "p90", "p95", "p99", "max", "mean", "margin p50", "margin p95", "unprofitable", "gross margin"], plans),
            new ReportTable("mean cost per user-month by dimension and model", ["model", "input", "cached", "cache write", "output", "reasoning", "tools", "storage", "total", "share"], dims),
            new ReportTable("months", ["month", "active users", "revenue", "cost", "gross margin"], months)], notes);
    }

    /// <summary>Two scenarios side by side.</summary>
    public static ReportDocument Of(DiffResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var diff = result.Diff;
        var rows = diff.Plans.Select(p => Row(p.Plan, Usd(p.CostP50A), Usd(p.CostP50B), Usd(p.CostP95A), Usd(p.CostP95B), Delta(p.CostMeanChange),
            Usd(p.MarginPerUserA), Usd(p.MarginPerUserB), Pct(p.GrossMarginA), Pct(p.GrossMarginB))).ToList();
        var b = result.Overrides.Count > 0 && result.A == result.B ? $"{result.A} with {string.Join(", ", result.Overrides)}" : result.B;
        return new ReportDocument($"A {result.A}, B {b}", [new ReportTable("by plan",
                ["plan", "cost p50 A", "cost p50 B", "cost p95 A", "cost p95 B", "Δ mean cost/user", "margin/user A", "margin/user B", "gross margin A", "gross margin B"], rows)],
            [$"All users: cost/user {Usd(diff.CostPerUserA)} → {Usd(diff.CostPerUserB)} ({Delta(diff.CostPerUserB - diff.CostPerUserA)}); gross margin {Pct(diff.GrossMarginA)} → {Pct(diff.GrossMarginB)}; horizon cost {Usd(diff.HorizonCostA)} → {Usd(diff.HorizonCostB)}"]);
    }

    /// <summary>A tornado.</summary>
    public static ReportDocument Of(ScenarioSensitivityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var pct = result.Change.ToString("P0", Inv);
        var rows = result.Bars.Select(bar => Row(bar.Input, Pct(bar.Low), Pct(bar.High), (bar.Swing * 100).ToString("0.00", Inv))).ToList();
        return new ReportDocument($"{result.Scenario}: gross margin {Pct(result.BaselineGrossMargin)}, cost/user {Usd(result.BaselineCostPerUser)}; each input moved ±{pct}",
            [new ReportTable("sensitivity of gross margin", ["input", $"−{pct}", $"+{pct}", "swing (points)"], rows)], []);
    }

    /// <summary>A plan design.</summary>
    public static ReportDocument Of(PlanDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        var p = design.Percentile.ToString("0.##", Inv);
        var unit = design.Meter == InferCost.Workloads.PlanMeter.Calls ? "calls" : "sessions";
        var rows = design.PricingModels.Select(m => Row(m.Model, m.Description, Usd(m.RevenuePerUser), Pct(m.GrossMargin), m.UnprofitableShare.ToString("P1", Inv), Pct(m.MarginAtPercentile))).ToList();
        return new ReportDocument(I($"{design.Plan} ({design.Users:N0} simulated users)"), [new ReportTable("pricing models", ["pricing", "how", "revenue/user", "gross margin", "unprofitable", $"margin at p{p}"], rows)],
        [
            $"p{p} user costs {Usd(design.CostAtPercentile)}/month; at {Usd(design.CurrentPrice)} the p{p} margin is {Pct(design.CurrentMarginAtPercentile)}",
            $"Lowest monthly price for a {design.TargetMargin.ToString("P0", Inv)} margin at p{p}: {Usd(design.RequiredPrice)}",
            design.UsageCap is { } cap ? $"Or keep {Usd(design.CurrentPrice)} and cap usage at {cap.ToString("N0", Inv)} {unit}/month ({design.UsageCapNote})" : $"Usage cap: {design.UsageCapNote}",
        ]);
    }

    private static string[] Row(params string[] cells) => cells;

    private static string I(FormattableString text) => text.ToString(Inv);

    private static string Dec(decimal d) => Decimals.Normalize(d).ToString(Inv);

    private static string Usd(decimal usd) => InferCost.Quantities.Money.FromUsd(usd).ToString();

    private static string Whole(decimal value) => (value < 0 ? "-$" : "$") + Math.Abs(value).ToString("N0", Inv);

    private static string P(decimal value) => value.ToString("0.######", Inv);

    private static string F(double value, string format) => value.ToString(format, Inv);

    private static string Usd(double? v) => v is { } x ? (Math.Abs(x) >= 100 ? x.ToString("N0", Inv) : x.ToString("0.00##", Inv)) : "–";

    private static string Delta(double? v) => v is { } x ? (x >= 0 ? "+" : "−") + Usd(Math.Abs(x)) : "–";

    private static string Pct(double? v) => v is { } x ? x.ToString("P1", Inv) : "–";
}
