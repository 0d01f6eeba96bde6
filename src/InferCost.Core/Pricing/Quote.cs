using InferCost.Errors;

namespace InferCost.Pricing;

/// <summary>
/// A volume of tokens to quote on one model: totals over one or more requests. Input includes cached reads and
/// cache writes (as providers report it); output includes reasoning.
/// </summary>
public sealed record QuoteRequest
{
    /// <summary>Gets all input tokens, cache reads and writes included.</summary>
    public long InputTokens { get; init; }

    /// <summary>Gets all output tokens, reasoning included.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Gets input tokens read from a prompt cache.</summary>
    public long CachedTokens { get; init; }

    /// <summary>Gets input tokens written to a prompt cache with the default (5-minute) TTL.</summary>
    public long CacheWriteTokens { get; init; }

    /// <summary>Gets input tokens written to a prompt cache with a 1-hour TTL.</summary>
    public long CacheWrite1hTokens { get; init; }

    /// <summary>Gets the reasoning part of the output tokens.</summary>
    public long ReasoningTokens { get; init; }

    /// <summary>Gets web search tool calls.</summary>
    public long WebSearches { get; init; }

    /// <summary>Gets the number of requests the volume is spread over; null = the fewest that fit the model's limits.</summary>
    public long? Requests { get; init; }

    /// <summary>Gets whether the requests go through the provider's batch API.</summary>
    public bool Batch { get; init; }

    /// <summary>Gets the provider service tier (<c>flex</c>, <c>priority</c>; null = standard).</summary>
    public string? ServiceTier { get; init; }

    /// <summary>Gets the time whose prices apply (null = now).</summary>
    public DateTimeOffset? At { get; init; }
}

/// <summary>A priced quote.</summary>
/// <param name="Model">The model priced.</param>
/// <param name="Request">What was asked.</param>
/// <param name="Requests">How many requests the volume was spread over.</param>
/// <param name="PromptTokensPerRequest">The input tokens per request that chose the long-context tier.</param>
/// <param name="Breakdown">The cost by unit and side.</param>
/// <param name="At">The time whose prices applied.</param>
/// <param name="Notes">Things the user should know (e.g. a fee the catalog has no price for).</param>
public sealed record Quote(ResolvedModel Model, QuoteRequest Request, long Requests, long PromptTokensPerRequest, CostBreakdown Breakdown, DateTimeOffset At, IReadOnlyList<string> Notes);

/// <summary>Prices token volumes on catalog models.</summary>
public static class Quoter
{
    /// <summary>
    /// Prices <paramref name="request"/> on <paramref name="model"/>. Without a request count, the volume is spread
    /// over the fewest requests that respect the model's max output and context window (so a month of tokens is
    /// not priced as one impossible request); the long-context tier follows the input tokens per request.
    /// </summary>
    /// <exception cref="InferCostException">Inconsistent token counts, or batch asked where no discount is known.</exception>
    public static Quote Price(ResolvedModel model, QuoteRequest request, DateTimeOffset now)
    {
        var r = request;
        Check(r.InputTokens >= 0 && r.OutputTokens >= 0 && r.CachedTokens >= 0 && r.CacheWriteTokens >= 0 && r.CacheWrite1hTokens >= 0 && r.ReasoningTokens >= 0 && r.WebSearches >= 0,
            "token counts cannot be negative");
        Check(r.CachedTokens + r.CacheWriteTokens + r.CacheWrite1hTokens <= r.InputTokens,
            $"cached ({r.CachedTokens:N0}) plus cache-write ({r.CacheWriteTokens + r.CacheWrite1hTokens:N0}) tokens exceed input ({r.InputTokens:N0}); --input counts all input tokens, cached ones included");
        Check(r.ReasoningTokens <= r.OutputTokens, "reasoning tokens are part of output tokens and cannot exceed them");
        Check(r.Requests is null or > 0, "requests must be at least 1");

        var at = r.At ?? now;
        var facts = model.Facts;
        var requests = r.Requests ?? FewestRequests(r, facts.MaxOutputTokens?.Value, model.Model.EffectiveContextWindow);
        var notes = new List<string>();
        decimal? batch = null;
        if (r.Batch)
        {
            batch = facts.BatchMultiplier?.Value
                ?? throw new InferCostException($"the catalog has no batch discount for provider '{model.Provider.Id}'; add one in an overlay (batch_multiplier)");
        }

        var builder = default(UsageBuilder);
        builder.Set(UsageUnits.InputTokens, r.InputTokens);
        builder.Set(UsageUnits.OutputTokens, r.OutputTokens);
        if (r.CachedTokens > 0) builder.Set(UsageUnits.CacheReadTokens, r.CachedTokens);
        if (r.CacheWriteTokens + r.CacheWrite1hTokens > 0) builder.Set(UsageUnits.CacheWriteTokens, r.CacheWriteTokens + r.CacheWrite1hTokens);
        if (r.CacheWrite1hTokens > 0) builder.Set(UsageUnits.CacheWrite1hTokens, r.CacheWrite1hTokens);
        if (r.ReasoningTokens > 0) builder.Set(UsageUnits.OutputReasoningTokens, r.ReasoningTokens);
        if (r.WebSearches > 0) builder.Set(UsageUnits.WebSearches, r.WebSearches);

        var rates = model.Model.RatesAt(at, r.ServiceTier);
        if (r.WebSearches > 0 && rates.PriceOf(UsageUnits.WebSearches) is null)
        {
            notes.Add($"{model.QualifiedId} has no web search price in the catalog; searches are not charged here");
        }

        if (r.CachedTokens > 0 && rates.PriceOf(UsageUnits.CacheReadTokens) is null)
        {
            notes.Add($"{model.QualifiedId} has no cached-input price; cached tokens are billed as input");
        }

        var promptPerRequest = (r.InputTokens + requests - 1) / requests;
        var breakdown = rates.Calculate(model.Model.ApplyBillingRules(builder.ToUsage()), new PricingOptions { BatchMultiplier = batch, Requests = requests, TierInputTokens = promptPerRequest });
        return new Quote(model, r, requests, promptPerRequest, breakdown, at, notes);
    }

    /// <summary>The fewest requests that keep each within the max output and the context window.</summary>
    public static long FewestRequests(QuoteRequest request, long? maxOutputTokens, long? contextWindow)
    {
        long Ceil(long a, long b) => (a + b - 1) / b;
        var n = 1L;
        if (maxOutputTokens is > 0 && request.OutputTokens > 0)
        {
            n = Math.Max(n, Ceil(request.OutputTokens, maxOutputTokens.Value));
        }

        if (contextWindow is > 0)
        {
            n = Math.Max(n, Ceil(request.InputTokens + request.OutputTokens, contextWindow.Value));
        }

        return n;
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InferCostException(message);
        }
    }
}

/// <summary>Seed 004's market tiers, by blended price (3 parts input to 1 part output, per 1M tokens).</summary>
public static class MarketTiers
{
    /// <summary>The blended price per 1M tokens: (3 × input + output) / 4.</summary>
    public static decimal Blended(decimal inputPerMillion, decimal outputPerMillion) => ((3 * inputPerMillion) + outputPerMillion) / 4;

    /// <summary>Premium ≥ $3/M, upper $1–3, mid $0.10–1, commodity below $0.10 (seed 004's ranges).</summary>
    public static MarketTier Classify(decimal inputPerMillion, decimal outputPerMillion) => Blended(inputPerMillion, outputPerMillion) switch
    {
        >= 3m => MarketTier.Premium,
        >= 1m => MarketTier.Upper,
        >= 0.10m => MarketTier.Mid,
        _ => MarketTier.Commodity,
    };

    /// <summary>A model's tier: the overlay's when given, else classified from its base input/output prices.</summary>
    public static MarketTier? Of(ResolvedModel model, DateTimeOffset at)
    {
        if (model.Facts.MarketTier is { } sourced)
        {
            return sourced.Value;
        }

        var rates = model.Model.RatesAt(at);
        return rates.PriceOf(UsageUnits.InputTokens) is { } i && rates.PriceOf(UsageUnits.OutputTokens) is { } o
            ? Classify(i.Base, o.Base)
            : null;
    }
}
