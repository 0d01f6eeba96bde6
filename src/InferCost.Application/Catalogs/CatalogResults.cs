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
    IReadOnlyList<AlternativeDetail> Alternatives, IReadOnlyList<string> Sources, string? PriceComments)
{
    /// <summary>Gets warnings: a stale catalog, an id resolved through a guess (prefix match, alias, provider fallback) rather than an exact id.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>The genai-prices snapshot the catalog in use is built on.</summary>
/// <param name="Source">The URL or file it was read from (or "built-in: …").</param>
/// <param name="Date">The date the data describes.</param>
/// <param name="Sha256">The SHA-256 of the bytes read, lower-case hex.</param>
/// <param name="Path">Where the converted snapshot is stored (null for the built-in one).</param>
/// <param name="BuiltIn">Whether it is the snapshot shipped inside the tool.</param>
/// <param name="AgeDays">Its age in whole days today.</param>
public sealed record CatalogInUse(string Source, DateOnly Date, string Sha256, string? Path, bool BuiltIn, int AgeDays)
{
    /// <summary>The snapshot <paramref name="snapshot"/> seen on <paramref name="today"/>.</summary>
    public static CatalogInUse Of(CatalogSnapshot snapshot, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new CatalogInUse(snapshot.Source, snapshot.AsOf, snapshot.Sha256, snapshot.Path, snapshot.IsBuiltIn, snapshot.AgeDays(today));
    }
}

/// <summary>Counts, attribution and the snapshot of the catalog in use (<c>infercost catalog info --json</c>).</summary>
/// <param name="Providers">Providers.</param>
/// <param name="Models">Models.</param>
/// <param name="OverlayValues">Sourced values the InferCost overlay adds.</param>
/// <param name="Attribution">Where the data comes from, with licences.</param>
/// <param name="UpdatedSnapshot">The user's updated genai-prices snapshot, when one is in use (the same as <c>in_use.path</c>).</param>
/// <param name="InUse">The snapshot in use: source, date, hash, where it is stored, age.</param>
/// <param name="Warnings">Warnings about the catalog (it is older than the allowed age).</param>
public sealed record CatalogInfoResult(int Providers, int Models, int OverlayValues, IReadOnlyList<CatalogAttribution> Attribution, string? UpdatedSnapshot,
    CatalogInUse InUse, IReadOnlyList<string> Warnings);
