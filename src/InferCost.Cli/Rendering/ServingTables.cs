using System.Globalization;
using InferCost.Application.Serving;
using Spectre.Console;

namespace InferCost.Cli.Rendering;

/// <summary>Tables for perf, serve-cost, plan, capacity and breakeven results.</summary>
public static class ServingTables
{
    /// <summary>Renders one predicted decode step or prefill pass.</summary>
    public static void Perf(IAnsiConsole c, PerfResult result)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(result);
        var table = new Table().AddColumns("", "").HideHeaders().Border(TableBorder.Rounded)
            .Title(Inv($"{Markup.Escape(result.Deployment)}: {result.Phase}, batch {result.Batch}, context {result.Context}"));
        table.AddRow("tokens/s (all sequences)", F(result.TokensPerSecond, "N1"));
        if (result.StepMs is { } step)
        {
            table.AddRow("step", $"{F(step, "N3")} ms");
            table.AddRow("tokens/s per sequence", F(result.TokensPerSecondPerSequence ?? 0, "N2"));
        }
        else
        {
            table.AddRow("prefill time", $"{F(result.Ms ?? 0, "N3")} ms");
        }

        table.AddRow("bound", result.Bound);
        table.AddRow("KV memory", Inv($"{F(result.KvMemoryGb, "N2")} GB (max {result.MaxSequences:N0} sequences of {result.Context} tokens)"));
        table.AddRow("weights", $"{F(result.WeightMemoryGb, "N1")} GB");
        c.Write(table);
    }

    /// <summary>Renders one replica's throughput, users and cost.</summary>
    public static void ServeCost(IAnsiConsole c, ServeCostResult r, string title)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(r);
        var table = new Table().AddColumns("", "").HideHeaders().Border(TableBorder.Rounded).Title(Markup.Escape(title));
        table.AddRow("deployment", Inv($"{r.Gpus}x {r.Gpu}, {r.Precision} weights, {r.KvPrecision} KV"));
        table.AddRow("output tokens/s (replica)", F(r.OutputTokensPerSecond, "N1"));
        table.AddRow("concurrent users", Inv($"{r.ConcurrentUsers:N0} at {F(r.TokensPerUserPerSecond, "N1")} tok/s each"));
        table.AddRow("time to first token", $"{F(r.TtftMs, "N0")} ms");
        table.AddRow("GPU price", Inv($"${r.GpuHourPrice}/GPU-hour ({Markup.Escape(r.PriceSource)})"));
        table.AddRow("cost per hour", Inv($"${r.CostPerHour:N2}"));
        table.AddRow("$ per 1M input tokens", Inv($"{r.CostPerMillionInputTokens:0.####}"));
        table.AddRow("$ per 1M output tokens", Inv($"{r.CostPerMillionOutputTokens:0.####}"));
        c.Write(table);
    }

    /// <summary>Renders the queue model's answers a serve-cost result holds: the highest load meeting p95 targets and a concurrency sweep.</summary>
    public static void Load(IAnsiConsole c, ServeCostResult r)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(r);
        if (r.Load is { } load)
        {
            var table = new Table().AddColumns("", "").HideHeaders().Border(TableBorder.Rounded).Title("highest load meeting the p95 targets (queue model)");
            table.AddRow("requests/s per replica", F(load.MaxRequestsPerSecond, "N3"));
            table.AddRow("output tokens/s at that load", F(load.OutputTokensPerSecond, "N1"));
            table.AddRow("TTFT p50 / p95 / p99", $"{F(load.TtftP50Ms, "N0")} / {F(load.TtftP95Ms, "N0")} / {F(load.TtftP99Ms, "N0")} ms");
            table.AddRow("ITL p50 / p95 / p99", $"{F(load.ItlP50Ms, "N1")} / {F(load.ItlP95Ms, "N1")} / {F(load.ItlP99Ms, "N1")} ms");
            table.AddRow("concurrent requests", F(load.ConcurrentRequests, "N1"));
            table.AddRow("$ per 1M output tokens at that load", load.CostPerMillionOutputTokens.ToString("0.####", CultureInfo.InvariantCulture));
            c.Write(table);
        }

        if (r.ConcurrencySweep is { } sweep)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("closed-loop concurrency sweep (queue model)")
                .AddColumns("concurrency", "TTFT p50 ms", "TTFT p95 ms", "ITL p50 ms", "ITL p95 ms", "ITL mean ms", "output tok/s");
            foreach (var p in sweep)
            {
                table.AddRow(
                    p.Concurrency.ToString(CultureInfo.InvariantCulture), F(p.TtftP50Ms, "N1"), F(p.TtftP95Ms, "N1"), F(p.ItlP50Ms, "N2"), F(p.ItlP95Ms, "N2"),
                    F(p.ItlMeanMs, "N2"), F(p.OutputTokensPerSecond, "N1"));
            }

            c.Write(table);
        }
    }

    /// <summary>Renders a sized fleet, with the autoscaled cost when a load curve was given.</summary>
    public static void Capacity(IAnsiConsole c, CapacityResult result)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(result);
        var table = new Table().AddColumns("", "").HideHeaders().Border(TableBorder.Rounded).Title("capacity");
        table.AddRow("replica throughput", Inv($"{result.ReplicaThroughput:N1} output tok/s ({Markup.Escape(result.ThroughputSource)})"));
        table.AddRow("users per replica", Inv($"{result.UsersPerReplica:N0} at {result.TokPerUser} tok/s each"));
        table.AddRow("peak concurrent users", Inv($"{result.PeakConcurrentUsers:N0}"));
        table.AddRow("replicas", Inv($"{result.Replicas:N0}"));
        table.AddRow("GPUs", Inv($"{result.Gpus:N0}"));
        table.AddRow("cost per day", Inv($"${result.CostPerDay:N2}"));
        table.AddRow("cost per month (30 days)", Inv($"${result.CostPerMonth:N2}"));
        if (result.AutoscaledCostPerDay is { } scaledDay)
        {
            table.AddRow("peak / mean load", Inv($"{result.PeakFactor:0.##}"));
            table.AddRow("replicas by hour (autoscaled)", string.Join(" ", result.ReplicasByHour!));
            table.AddRow("cost per day, autoscaled", Inv($"${scaledDay:N2} ({scaledDay / result.CostPerDay:P0} of always-on peak)"));
            table.AddRow("cost per month, autoscaled", Inv($"${result.AutoscaledCostPerMonth:N2}"));
        }

        c.Write(table);
    }

    /// <summary>Renders self-hosting against an API.</summary>
    public static void BreakEven(IAnsiConsole c, BreakEvenResult result)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(result);
        var table = new Table().AddColumns("", "").HideHeaders().Border(TableBorder.Rounded)
            .Title($"{Markup.Escape(result.Deployment)} vs {Markup.Escape(result.Api)}");
        table.AddRow("replica per month (30 days)", Inv($"${result.SelfHostedCostPerMonth:N2}"));
        table.AddRow("API per request", Inv($"${result.ApiCostPerRequest:0.######}"));
        table.AddRow("self-hosted per request, running full", Inv($"${result.SelfHostedCostPerRequestAtCapacity:0.######}"));
        table.AddRow("replica capacity", Inv($"{result.CapacityRequestsPerMonth:N0} requests/month"));
        table.AddRow("break-even", Inv($"{result.BreakEvenRequestsPerMonth:N0} requests/month ({result.BreakEvenOutputTokensPerMonth:N0} output tokens)"));
        table.AddRow("utilisation at break-even", Inv($"{result.UtilizationAtBreakEven:P1}"));
        table.AddRow("verdict", result.SelfHostingCanPay ? "self-hosting pays above break-even" : "the API is cheaper at any volume this replica serves");
        c.Write(table);
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
