using InferCost.Pricing;

namespace InferCost.UsageAnalytics;

/// <summary>Prices recorded traffic on an alternative model, with the what-ifs of <see cref="RepriceOptions"/>.</summary>
public static class Repricer
{
    /// <summary>The usage the record would have on the alternative: cache hit rate and efficiency applied.</summary>
    public static Pricing.Usage AdjustedUsage(in UsageRecord record, RepriceTarget target, RepriceOptions options)
    {
        var input = record.InputTokens;
        long cacheRead = record.CacheReadTokens, write5m = record.CacheWrite5mTokens, write1h = record.CacheWrite1hTokens;
        if (options.CacheHit is { } r)
        {
            cacheRead = (long)decimal.Floor(input * r);
            write5m = Math.Min(write5m, input - cacheRead);
            write1h = Math.Min(write1h, input - cacheRead - write5m);
        }

        var f = target.Efficiency;
        return UsageRecord.ToUsage(input, cacheRead, write5m, write1h, record.OutputTokens * f, record.ReasoningTokens * f, record.WebSearches);
    }

    /// <summary>Prices one record on the alternative (exact; same arithmetic as <see cref="RateCard.CalculateTotals"/>).</summary>
    /// <exception cref="PricingException">The rate card cannot price the usage.</exception>
    public static decimal Price(in UsageRecord record, RepriceTarget target, RepriceOptions options)
    {
        var usage = AdjustedUsage(record, target, options);
        var multiplier = target.TokenMultiplier(record.IsBatch, options);
        var pricing = new PricingOptions
        {
            Requests = record.Requests,
            BatchMultiplier = multiplier == 1m ? null : multiplier,
            TierInputTokens = record.InputTokens,
        };
        return target.Rates.CalculateTotals(usage, pricing).TotalCost;
    }
}
