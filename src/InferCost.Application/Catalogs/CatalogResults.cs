using InferCost.Pricing;

namespace InferCost.Application.Catalogs;

/// <summary>One row of <c>infercost models</c>.</summary>
public sealed record ModelRow(string Provider, string Id, string? Name, decimal? InputPerMillion, decimal? CachedInputPerMillion, decimal? OutputPerMillion,
    decimal? BlendedPerMillion, bool Tiered, MarketTier? MarketTier, long? ContextWindow, bool Deprecated)
{
    /// <summary>The row of a resolved model with the prices in force at <paramref name="at"/>.</summary>
    public static ModelRow Of(ResolvedModel m, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(m);
        var rates = m.Model.RatesAt(at);
        var input = rates.PriceOf(UsageUnits.InputTokens)?.Base;
        var output = rates.PriceOf(UsageUnits.OutputTokens)?.Base;
        return new ModelRow(m.Provider.Id, m.Model.Id, m.Model.Name, Decimals.Normalize(input),
            Decimals.Normalize(rates.PriceOf(UsageUnits.CacheReadTokens)?.Base),
            Decimals.Normalize(output),
            input is { } bi && output is { } bo ? Decimals.Normalize(MarketTiers.Blended(bi, bo)) : null,
            rates.IsTiered, MarketTiers.Of(m, at), m.Model.EffectiveContextWindow, m.Model.Deprecated);
    }
}

/// <summary>The models listed (<c>infercost models --json</c>).</summary>
/// <param name="Count">Models listed.</param>
/// <param name="Models">The rows.</param>
public sealed record ModelListResult(int Count, IReadOnlyList<ModelRow> Models);

/// <summary>A long-context tier of a price: from <paramref name="Start"/> prompt tokens on.</summary>
public sealed record TierDetail(long Start, decimal Price);

/// <summary>One price of a dated version.</summary>
public sealed record PriceDetail(string PriceKey, string Per, decimal Base, IReadOnlyList<TierDetail> Tiers, string Source, DateOnly? AsOf);

/// <summary>One dated price version of a model.</summary>
public sealed record VersionDetail(string When, bool InForceNow, IReadOnlyList<PriceDetail> Prices);

/// <summary>A published alternative price (another route or offer) with its source.</summary>
public sealed record AlternativeDetail(string Label, decimal InputMtok, decimal OutputMtok, string Source, DateOnly AsOf);

/// <summary>Everything the catalog knows about one model (<c>infercost model ID --json</c>).</summary>
public sealed record ModelDetail(string Provider, string Model, string? Name, long? ContextWindow, long? MaxOutputTokens, bool Deprecated, MarketTier? MarketTier,
    bool? OpenWeights, decimal? BatchMultiplier, decimal? CacheStoragePerMillionHour, long? FreeWebSearchesPerMonth, IReadOnlyList<VersionDetail> Versions,
    IReadOnlyList<AlternativeDetail> Alternatives, IReadOnlyList<string> Sources, string? PriceComments);

/// <summary>Counts and attribution of the catalog in use (<c>infercost catalog info --json</c>).</summary>
/// <param name="Providers">Providers.</param>
/// <param name="Models">Models.</param>
/// <param name="OverlayValues">Sourced values the InferCost overlay adds.</param>
/// <param name="Attribution">Where the data comes from, with licences.</param>
/// <param name="UpdatedSnapshot">The user's updated genai-prices snapshot, when one is in use.</param>
public sealed record CatalogInfoResult(int Providers, int Models, int OverlayValues, IReadOnlyList<CatalogAttribution> Attribution, string? UpdatedSnapshot);
