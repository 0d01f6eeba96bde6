using InferCost.Application.Pricing;
using InferCost.Application.Validation;
using InferCost.Data.Catalog;
using InferCost.Errors;
using InferCost.Pricing;

namespace InferCost.Application.Catalogs;

/// <summary>The price catalog: models, one model's details, and the catalog's counts and sources.</summary>
/// <param name="catalogs">Where the price catalog comes from.</param>
/// <param name="clock">The clock "now" comes from (prices in force, market tiers); the system clock when null.</param>
public sealed class CatalogService(CatalogSource catalogs, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Catalog models with their current prices, filtered and sorted.</summary>
    /// <exception cref="RequestValidationException">A field is out of range.</exception>
    /// <exception cref="InferCostException">Unknown provider.</exception>
    public ModelListResult Models(ModelsRequest request)
    {
        Validator.ThrowIfInvalid(request);
        var catalog = catalogs.Catalog;
        var now = _clock.GetUtcNow();
        string? providerId = null;
        if (request.Provider is { } requested)
        {
            providerId = (catalog.FindProvider(providerId: requested) ?? throw PricingService.UnknownProvider(catalog, requested)).Id;
        }

        var rows = catalog.AllModels
            .Where(m => providerId is null || m.Provider.Id == providerId)
            .Where(m => request.IncludeDeprecated || !m.Model.Deprecated)
            .Select(m => ModelRow.Of(m, now))
            .Where(r => request.Tier is not { } t || r.MarketTier == t)
            .Where(r => request.MaxOutputPrice is not { } max || (r.OutputPerMillion is { } o && o <= max))
            .ToList();
        rows = request.Sort switch
        {
            "input" => [.. rows.OrderBy(r => r.InputPerMillion ?? decimal.MaxValue).ThenBy(r => r.Id, StringComparer.Ordinal)],
            "output" => [.. rows.OrderBy(r => r.OutputPerMillion ?? decimal.MaxValue).ThenBy(r => r.Id, StringComparer.Ordinal)],
            "blended" => [.. rows.OrderBy(r => r.BlendedPerMillion ?? decimal.MaxValue).ThenBy(r => r.Id, StringComparer.Ordinal)],
            _ => [.. rows.OrderBy(r => r.Provider, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal)],
        };
        return new ModelListResult(rows.Count, rows);
    }

    /// <summary>Every price dimension, tier and dated version of one model, with sources.</summary>
    /// <exception cref="RequestValidationException">No model id.</exception>
    /// <exception cref="InferCostException">Unknown model (the message names the nearest).</exception>
    public ModelDetail Model(ModelRequest request)
    {
        Validator.ThrowIfInvalid(request);
        var m = catalogs.Catalog.Resolve(request.Id, request.Provider);
        var now = _clock.GetUtcNow();
        var facts = m.Facts;
        return new ModelDetail(
            m.Provider.Id,
            m.Model.Id,
            m.Model.Name,
            m.Model.EffectiveContextWindow,
            facts.MaxOutputTokens?.Value,
            m.Model.Deprecated,
            MarketTiers.Of(m, now),
            facts.OpenWeights?.Value,
            facts.BatchMultiplier is { } b ? Decimals.Normalize(b.Value) : null,
            facts.CacheStoragePerMillionHour is { } cs ? Decimals.Normalize(cs.Value) : null,
            facts.FreeWebSearchesPerMonth?.Value,
            [.. m.Model.Versions.Select(v => new VersionDetail(
                v.Constraint?.ToString() ?? "always",
                ReferenceEquals(v.Rates, m.Model.RatesAt(now)),
                [.. v.Rates.Prices.Select(p => new PriceDetail(p.Unit.PriceKey, PriceUnits.PerLabel(p.Unit), Decimals.Normalize(p.Price.Base),
                    [.. p.Price.Tiers.Select(t => new TierDetail(t.Start, Decimals.Normalize(t.Price)))],
                    m.Model.OverlayPrices.TryGetValue(p.Unit.PriceKey, out var src) ? src.Source : "genai-prices",
                    src?.AsOf))]))],
            [.. m.Model.Alternatives.Select(a => new AlternativeDetail(a.Label, Decimals.Normalize(a.InputPerMillion), Decimals.Normalize(a.OutputPerMillion), a.Source, a.AsOf))],
            Sources(m),
            m.Model.PriceComments);
    }

    /// <summary>Counts and attribution of the catalog in use.</summary>
    public CatalogInfoResult Info()
    {
        var catalog = catalogs.Catalog;
        var models = catalog.AllModels.ToList();
        var overlayValues = models.Sum(m => m.Model.OverlayPrices.Count + CountFacts(m.Model.Facts) + m.Model.Alternatives.Length) + catalog.Providers.Sum(p => CountFacts(p.Facts));
        return new CatalogInfoResult(
            catalog.Providers.Length,
            models.Count,
            overlayValues,
            [.. catalog.Attributions],
            File.Exists(CatalogLoader.UpdatedBasePath) ? CatalogLoader.UpdatedBasePath : null);
    }

    private static string[] Sources(ResolvedModel m)
        => [.. m.Provider.PricingUrls.Concat(m.Model.OverlayPrices.Values.Select(s => s.Source)).Concat(SourcedFacts(m.Facts)).Distinct(StringComparer.Ordinal)];

    private static IEnumerable<string> SourcedFacts(ModelFacts f)
        => new string?[] { f.BatchMultiplier?.Source, f.ContextWindow?.Source, f.MaxOutputTokens?.Source, f.CacheStoragePerMillionHour?.Source, f.FreeWebSearchesPerMonth?.Source, f.OpenWeights?.Source, f.MarketTier?.Source }
            .OfType<string>().Distinct(StringComparer.Ordinal);

    private static int CountFacts(ModelFacts f) => new object?[] { f.BatchMultiplier, f.ContextWindow, f.MaxOutputTokens, f.CacheStoragePerMillionHour, f.FreeWebSearchesPerMonth, f.OpenWeights, f.MarketTier }.Count(x => x is not null);
}
