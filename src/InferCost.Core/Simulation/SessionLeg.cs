using InferCost.Caching;
using InferCost.Workloads;

namespace InferCost.Simulation;

/// <summary>
/// One model a segment's sessions use, compiled for the inner loop: its weight in the routing, cache hit
/// probabilities, provider cache rules and the agent-loop shape it runs.
/// </summary>
internal readonly struct SessionLeg
{
    public required int Model { get; init; }

    /// <summary>Expected share of the session's calls this model serves (split share; 1 and p for a cascade).</summary>
    public required double Weight { get; init; }

    /// <summary>P(history prefix still cached at the next step).</summary>
    public required double SessionHit { get; init; }

    /// <summary>P(fixed prefix cached from another session or user).</summary>
    public required double PrefixHit { get; init; }

    public required CacheMode Mode { get; init; }

    public required bool OneHourWrites { get; init; }

    public required double MinCacheable { get; init; }

    public required double Efficiency { get; init; }

    public required double BatchShare { get; init; }

    public required double ContextCap { get; init; }

    public required double Prefix { get; init; }

    public required double ToolCallsPerStep { get; init; }

    public required double? ToolFeePerCall { get; init; }

    public required double ReasoningShare { get; init; }

    public required bool ResendHistory { get; init; }

    public required ContextPolicy Policy { get; init; }

    public required double SummaryTokens { get; init; }
}
