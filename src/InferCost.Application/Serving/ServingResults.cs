using System.Text.Json.Serialization;
using InferCost.Serving;

namespace InferCost.Application.Serving;

/// <summary>One decode step or prefill pass predicted (<c>infercost perf --json</c>).</summary>
public sealed record PerfResult(
    string Model, string Gpu, int Gpus, string Precision, string KvPrecision, string Phase, int Batch, int Context,
    double TokensPerSecond, double? StepMs, double? Ms, double? TokensPerSecondPerSequence, string Bound, double KvMemoryGb, double WeightMemoryGb, int MaxSequences)
{
    /// <summary>Gets the deployment's description (not part of the JSON).</summary>
    [JsonIgnore]
    public string Deployment { get; init; } = "";
}

/// <summary>One replica's throughput, users and cost (<c>infercost serve-cost --json</c> and <c>plan --json</c>).</summary>
public sealed record ServeCostResult(
    string Model, string Gpu, int Gpus, string Precision, string KvPrecision, int Isl, int Osl, double? TokPerUser,
    int Batch, int ConcurrentUsers, double OutputTokensPerSecond, double InputTokensPerSecond, double TokensPerUserPerSecond, double TtftMs,
    decimal GpuHourPrice, string PriceSource, decimal CostPerHour, decimal CostPerMillionInputTokens, decimal CostPerMillionOutputTokens, int MaxConcurrentSequences)
{
    /// <summary>Gets the deployment's description (not part of the JSON).</summary>
    [JsonIgnore]
    public string Deployment { get; init; } = "";

    /// <summary>Gets the engine preset (or <c>profile PATH</c>) the prediction used; null for <c>plan</c>.</summary>
    public string? Engine { get; init; }

    /// <summary>Gets the highest load meeting the p95 targets (queue model), when targets were given.</summary>
    public LoadPointResult? Load { get; init; }

    /// <summary>Gets the closed-loop concurrency sweep (queue model), when asked for.</summary>
    public IReadOnlyList<SweepPointResult>? ConcurrencySweep { get; init; }

    /// <summary>Gets the tokens one target step yields with speculative decoding, when a draft model was given.</summary>
    public double? SpeculativeTokensPerStep { get; init; }

    /// <summary>The result of a planner estimate.</summary>
    public static ServeCostResult From(ServingCostEstimate e, string priceSource)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(
            e.Deployment.Model.Id, e.Deployment.Gpu.Id, e.Deployment.GpuCount, e.Deployment.WeightPrecision.ToId(), e.Deployment.KvPrecision.ToId(),
            e.Workload.InputTokens, e.Workload.OutputTokens, e.Workload.MinTokensPerUserPerSecond,
            e.Point.ConcurrentSequences, e.Point.ConcurrentSequences, Math.Round(e.Point.OutputTokensPerSecond, 1), Math.Round(e.Point.InputTokensPerSecond, 1),
            Math.Round(e.Point.TokensPerUserPerSecond, 2), Math.Round(e.Point.TimeToFirstTokenMs, 1),
            e.GpuHourPrice, priceSource, e.CostPerHour, Math.Round(e.CostPerMillionInputTokens, 4), Math.Round(e.CostPerMillionOutputTokens, 4), e.MaxConcurrentSequences)
        {
            Deployment = e.Deployment.ToString(),
        };
    }
}

/// <summary>A fleet sized for concurrent users (<c>infercost capacity --json</c>).</summary>
public sealed record CapacityResult(
    int UsersPerReplica, long Replicas, long Gpus, decimal CostPerHour, decimal CostPerDay, decimal CostPerMonth,
    decimal ReplicaThroughput, string ThroughputSource, decimal TokPerUser, decimal PeakConcurrentUsers, decimal GpuHourPrice, int DaysPerMonth,
    decimal PeakFactor, IReadOnlyList<long>? ReplicasByHour, decimal? AutoscaledCostPerDay, decimal? AutoscaledCostPerMonth);

/// <summary>Self-hosting against an API (<c>infercost breakeven --json</c>).</summary>
public sealed record BreakEvenResult(
    string Api, decimal ApiInputPrice, decimal ApiOutputPrice, string Model, string Gpu, int Gpus, string Precision, decimal GpuHourPrice,
    int Isl, int Osl, decimal SelfHostedCostPerMonth, decimal ApiCostPerRequest, decimal SelfHostedCostPerRequestAtCapacity,
    decimal CapacityRequestsPerMonth, decimal BreakEvenRequestsPerMonth, decimal BreakEvenInputTokensPerMonth, decimal BreakEvenOutputTokensPerMonth,
    decimal UtilizationAtBreakEven, bool SelfHostingCanPay)
{
    /// <summary>Gets the deployment's description (not part of the JSON).</summary>
    [JsonIgnore]
    public string Deployment { get; init; } = "";
}

/// <summary>The highest load per replica meeting p95 latency targets, from the queue model.</summary>
public sealed record LoadPointResult(
    double MaxRequestsPerSecond, double OutputTokensPerSecond, double TtftP50Ms, double TtftP95Ms, double TtftP99Ms,
    double ItlP50Ms, double ItlP95Ms, double ItlP99Ms, double ConcurrentRequests, decimal CostPerMillionOutputTokens);

/// <summary>One closed-loop concurrency of a sweep, from the queue model.</summary>
public sealed record SweepPointResult(
    int Concurrency, double TtftP50Ms, double TtftP95Ms, double ItlP50Ms, double ItlP95Ms, double ItlMeanMs, double OutputTokensPerSecond, double RequestsPerSecond);

/// <summary>Efficiency factors fitted to measured points (<c>infercost perf calibrate --from … --json</c>).</summary>
public sealed record EngineFitResult(
    string Engine, int Points, double FitError, double FitMedianError, double? HeldOutError, int Folds, string? Profile, IReadOnlyDictionary<string, double> Factors);

/// <summary>What the serving operations accept (for pickers): open model ids, GPU ids, precisions, engine presets.</summary>
public sealed record ServingChoices(IReadOnlyList<string> Models, IReadOnlyList<string> Gpus, IReadOnlyList<string> Precisions, IReadOnlyList<string> Engines);

/// <summary>One monthly volume on the cost-vs-load curve.</summary>
/// <param name="RequestsPerMonth">The monthly requests.</param>
/// <param name="ApiCostPerMonth">Their cost on the API, USD a month.</param>
/// <param name="SelfHostedCostPerMonth">Their cost on self-hosted replicas, USD a month.</param>
/// <param name="Replicas">The replicas that volume needs (at least one).</param>
public sealed record LoadCostPoint(decimal RequestsPerMonth, decimal ApiCostPerMonth, decimal SelfHostedCostPerMonth, long Replicas);
