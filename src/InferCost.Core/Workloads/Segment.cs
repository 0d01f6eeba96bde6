namespace InferCost.Workloads;

/// <summary>
/// A group of users: their share of all users, their plan, and their usage as distributions across users
/// (each user draws a typical month once: sessions per month, steps per session, tokens per call).
/// </summary>
public sealed record Segment
{
    /// <summary>Gets the segment id (e.g. <c>pro</c>, <c>power</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the share of users in this segment (segments sum to 1).</summary>
    public required double Share { get; init; }

    /// <summary>Gets the plan id these users are on.</summary>
    public required string PlanId { get; init; }

    /// <summary>Gets sessions per user per month.</summary>
    public required Distribution Sessions { get; init; }

    /// <summary>Gets model calls (steps) per session.</summary>
    public Distribution Steps { get; init; } = new Distribution.Fixed(1);

    /// <summary>Gets new input tokens per call (user message or document), beyond the prefix and history.</summary>
    public required Distribution InputTokens { get; init; }

    /// <summary>Gets visible output tokens per call (before the model's token-efficiency factor and reasoning).</summary>
    public required Distribution OutputTokens { get; init; }

    /// <summary>Gets the Gaussian-copula correlation between sessions and steps (−1 to 1; 0 independent).</summary>
    public double SessionStepCorrelation { get; init; }

    /// <summary>Gets the routing for this segment; <see langword="null"/> uses the scenario's.</summary>
    public Routing? Routing { get; init; }

    /// <summary>Gets the agent-loop shape for this segment; <see langword="null"/> uses the scenario's.</summary>
    public AgentLoop? Agent { get; init; }
}
