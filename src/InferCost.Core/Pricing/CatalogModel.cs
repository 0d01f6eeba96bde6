using System.Collections.Immutable;

namespace InferCost.Pricing;

/// <summary>A value with where it came from and when it was read: every overlay price or fact carries one.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Value">The value.</param>
/// <param name="Source">A URL (or document) the value was read from.</param>
/// <param name="AsOf">The date the source was read or the price took effect.</param>
public sealed record Sourced<T>(T Value, string Source, DateOnly AsOf);

/// <summary>Price segments of seed 004: premium ($3–20/M), mid ($0.10–1/M), commodity ($0.01–0.10/M).</summary>
public enum MarketTier
{
    /// <summary>$0.01–0.10 per million output-equivalent tokens.</summary>
    Commodity,

    /// <summary>$0.10–1 per million.</summary>
    Mid,

    /// <summary>Between mid and premium ($1–3 per million).</summary>
    Upper,

    /// <summary>$3–20 per million.</summary>
    Premium,
}

/// <summary>
/// What InferCost knows about a model beyond its token prices, from the InferCost overlay: batch discount,
/// context window, max output, cache storage, open weights, market tier. Each value has a source and a date.
/// </summary>
public sealed record ModelFacts
{
    /// <summary>Gets no facts.</summary>
    public static ModelFacts None { get; } = new();

    /// <summary>Gets the multiplier on token prices for batch requests (0.5 = 50 % off).</summary>
    public Sourced<decimal>? BatchMultiplier { get; init; }

    /// <summary>Gets the context window in tokens.</summary>
    public Sourced<long>? ContextWindow { get; init; }

    /// <summary>Gets the maximum output tokens per request.</summary>
    public Sourced<long>? MaxOutputTokens { get; init; }

    /// <summary>Gets the price of keeping 1M tokens in an explicit context cache for one hour.</summary>
    public Sourced<decimal>? CacheStoragePerMillionHour { get; init; }

    /// <summary>Gets the number of grounded/web-search requests per month that are free.</summary>
    public Sourced<long>? FreeWebSearchesPerMonth { get; init; }

    /// <summary>Gets whether the weights are published.</summary>
    public Sourced<bool>? OpenWeights { get; init; }

    /// <summary>Gets the market tier (seed 004).</summary>
    public Sourced<MarketTier>? MarketTier { get; init; }

    /// <summary>Merges: values set in <paramref name="other"/> win.</summary>
    public ModelFacts With(ModelFacts other) => new()
    {
        BatchMultiplier = other.BatchMultiplier ?? BatchMultiplier,
        ContextWindow = other.ContextWindow ?? ContextWindow,
        MaxOutputTokens = other.MaxOutputTokens ?? MaxOutputTokens,
        CacheStoragePerMillionHour = other.CacheStoragePerMillionHour ?? CacheStoragePerMillionHour,
        FreeWebSearchesPerMonth = other.FreeWebSearchesPerMonth ?? FreeWebSearchesPerMonth,
        OpenWeights = other.OpenWeights ?? OpenWeights,
        MarketTier = other.MarketTier ?? MarketTier,
    };
}

/// <summary>
/// A model in the catalog: its id, the rule that matches ids in API responses, and its dated price versions.
/// </summary>
public sealed record CatalogModel
{
    /// <summary>Gets the canonical id, e.g. <c>gpt-5.4</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the display name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the rule matching model ids that mean this model.</summary>
    public required ModelMatch Match { get; init; }

    /// <summary>Gets the context window in tokens from the price database, when known.</summary>
    public long? ContextWindow { get; init; }

    /// <summary>Gets whether the provider deprecated the model.</summary>
    public bool Deprecated { get; init; }

    /// <summary>Gets notes on how the prices were read.</summary>
    public string? PriceComments { get; init; }

    /// <summary>Gets the price versions in source order; the last one whose constraint holds wins.</summary>
    public required ImmutableArray<PriceVersion> Versions { get; init; }

    /// <summary>Gets overlay facts.</summary>
    public ModelFacts Facts { get; init; } = ModelFacts.None;

    /// <summary>Gets where each overlay price (by price key) came from.</summary>
    public ImmutableDictionary<string, Sourced<decimal>> OverlayPrices { get; init; } = ImmutableDictionary<string, Sourced<decimal>>.Empty;

    /// <summary>
    /// Gets the prices that replace the standard ones under a provider's service tier (OpenAI's <c>flex</c> and
    /// <c>priority</c>), by tier name; the overlay's sources are in <see cref="OverlayPrices"/> as <c>tier:price_key</c>.
    /// </summary>
    public ImmutableDictionary<string, ImmutableArray<UnitPrice>> ServiceTiers { get; init; } = ImmutableDictionary<string, ImmutableArray<UnitPrice>>.Empty;

    /// <summary>Gets sourced alternative list prices that differ from the database (e.g. prices a seed article quotes).</summary>
    public ImmutableArray<AlternativePrice> Alternatives { get; init; } = [];

    /// <summary>Gets the shortest audio duration billed per request, in seconds (Groq bills Whisper for at least 10 s).</summary>
    public decimal? MinimumBilledAudioSeconds { get; init; }

    /// <summary>
    /// The usage as the provider bills it: applies per-model billing rules such as a minimum billed audio duration
    /// (the same rule the genai-prices calculators apply to Groq's Whisper models).
    /// </summary>
    public Usage ApplyBillingRules(in Usage usage)
    {
        if (MinimumBilledAudioSeconds is not { } minimum)
        {
            return usage;
        }

        UsageUnits.TryGetByUsageKey("audio_seconds", out var audio);
        UsageUnits.TryGetByUsageKey("input_audio_seconds", out var inputAudio);
        var (a, ia) = (usage.Get(audio!), usage.Get(inputAudio!));
        var duration = a == 0m ? ia : a ?? ia;
        if (duration is not { } d)
        {
            return usage;
        }

        var billed = d > 0 ? Math.Max(d, minimum) : 0m;
        var b = new UsageBuilder(usage);
        b.Set(audio!, billed);
        b.Set(inputAudio!, billed);
        return b.ToUsage();
    }

    /// <summary>The rate card in force at <paramref name="at"/>: the last version whose constraint holds, else the first.</summary>
    public RateCard RatesAt(DateTimeOffset at)
    {
        for (var i = Versions.Length - 1; i >= 0; i--)
        {
            var version = Versions[i];
            if (version.Constraint is null || version.Constraint.AppliesAt(at))
            {
                return version.Rates;
            }
        }

        return Versions[0].Rates;
    }

    /// <summary>
    /// The rate card in force at <paramref name="at"/> under <paramref name="serviceTier"/>: the standard one for
    /// <see langword="null"/>, <c>standard</c>, <c>default</c> or <c>auto</c>, else with the tier's prices in place.
    /// </summary>
    /// <exception cref="PricingException">The model has no prices for that tier.</exception>
    public RateCard RatesAt(DateTimeOffset at, string? serviceTier)
    {
        var standard = RatesAt(at);
        if (serviceTier is null || serviceTier.Trim().ToLowerInvariant() is "standard" or "default" or "auto")
        {
            return standard;
        }

        return ServiceTiers.TryGetValue(serviceTier.Trim().ToLowerInvariant(), out var prices)
            ? standard.With(prices)
            : throw new PricingException($"no '{serviceTier}' service-tier prices for {Id} in the catalog (known: {(ServiceTiers.IsEmpty ? "standard only" : "standard, " + string.Join(", ", ServiceTiers.Keys.Order(StringComparer.Ordinal)))}); add them in an overlay (service_tiers)");
    }

    /// <summary>The context window: the overlay's, else the database's.</summary>
    public long? EffectiveContextWindow => Facts.ContextWindow?.Value ?? ContextWindow;
}

/// <summary>A sourced alternative list price for a model (input/output per 1M), shown beside the database price.</summary>
/// <param name="Label">What the price is (e.g. "seed 001: OpenAI list price").</param>
/// <param name="InputPerMillion">Input price per 1M tokens.</param>
/// <param name="OutputPerMillion">Output price per 1M tokens.</param>
/// <param name="Source">Where it was read.</param>
/// <param name="AsOf">When.</param>
public sealed record AlternativePrice(string Label, decimal InputPerMillion, decimal OutputPerMillion, string Source, DateOnly AsOf);
