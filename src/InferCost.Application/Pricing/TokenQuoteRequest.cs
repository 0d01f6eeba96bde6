using InferCost.Application.Validation;
using InferCost.Pricing;

namespace InferCost.Application.Pricing;

/// <summary>A token volume to price: what <c>infercost quote</c> and <c>compare</c> take (all counts are totals over the volume).</summary>
public sealed record TokenVolume
{
    /// <summary>Gets all input tokens, cached and cache-write tokens included.</summary>
    public long Input { get; init; }

    /// <summary>Gets all output tokens, reasoning included.</summary>
    public long Output { get; init; }

    /// <summary>Gets the input tokens read from the prompt cache.</summary>
    public long Cached { get; init; }

    /// <summary>Gets the input tokens written to the cache with the 5-minute TTL.</summary>
    public long CacheWrite { get; init; }

    /// <summary>Gets the input tokens written to the cache with a 1-hour TTL.</summary>
    public long CacheWrite1h { get; init; }

    /// <summary>Gets the reasoning part of the output tokens.</summary>
    public long Reasoning { get; init; }

    /// <summary>Gets the web search tool calls.</summary>
    public long WebSearches { get; init; }

    /// <summary>Gets the requests the volume is spread over (null: the fewest the model's limits allow).</summary>
    public long? Requests { get; init; }

    /// <summary>Gets whether the provider's batch API discount applies.</summary>
    public bool Batch { get; init; }

    /// <summary>Gets the time whose prices apply (null: now).</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>The same volume as Core's <see cref="QuoteRequest"/>.</summary>
    public QuoteRequest ToQuoteRequest() => new()
    {
        InputTokens = Input,
        OutputTokens = Output,
        CachedTokens = Cached,
        CacheWriteTokens = CacheWrite,
        CacheWrite1hTokens = CacheWrite1h,
        ReasoningTokens = Reasoning,
        WebSearches = WebSearches,
        Requests = Requests,
        Batch = Batch,
        At = At,
    };

    internal void Validate(Validator v)
    {
        v.Check(Input < 0, "input", "--input: token counts cannot be negative")
            .Check(Output < 0, "output", "--output: token counts cannot be negative")
            .Check(Cached < 0, "cached", "--cached: token counts cannot be negative")
            .Check(CacheWrite < 0, "cache_write", "--cache-write: token counts cannot be negative")
            .Check(CacheWrite1h < 0, "cache_write_1h", "--cache-write-1h: token counts cannot be negative")
            .Check(Reasoning < 0, "reasoning", "--reasoning: token counts cannot be negative")
            .Check(WebSearches < 0, "web_searches", "--web-searches: counts cannot be negative")
            .Check(Requests is <= 0, "requests", "requests must be at least 1");
    }
}

/// <summary><c>infercost quote</c>: price a token volume on one model, dimension by dimension.</summary>
public sealed record TokenQuoteRequest : IValidatable
{
    /// <summary>Gets the model id, e.g. <c>gpt-5.4</c> or <c>openai/gpt-5.4</c>.</summary>
    public string Model { get; init; } = "";

    /// <summary>Gets the provider id (null: the one genai-prices picks for the model).</summary>
    public string? Provider { get; init; }

    /// <summary>Gets the token volume.</summary>
    public TokenVolume Volume { get; init; } = new();

    /// <inheritdoc/>
    public IReadOnlyList<FieldError> Validate()
    {
        var v = new Validator().Required(Model, "model", "--model");
        Volume.Validate(v);
        return v.Errors;
    }
}

/// <summary><c>infercost compare</c>: price the same volume on several models, cheapest first.</summary>
public sealed record CompareRequest : IValidatable
{
    /// <summary>Gets the model ids to compare (first choice).</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>Gets a market tier whose every model is compared (when no models are named).</summary>
    public MarketTier? Tier { get; init; }

    /// <summary>Gets a provider whose every model is compared, or the provider of the named models.</summary>
    public string? Provider { get; init; }

    /// <summary>Gets the most rows returned.</summary>
    public int Top { get; init; } = 25;

    /// <summary>Gets the token volume.</summary>
    public TokenVolume Volume { get; init; } = new();

    /// <inheritdoc/>
    public IReadOnlyList<FieldError> Validate()
    {
        var v = new Validator()
            .Check(Models.Count == 0 && Provider is null && Tier is null, "models", "say which models to compare: --models a,b,c, --tier TIER or --provider P")
            .Check(Top < 0, "top", "--top must not be negative");
        Volume.Validate(v);
        return v.Errors;
    }
}
