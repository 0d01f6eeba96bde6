namespace InferCost.Workloads;

/// <summary>How a scenario uses prompt caching; the provider's rules (TTL, minimum length, write premium) come from the model.</summary>
public sealed record CachingSettings
{
    /// <summary>Gets the default: caching on, provider defaults.</summary>
    public static CachingSettings Default { get; } = new();

    /// <summary>Gets whether prompt caching is used at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Gets the TTL override in minutes; <see langword="null"/> uses the provider's (5 min; 60 with <see cref="Extended"/>).</summary>
    public double? TtlMinutes { get; init; }

    /// <summary>Gets whether the extended (1 h) TTL is used: Anthropic bills writes at 2× instead of 1.25×.</summary>
    public bool Extended { get; init; }

    /// <summary>Gets a constant hit rate that overrides the arrival-rate model (0–1), or <see langword="null"/>.</summary>
    public double? HitRate { get; init; }

    /// <summary>Gets whether the fixed prefix is kept in an explicit cache (Gemini): always read at cached rates, storage billed per hour.</summary>
    public bool ExplicitCache { get; init; }

    /// <summary>
    /// Gets whether every user shares the same system prompt and tool definitions, so their arrival rate is
    /// product-wide (the default, as OpenAI and Anthropic caches behave for a prefix shared across an organisation).
    /// <c>false</c>: each user's prompt differs from the first token, so the whole prefix hits at that user's call rate.
    /// The per-user part (<see cref="AgentLoop.UserContextTokens"/>) always hits at the user's own rate.
    /// </summary>
    public bool SharedPrefix { get; init; } = true;

    /// <summary>
    /// Gets the hit rate of requests that overflow a provider's per-prefix routing limit (OpenAI: above about 15
    /// requests a minute per prefix some requests go to other machines, "reducing cache effectiveness"). OpenAI
    /// publishes no figure; 0.5 is a stated assumption (an overflow request lands on a machine that may or may not
    /// have seen the prefix).
    /// </summary>
    public double OverflowHitRate { get; init; } = 0.5;
}
