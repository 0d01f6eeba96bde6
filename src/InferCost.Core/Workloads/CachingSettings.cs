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

    /// <summary>Gets whether every user shares the same fixed prefix (system prompt and tools), so its arrival rate is product-wide.</summary>
    public bool SharedPrefix { get; init; } = true;
}
