namespace InferCost.Simulation;

/// <summary>What a dollar of simulated cost was spent on.</summary>
public enum CostDimension
{
    /// <summary>Uncached input tokens.</summary>
    Input,

    /// <summary>Cached input reads.</summary>
    Cached,

    /// <summary>Cache writes (Anthropic premium writes).</summary>
    CacheWrite,

    /// <summary>Visible output tokens.</summary>
    Output,

    /// <summary>Reasoning output tokens.</summary>
    Reasoning,

    /// <summary>Tool fees (web search) and per-request fees.</summary>
    Tools,

    /// <summary>Explicit cache storage (Gemini), spread over users.</summary>
    Storage,
}
