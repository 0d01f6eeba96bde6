using System.Globalization;
using InferCost.Errors;
using InferCost.Pricing;

namespace InferCost.Web.Adapters;

// Thin adapter: the same Core calls the CLI's models/model/quote/compare commands make, until the application
// layer (src/InferCost.Application, issue 10 part 1) provides these services. No math of its own.

/// <summary>Models, model, quote and compare over one loaded catalog.</summary>
public sealed class PricingOperations(PriceCatalog catalog)
{
    /// <summary>The catalog the operations run on.</summary>
    public PriceCatalog Catalog { get; } = catalog;

    /// <summary>The rows <c>infercost models</c> lists.</summary>
    public ModelList Models(string? providerId, MarketTier? tier, decimal? maxOutputPrice, string sort, bool includeDeprecated)
    {
        var now = DateTimeOffset.UtcNow;
        var provider = providerId is null ? null : Catalog.FindProvider(providerId: providerId)
            ?? throw new InferCostException($"Unknown provider '{providerId}'. Closest: {string.Join(", ", PriceCatalog.Nearest(providerId, Catalog.Providers.Select(p => p.Id), 5))}");
        var rows = Catalog.AllModels
            .Where(m => provider is null || m.Provider.Id == provider.Id)
            .Where(m => includeDeprecated || !m.Model.Deprecated)
            .Select(m => ModelRow.Of(m, now))
            .Where(r => tier is not { } t || r.MarketTier == t)
            .Where(r => maxOutputPrice is not { } max || (r.OutputPerMillion is { } o && o <= max))
            .ToList();
        rows = sort switch
        {
            "input" => [.. rows.OrderBy(r => r.InputPerMillion ?? decimal.MaxValue).ThenBy(r => r.Id, StringComparer.Ordinal)],
            "output" => [.. rows.OrderBy(r => r.OutputPerMillion ?? decimal.MaxValue).ThenBy(r => r.Id, StringComparer.Ordinal)],
            "blended" => [.. rows.OrderBy(r => r.BlendedPerMillion ?? decimal.MaxValue).ThenBy(r => r.Id, StringComparer.Ordinal)],
            "id" => [.. rows.OrderBy(r => r.Provider, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal)],
            _ => throw new InferCostException($"sort must be one of id, input, output, blended (got '{sort}')"),
        };
        return new ModelList(rows.Count, rows);
    }

    /// <summary>Every price dimension, tier and dated version of one model (<c>infercost model ID</c>).</summary>
    public ModelDetail Model(string id, string? providerId)
    {
        var m = Catalog.Resolve(id, providerId);
        var now = DateTimeOffset.UtcNow;
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
            facts.BatchMultiplier is { } b ? Numbers.Normalize(b.Value) : null,
            facts.CacheStoragePerMillionHour is { } cs ? Numbers.Normalize(cs.Value) : null,
            facts.FreeWebSearchesPerMonth?.Value,
            [.. m.Model.Versions.Select(v => new VersionDetail(
                v.Constraint?.ToString() ?? "always",
                ReferenceEquals(v.Rates, m.Model.RatesAt(now)),
                [.. v.Rates.Prices.Select(p => new PriceDetail(p.Unit.PriceKey, Numbers.PerLabel(p.Unit), Numbers.Normalize(p.Price.Base),
                    [.. p.Price.Tiers.Select(t => new TierDetail(t.Start, Numbers.Normalize(t.Price)))],
                    m.Model.OverlayPrices.TryGetValue(p.Unit.PriceKey, out var src) ? src.Source : "genai-prices",
                    src?.AsOf))]))],
            [.. m.Model.Alternatives.Select(a => new AlternativeDetail(a.Label, Numbers.Normalize(a.InputPerMillion), Numbers.Normalize(a.OutputPerMillion), a.Source, a.AsOf))],
            Sources(m),
            m.Model.PriceComments);
    }

    /// <summary>A token volume priced on one model (<c>infercost quote</c>).</summary>
    public QuoteJson Quote(string model, string? providerId, QuoteRequest request)
    {
        var resolved = Catalog.Resolve(model, providerId);
        return QuoteJson.Of(Quoter.Price(resolved, request, DateTimeOffset.UtcNow));
    }

    /// <summary>The same volume on several models, cheapest first (<c>infercost compare</c>).</summary>
    public CompareResult Compare(IReadOnlyList<string> models, MarketTier? tier, string? providerId, int top, QuoteRequest request)
    {
        var now = DateTimeOffset.UtcNow;
        IEnumerable<ResolvedModel> candidates;
        if (models.Count > 0)
        {
            candidates = models.Select(id => Catalog.Resolve(id, providerId));
        }
        else if (providerId is not null)
        {
            var p = Catalog.FindProvider(providerId: providerId) ?? throw new InferCostException($"Unknown provider '{providerId}'. Closest: {string.Join(", ", PriceCatalog.Nearest(providerId, Catalog.Providers.Select(x => x.Id), 5))}");
            candidates = p.Models.Where(m => !m.Deprecated).Select(m => new ResolvedModel(p, m));
        }
        else if (tier is { } t)
        {
            candidates = Catalog.AllModels.Where(m => !m.Model.Deprecated && MarketTiers.Of(m, now) == t);
        }
        else
        {
            throw new InferCostException("say which models to compare: models=a,b,c, tier=TIER or provider=P");
        }

        var quotes = new List<Quote>();
        var skipped = new List<string>();
        foreach (var m in candidates)
        {
            try
            {
                var rates = m.Model.RatesAt(request.At ?? now);
                if (rates.PriceOf(UsageUnits.InputTokens) is null || rates.PriceOf(UsageUnits.OutputTokens) is null)
                {
                    skipped.Add(m.QualifiedId);
                    continue;
                }

                quotes.Add(Quoter.Price(m, request with { Batch = request.Batch && m.Facts.BatchMultiplier is not null }, now));
            }
            catch (PricingException)
            {
                skipped.Add(m.QualifiedId);
            }
        }

        var ranked = quotes.OrderBy(q => q.Breakdown.TotalCost).ThenBy(q => q.Model.QualifiedId, StringComparer.Ordinal).Take(top).ToList();
        return new CompareResult(ranked.Count, [.. ranked.Select((q, i) => QuoteJson.Of(q) with { Rank = i + 1 })], skipped);
    }

    private static string[] Sources(ResolvedModel m)
        => [.. m.Provider.PricingUrls.Concat(m.Model.OverlayPrices.Values.Select(s => s.Source)).Concat(SourcedFacts(m.Facts)).Distinct(StringComparer.Ordinal)];

    private static IEnumerable<string> SourcedFacts(ModelFacts f)
        => new string?[] { f.BatchMultiplier?.Source, f.ContextWindow?.Source, f.MaxOutputTokens?.Source, f.CacheStoragePerMillionHour?.Source, f.FreeWebSearchesPerMonth?.Source, f.OpenWeights?.Source, f.MarketTier?.Source }
            .OfType<string>().Distinct(StringComparer.Ordinal);
}

/// <summary>Number formatting shared with the CLI's JSON.</summary>
public static class Numbers
{
    /// <summary>Drops trailing zeros so JSON shows <c>17.5</c>, not <c>17.500000</c>.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>"1M", "1K", "hour": what a unit's price is per.</summary>
    public static string PerLabel(UsageUnit unit) => unit.Per switch
    {
        1_000_000m => "1M",
        1_000m => "1K",
        3600m => "hour",
        1_000_000_000m => "1G",
        _ => unit.Per.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>The result of <c>models</c>.</summary>
public sealed record ModelList(int Count, IReadOnlyList<ModelRow> Models);

/// <summary>The result of <c>compare</c>.</summary>
public sealed record CompareResult(int Count, IReadOnlyList<QuoteJson> Quotes, IReadOnlyList<string> Skipped);

/// <summary>One row of <c>infercost models</c>.</summary>
public sealed record ModelRow(string Provider, string Id, string? Name, decimal? InputPerMillion, decimal? CachedInputPerMillion, decimal? OutputPerMillion,
    decimal? BlendedPerMillion, bool Tiered, MarketTier? MarketTier, long? ContextWindow, bool Deprecated)
{
    /// <summary>The row of one model at a time.</summary>
    public static ModelRow Of(ResolvedModel m, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(m);
        var rates = m.Model.RatesAt(at);
        var input = rates.PriceOf(UsageUnits.InputTokens)?.Base;
        var output = rates.PriceOf(UsageUnits.OutputTokens)?.Base;
        return new ModelRow(m.Provider.Id, m.Model.Id, m.Model.Name, input is { } i ? Numbers.Normalize(i) : null,
            rates.PriceOf(UsageUnits.CacheReadTokens)?.Base is { } c ? Numbers.Normalize(c) : null,
            output is { } o ? Numbers.Normalize(o) : null,
            input is { } bi && output is { } bo ? Numbers.Normalize(MarketTiers.Blended(bi, bo)) : null,
            rates.IsTiered, MarketTiers.Of(m, at), m.Model.EffectiveContextWindow, m.Model.Deprecated);
    }
}

/// <summary>A long-context tier.</summary>
public sealed record TierDetail(long Start, decimal Price);

/// <summary>One price of a version.</summary>
public sealed record PriceDetail(string PriceKey, string Per, decimal Base, TierDetail[] Tiers, string Source, DateOnly? AsOf);

/// <summary>One dated price version.</summary>
public sealed record VersionDetail(string When, bool InForceNow, PriceDetail[] Prices);

/// <summary>An alternative price (another source or offer).</summary>
public sealed record AlternativeDetail(string Label, decimal InputMtok, decimal OutputMtok, string Source, DateOnly AsOf);

/// <summary>The result of <c>model</c>.</summary>
public sealed record ModelDetail(string Provider, string Model, string? Name, long? ContextWindow, long? MaxOutputTokens, bool Deprecated, MarketTier? MarketTier,
    bool? OpenWeights, decimal? BatchMultiplier, decimal? CacheStoragePerMillionHour, long? FreeWebSearchesPerMonth, VersionDetail[] Versions,
    AlternativeDetail[] Alternatives, string[] Sources, string? PriceComments);

/// <summary>One priced dimension of a quote.</summary>
public sealed record QuoteLineJson(string Unit, string PriceKey, decimal Quantity, decimal UnitPrice, string Per, bool LongContextTier, decimal Cost);

/// <summary>The result of <c>quote</c> (and one row of <c>compare</c>).</summary>
public sealed record QuoteJson(int? Rank, string Provider, string Model, long Requests, long PromptTokensPerRequest, decimal? BatchMultiplier,
    QuoteLineJson[] Lines, decimal InputCost, decimal OutputCost, decimal OtherCost, decimal TotalCost, string PricesAt, string[] Notes)
{
    /// <summary>The JSON shape of a Core quote.</summary>
    public static QuoteJson Of(Quote q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return new(null, q.Model.Provider.Id, q.Model.Model.Id, q.Requests, q.PromptTokensPerRequest,
            q.Breakdown.BatchMultiplier is { } m ? Numbers.Normalize(m) : null,
            [.. q.Breakdown.Lines.Select(l => new QuoteLineJson(l.Unit.UsageKey, l.Unit.PriceKey, Numbers.Normalize(l.Quantity), Numbers.Normalize(l.UnitPrice), Numbers.PerLabel(l.Unit), l.TierIndex >= 0, Numbers.Normalize(l.Cost.Usd)))],
            Numbers.Normalize(q.Breakdown.InputCost.Usd), Numbers.Normalize(q.Breakdown.OutputCost.Usd), Numbers.Normalize(q.Breakdown.OtherCost.Usd),
            Numbers.Normalize(q.Breakdown.TotalCost.Usd), q.At.ToString("o", CultureInfo.InvariantCulture), [.. q.Notes]);
    }
}
