using System.Collections.Immutable;

namespace InferCost.Workloads;

/// <summary>A model a lever may move traffic to, with its task success rate.</summary>
/// <param name="ModelId">Catalog model id.</param>
/// <param name="Provider">Catalog provider, when the id alone is ambiguous.</param>
/// <param name="SuccessRate">Share of tasks (sessions) the model completes on the first attempt (0–1].</param>
/// <param name="TokenEfficiency">Output-token multiplier on the scenario's tasks (seed 000's 4M vs 78M).</param>
public sealed record ModelCandidate(string ModelId, string? Provider = null, double SuccessRate = 1, double TokenEfficiency = 1);

/// <summary>
/// The inputs the cost levers of <c>infercost optimize</c> need (the scenario's <c>levers:</c> section). A lever whose
/// inputs are absent uses a stated default or is skipped with the reason.
/// </summary>
public sealed record LeverSettings
{
    /// <summary>Gets no lever inputs (every lever on its defaults).</summary>
    public static LeverSettings None { get; } = new();

    /// <summary>Gets the task success rate of the scenario's current models (default 1: every task succeeds).</summary>
    public double BaselineSuccessRate { get; init; } = 1;

    /// <summary>Gets the <c>switch_model</c> candidates.</summary>
    public ImmutableArray<ModelCandidate> SwitchCandidates { get; init; } = [];

    /// <summary>Gets the <c>routing</c> lever's cheap first model (escalates to the current model on failure).</summary>
    public ModelCandidate? RoutingCheapModel { get; init; }

    /// <summary>Gets the <c>caching</c> lever's input tokens per call that are stable per user and can move into the cached prefix.</summary>
    public double StableInputTokens { get; init; }

    /// <summary>Gets the <c>batch</c> lever's share of calls that can wait for the batch API (default 0: skipped).</summary>
    public double? BatchEligibleShare { get; init; }

    /// <summary>Gets the <c>distillation</c> lever's student model (an API model standing for the distilled one).</summary>
    public ModelCandidate? DistillationModel { get; init; }

    /// <summary>Gets the one-time cost of distillation (data, training runs, evaluation) in USD.</summary>
    public double DistillationOneTimeCost { get; init; } = 20_000;

    /// <summary>Gets the <c>self_host</c> lever's open model id (serving catalog).</summary>
    public string? SelfHostModel { get; init; }

    /// <summary>Gets the GPU id for <c>self_host</c> (default: the cheapest priced GPU that serves the model).</summary>
    public string? SelfHostGpu { get; init; }

    /// <summary>Gets the USD per GPU-hour for <c>self_host</c> (default: the GPU catalog's low on-demand price).</summary>
    public double? SelfHostGpuHourPrice { get; init; }

    /// <summary>Gets the one-time cost of setting up self-hosting (engineering, deployment) in USD.</summary>
    public double SelfHostOneTimeCost { get; init; } = 30_000;

    /// <summary>Gets the task success rate of the self-hosted open model.</summary>
    public double SelfHostSuccessRate { get; init; } = 1;

    /// <summary>Gets the 24 hourly loads of a day (relative), for the idle capacity of a fleet sized for the peak; empty: flat.</summary>
    public ImmutableArray<double> LoadCurve { get; init; } = [];

    /// <summary>Gets speculative decoding's acceptance rate α of draft tokens (default 0.7).</summary>
    public double SpeculativeAcceptance { get; init; } = 0.7;

    /// <summary>Gets speculative decoding's draft tokens per target step γ (default 4).</summary>
    public int SpeculativeDraftTokens { get; init; } = 4;

    /// <summary>Gets the draft model's cost per token relative to the target's (default 0.05, e.g. a 1B draft for a 70B target at ~5 %).</summary>
    public double SpeculativeDraftCostRatio { get; init; } = 0.05;

    /// <summary>Gets the <c>quantization</c> format: <c>fp8</c> (default) or <c>int4</c>.</summary>
    public string QuantizationPrecision { get; init; } = "fp8";

    /// <summary>Gets the <c>edge</c> lever's share of requests the user's device can take.</summary>
    public double? EdgeShare { get; init; }

    /// <summary>Gets the share of edge requests that fall back to the cloud (device too slow, task too hard); default 0.2.</summary>
    public double EdgeFallbackShare { get; init; } = 0.2;

    /// <summary>Gets the one-time cost of shipping an on-device model in USD.</summary>
    public double EdgeOneTimeCost { get; init; } = 50_000;
}
