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

    /// <summary>P(the product-wide prefix, system prompt and tools, is cached by another session or user); 0 when not shared.</summary>
    public required double SharedHit { get; init; }

    /// <summary>Whether the prefix (or its per-user context part) hits at each user's own call rate.</summary>
    public required bool PerUserPrefix { get; init; }

    /// <summary>Tokens of the prefix shared product-wide (system prompt and tools); <see cref="Prefix"/> adds the user's context.</summary>
    public required double SharedPrefix { get; init; }

    /// <summary>Cache time to live, seconds.</summary>
    public required double TtlSeconds { get; init; }

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
