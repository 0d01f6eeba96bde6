using System.Collections.Immutable;
using InferCost.Caching;
using InferCost.Pricing;

namespace InferCost.Simulation;

/// <summary>
/// One long-context band of a model's prices in USD per token (doubles, for the Monte Carlo inner loop): used when a
/// request's input tokens exceed <see cref="AboveInputTokens"/> (the whole request is billed at its band).
/// </summary>
/// <param name="AboveInputTokens">The band applies to requests with more input tokens than this (−1 for the base band).</param>
/// <param name="Input">Uncached input.</param>
/// <param name="CacheRead">Cached input read.</param>
/// <param name="CacheWrite5m">Cache write, 5-minute TTL.</param>
/// <param name="CacheWrite1h">Cache write, 1-hour TTL.</param>
/// <param name="Output">Visible output.</param>
/// <param name="Reasoning">Reasoning output.</param>
public readonly record struct RateBand(double AboveInputTokens, double Input, double CacheRead, double CacheWrite5m, double CacheWrite1h, double Output, double Reasoning);

/// <summary>
/// A model's rate card converted once to per-token doubles: the Monte Carlo engine prices millions of simulated calls
/// with these instead of the exact decimal pricer (house rule: per-record pricing is exact, Monte Carlo uses double).
/// </summary>
public sealed record ModelRates
{
    /// <summary>Gets the bands, base band first, by ascending threshold.</summary>
    public required ImmutableArray<RateBand> Bands { get; init; }

    /// <summary>Gets the price per web-search call (catalog price per 1,000 ÷ 1,000), 0 when the card has none.</summary>
    public double WebSearchPerCall { get; init; }

    /// <summary>Gets the per-request fee.</summary>
    public double RequestFee { get; init; }

    /// <summary>Gets the batch multiplier on token prices (1 when the provider has no batch discount).</summary>
    public double BatchMultiplier { get; init; } = 1;

    /// <summary>Gets the explicit-cache storage price per token-hour (0 when unknown).</summary>
    public double StoragePerTokenHour { get; init; }

    /// <summary>
    /// Derives per-token rates from <paramref name="card"/>. Missing cache-read prices fall back to the input price;
    /// missing write prices to input × the provider's write premium (Anthropic 1.25 for 5 min, 2 for 1 h).
    /// </summary>
    /// <exception cref="PricingException">The card has no input or no output price.</exception>
    public static ModelRates From(RateCard card, ModelFacts facts, CacheRules rules, double inputFactor = 1, double outputFactor = 1)
    {
        var input = card.PriceOf(UsageUnits.InputTokens) ?? throw new PricingException("The rate card has no input token price: " + card);
        var output = card.PriceOf(UsageUnits.OutputTokens) ?? throw new PricingException("The rate card has no output token price: " + card);
        var read = card.PriceOf(UsageUnits.CacheReadTokens);
        var write5 = card.PriceOf(UsageUnits.CacheWrite5mTokens) ?? card.PriceOf(UsageUnits.CacheWriteTokens);
        var write1 = card.PriceOf(UsageUnits.CacheWrite1hTokens);
        var reasoning = card.PriceOf(UsageUnits.OutputReasoningTokens);

        var starts = new SortedSet<long>();
        foreach (var p in card.Prices)
        {
            foreach (var t in p.Price.Tiers)
            {
                starts.Add(t.Start);
            }
        }

        var bands = ImmutableArray.CreateBuilder<RateBand>(starts.Count + 1);
        bands.Add(Band(-1));
        foreach (var s in starts)
        {
            bands.Add(Band(s));
        }

        var web = card.PriceOf(UsageUnits.WebSearches);
        var requests = card.PriceOf(UsageUnits.Requests);
        return new ModelRates
        {
            Bands = bands.MoveToImmutable(),
            WebSearchPerCall = web is null ? 0 : (double)web.Base / (double)UsageUnits.WebSearches.Per,
            RequestFee = requests is null ? 0 : (double)requests.Base / (double)UsageUnits.Requests.Per,
            BatchMultiplier = facts.BatchMultiplier is { } b ? (double)b.Value : 1,
            StoragePerTokenHour = facts.CacheStoragePerMillionHour is { } st ? (double)st.Value / 1e6 : 0,
        };

        RateBand Band(long above)
        {
            var at = above + 1m;
            double PerToken(TieredPrice? price, double fallback, double factor) => price is null ? fallback : (double)price.PriceFor(at) / 1e6 * factor;
            var inp = PerToken(input, 0, inputFactor);
            var outp = PerToken(output, 0, outputFactor);
            var premium5 = rules.OneHourWrites ? 1.25 : rules.WritePremium;
            return new RateBand(
                above,
                inp,
                PerToken(read, inp, inputFactor),
                PerToken(write5, inp * (rules.Mode == CacheMode.ExplicitBreakpoints ? premium5 : 1), inputFactor),
                PerToken(write1, inp * (rules.Mode == CacheMode.ExplicitBreakpoints ? 2.0 : 1), inputFactor),
                outp,
                PerToken(reasoning, outp, outputFactor));
        }
    }
}
