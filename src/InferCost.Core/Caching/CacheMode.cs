namespace InferCost.Caching;

/// <summary>How a provider caches prompt prefixes.</summary>
public enum CacheMode
{
    /// <summary>No prompt caching: every input token is billed at the input price.</summary>
    None,

    /// <summary>Automatic prefix caching (OpenAI, DeepSeek, xAI…): hits read at the cached price, writes free.</summary>
    Automatic,

    /// <summary>Explicit breakpoints (Anthropic): hits read at the cached price, writes billed at a premium (1.25× for 5 min, 2× for 1 h).</summary>
    ExplicitBreakpoints,

    /// <summary>Implicit caching (Gemini): like automatic; explicit caches additionally bill storage per token-hour.</summary>
    Implicit,
}
