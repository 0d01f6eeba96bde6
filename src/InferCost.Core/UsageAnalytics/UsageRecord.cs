using InferCost.Pricing;

namespace InferCost.UsageAnalytics;

/// <summary>
/// One request as a usage log recorded it, normalized: when, who, for which feature, on which provider and
/// model, and the tokens and tool calls it used. Token semantics are genai-prices': <see cref="InputTokens"/>
/// includes cache reads and writes, <see cref="OutputTokens"/> includes reasoning.
/// </summary>
/// <remarks>This type is an immutable value type; readers fill one per log line without allocating beyond the strings.</remarks>
public readonly record struct UsageRecord
{
    /// <summary>Gets when the request was made (UTC).</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>Gets the provider's or the log's request id, when known (the import dedupes on it).</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets the user or customer the request was made for, when known.</summary>
    public string? User { get; init; }

    /// <summary>Gets the feature or tag the request belongs to, when known.</summary>
    public string? Feature { get; init; }

    /// <summary>Gets the provider id (e.g. <c>openai</c>), when known.</summary>
    public string? Provider { get; init; }

    /// <summary>Gets the model id as the log wrote it.</summary>
    public string Model { get; init; }

    /// <summary>Gets the catalog entry (<c>provider/model</c>) that priced the record, when read back from a store.</summary>
    public string? PricedAs { get; init; }

    /// <summary>Gets every input token, cache reads and writes included.</summary>
    public long InputTokens { get; init; }

    /// <summary>Gets the input tokens read from a prompt cache.</summary>
    public long CacheReadTokens { get; init; }

    /// <summary>Gets the input tokens written to a prompt cache with a 5-minute (default) TTL.</summary>
    public long CacheWrite5mTokens { get; init; }

    /// <summary>Gets the input tokens written to a prompt cache with a 1-hour TTL.</summary>
    public long CacheWrite1hTokens { get; init; }

    /// <summary>Gets every output token, reasoning included.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Gets the output tokens spent on reasoning.</summary>
    public long ReasoningTokens { get; init; }

    /// <summary>Gets the web search tool calls the request made.</summary>
    public long WebSearches { get; init; }

    /// <summary>Gets how many requests the record stands for (1 unless the log aggregates).</summary>
    public long Requests { get; init; }

    /// <summary>Gets whether the request ran through a batch API (priced with the batch discount).</summary>
    public bool IsBatch { get; init; }

    /// <summary>Gets where <see cref="Time"/> came from (the record itself unless the log had no timestamp).</summary>
    public TimeSource TimeSource { get; init; }

    /// <summary>
    /// The usage a provider's extractor read from the record's response body, with web searches the body's output
    /// items list beyond it (OpenAI Responses <c>web_search_call</c> items, which the extractor does not count).
    /// </summary>
    public Pricing.Usage WithSearches(in Pricing.Usage body)
    {
        if (WebSearches <= (body.Get(UsageUnits.WebSearches) ?? 0))
        {
            return body;
        }

        var b = new UsageBuilder(body);
        b.Set(UsageUnits.WebSearches, WebSearches);
        return b.ToUsage();
    }

    /// <summary>Counts read from an extractor's usage (genai-prices units) into a record.</summary>
    public static UsageRecord FromUsage(in UsageRecord record, in Pricing.Usage usage)
    {
        var w1 = (long)(usage.Get(UsageUnits.CacheWrite1hTokens) ?? 0);
        var w5 = (long)(usage.Get(UsageUnits.CacheWrite5mTokens) ?? Math.Max(0, (usage.Get(UsageUnits.CacheWriteTokens) ?? 0) - w1));
        return record with
        {
            InputTokens = (long)usage.GetOrZero(UsageUnits.InputTokens),
            CacheReadTokens = (long)usage.GetOrZero(UsageUnits.CacheReadTokens),
            CacheWrite5mTokens = w5,
            CacheWrite1hTokens = w1,
            OutputTokens = (long)usage.GetOrZero(UsageUnits.OutputTokens),
            ReasoningTokens = (long)usage.GetOrZero(UsageUnits.OutputReasoningTokens),
            WebSearches = Math.Max(record.WebSearches, (long)usage.GetOrZero(UsageUnits.WebSearches)),
        };
    }


    /// <summary>Gets all cache-write tokens (5-minute and 1-hour).</summary>
    public long CacheWriteTokens => CacheWrite5mTokens + CacheWrite1hTokens;

    /// <summary>Why the numbers cannot describe a request (negative, cache or reasoning exceeding their total), or <see langword="null"/>.</summary>
    public string? Problem()
    {
        if (InputTokens < 0 || CacheReadTokens < 0 || CacheWrite5mTokens < 0 || CacheWrite1hTokens < 0 || OutputTokens < 0 || ReasoningTokens < 0 || WebSearches < 0 || Requests < 0)
        {
            return "token and call counts cannot be negative";
        }

        if (CacheReadTokens + CacheWriteTokens > InputTokens)
        {
            return $"cache reads ({CacheReadTokens}) and writes ({CacheWriteTokens}) exceed input tokens ({InputTokens})";
        }

        if (ReasoningTokens > OutputTokens)
        {
            return $"reasoning tokens ({ReasoningTokens}) exceed output tokens ({OutputTokens})";
        }

        return string.IsNullOrEmpty(Model) ? "no model" : null;
    }

    /// <summary>The usage to price: every normalized unit reported (zeros included), genai-prices semantics.</summary>
    public Pricing.Usage ToUsage() => ToUsage(InputTokens, CacheReadTokens, CacheWrite5mTokens, CacheWrite1hTokens, OutputTokens, ReasoningTokens, WebSearches);

    /// <summary>Builds a usage from normalized counts (fractional counts allowed, e.g. after an efficiency factor).</summary>
    public static Pricing.Usage ToUsage(decimal input, decimal cacheRead, decimal cacheWrite5m, decimal cacheWrite1h, decimal output, decimal reasoning, decimal webSearches)
    {
        var b = default(UsageBuilder);
        b.Set(UsageUnits.InputTokens, input);
        b.Set(UsageUnits.CacheReadTokens, cacheRead);
        b.Set(UsageUnits.CacheWriteTokens, cacheWrite5m + cacheWrite1h);
        b.Set(UsageUnits.CacheWrite5mTokens, cacheWrite5m);
        b.Set(UsageUnits.CacheWrite1hTokens, cacheWrite1h);
        b.Set(UsageUnits.OutputTokens, output);
        b.Set(UsageUnits.OutputReasoningTokens, reasoning);
        b.Set(UsageUnits.WebSearches, webSearches);
        return b.ToUsage();
    }
}
