using InferCost.Pricing;

namespace InferCost.UsageAnalytics;

/// <summary>
/// Turns a rate card into <see cref="PriceBand"/>s: each normalized usage bucket priced at its nearest priced unit
/// (cache reads at the input price when the card has no cache-read price, genai-prices semantics), one band per
/// long-context tier boundary, batch multiplier and efficiency folded in. Summing bucket × price over a band equals
/// <see cref="Repricer.Price"/> exactly.
/// </summary>
public static class PriceBands
{
    /// <summary>The bands of one alternative.</summary>
    public static IReadOnlyList<PriceBand> For(RepriceTarget target, RepriceOptions options)
    {
        var rates = target.Rates;
        var starts = rates.Prices.SelectMany(p => p.Price.Tiers.Select(t => t.Start)).Distinct().Order().ToList();
        var bands = new List<PriceBand>(starts.Count + 1);
        var lower = -1L;
        for (var i = 0; i <= starts.Count; i++)
        {
            long? upper = i < starts.Count ? starts[i] : null;
            var tierInput = lower + 1m; // any integer input in (lower, upper] selects the same tier
            var listMultiplier = target.TokenMultiplier(recordIsBatch: false, options);
            var batchMultiplier = target.TokenMultiplier(recordIsBatch: true, options);
            bands.Add(new PriceBand(target.Id, lower, upper, Prices(rates, tierInput, listMultiplier, target.Efficiency), Prices(rates, tierInput, batchMultiplier, target.Efficiency)));
            if (upper is { } u)
            {
                lower = u;
            }
        }

        return bands;
    }

    private static BucketPrices Prices(RateCard rates, decimal tierInput, decimal multiplier, decimal efficiency)
    {
        decimal PerUnit(params UsageUnit[] candidates)
        {
            foreach (var unit in candidates)
            {
                if (rates.PriceOf(unit) is { } price)
                {
                    return price.PriceFor(tierInput) / unit.Per;
                }
            }

            return 0m;
        }

        var input = UsageUnits.InputTokens;
        var write = UsageUnits.CacheWriteTokens;
        return new BucketPrices(
            Uncached: PerUnit(input) * multiplier,
            CacheRead: PerUnit(UsageUnits.CacheReadTokens, input) * multiplier,
            CacheWrite5m: PerUnit(UsageUnits.CacheWrite5mTokens, write, input) * multiplier,
            CacheWrite1h: PerUnit(UsageUnits.CacheWrite1hTokens, write, input) * multiplier,
            Output: PerUnit(UsageUnits.OutputTokens) * multiplier * efficiency,
            Reasoning: PerUnit(UsageUnits.OutputReasoningTokens, UsageUnits.OutputTokens) * multiplier * efficiency,
            WebSearch: PerUnit(UsageUnits.WebSearches),
            Request: PerUnit(UsageUnits.Requests));
    }
}
