using InferCost.Application.Catalogs;
using InferCost.Application.Validation;
using InferCost.Errors;
using InferCost.Pricing;

namespace InferCost.Application.Pricing;

/// <summary>Quote and compare: token volumes priced on catalog models.</summary>
/// <param name="catalogs">Where the price catalog comes from.</param>
/// <param name="clock">The clock "now" comes from (prices in force, market tiers); the system clock when null.</param>
public sealed class PricingService(CatalogSource catalogs, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Prices a token volume on one model, dimension by dimension.</summary>
    /// <exception cref="RequestValidationException">A field is out of range.</exception>
    /// <exception cref="InferCostException">Unknown model or provider, or the volume cannot be priced.</exception>
    public TokenQuoteResult Quote(TokenQuoteRequest request)
    {
        Validator.ThrowIfInvalid(request);
        var resolved = catalogs.Catalog.Resolve(request.Model, request.Provider);
        return TokenQuoteResult.Of(Quoter.Price(resolved, request.Volume.ToQuoteRequest(), _clock.GetUtcNow()));
    }

    /// <summary>Prices the same volume on several models, cheapest first; models without input/output prices are skipped.</summary>
    /// <exception cref="RequestValidationException">No models named, or a field out of range.</exception>
    /// <exception cref="InferCostException">Unknown model or provider.</exception>
    public CompareResult Compare(CompareRequest request)
    {
        Validator.ThrowIfInvalid(request);
        var catalog = catalogs.Catalog;
        var now = _clock.GetUtcNow();
        var volume = request.Volume.ToQuoteRequest();
        IEnumerable<ResolvedModel> candidates;
        if (request.Models.Count > 0)
        {
            candidates = request.Models.Select(id => catalog.Resolve(id, request.Provider));
        }
        else if (request.Provider is { } pid)
        {
            var p = catalog.FindProvider(providerId: pid) ?? throw UnknownProvider(catalog, pid);
            candidates = p.Models.Where(m => !m.Deprecated).Select(m => new ResolvedModel(p, m));
        }
        else
        {
            var tier = request.Tier!.Value;
            candidates = catalog.AllModels.Where(m => !m.Model.Deprecated && MarketTiers.Of(m, now) == tier);
        }

        var quotes = new List<Quote>();
        var skipped = new List<string>();
        foreach (var m in candidates)
        {
            try
            {
                var rates = m.Model.RatesAt(volume.At ?? now);
                if (rates.PriceOf(UsageUnits.InputTokens) is null || rates.PriceOf(UsageUnits.OutputTokens) is null)
                {
                    skipped.Add(m.QualifiedId);
                    continue;
                }

                quotes.Add(Quoter.Price(m, volume with { Batch = volume.Batch && m.Facts.BatchMultiplier is not null }, now));
            }
            catch (PricingException)
            {
                skipped.Add(m.QualifiedId);
            }
        }

        var ranked = quotes.OrderBy(q => q.Breakdown.TotalCost).ThenBy(q => q.Model.QualifiedId, StringComparer.Ordinal).Take(request.Top).ToList();
        return new CompareResult(ranked.Count, [.. ranked.Select((q, i) => TokenQuoteResult.Of(q) with { Rank = i + 1 })], skipped);
    }

    internal static InferCostException UnknownProvider(PriceCatalog catalog, string providerId) =>
        new($"Unknown provider '{providerId}'. Closest: {string.Join(", ", PriceCatalog.Nearest(providerId, catalog.Providers.Select(p => p.Id), 5))}");
}
