using System.Collections.Immutable;

namespace InferCost.Pricing;

/// <summary>One price that differs between two catalogs.</summary>
/// <param name="Model">The model, as <c>provider/model</c>.</param>
/// <param name="PriceKey">The price key.</param>
/// <param name="Before">The old price (null when newly priced).</param>
/// <param name="After">The new price (null when no longer priced).</param>
public sealed record PriceChange(string Model, string PriceKey, TieredPrice? Before, TieredPrice? After);

/// <summary>What changed between two catalogs: models added and removed, and prices changed (as in force at a date).</summary>
/// <param name="Added">Models only in the new catalog (<c>provider/model</c>).</param>
/// <param name="Removed">Models only in the old catalog.</param>
/// <param name="Changed">Price changes on models in both.</param>
public sealed record CatalogDiff(ImmutableArray<string> Added, ImmutableArray<string> Removed, ImmutableArray<PriceChange> Changed)
{
    /// <summary>Gets whether nothing changed.</summary>
    public bool IsEmpty => Added.IsEmpty && Removed.IsEmpty && Changed.IsEmpty;

    /// <summary>Compares two catalogs at <paramref name="at"/>.</summary>
    public static CatalogDiff Between(PriceCatalog before, PriceCatalog after, DateTimeOffset at)
    {
        var old = before.AllModels.GroupBy(m => m.QualifiedId).ToDictionary(g => g.Key, g => g.First());
        var neu = after.AllModels.GroupBy(m => m.QualifiedId).ToDictionary(g => g.Key, g => g.First());
        var added = neu.Keys.Where(k => !old.ContainsKey(k)).Order(StringComparer.Ordinal).ToImmutableArray();
        var removed = old.Keys.Where(k => !neu.ContainsKey(k)).Order(StringComparer.Ordinal).ToImmutableArray();
        var changed = ImmutableArray.CreateBuilder<PriceChange>();
        foreach (var key in neu.Keys.Where(old.ContainsKey).Order(StringComparer.Ordinal))
        {
            var (a, b) = (old[key].Model.RatesAt(at), neu[key].Model.RatesAt(at));
            foreach (var unit in UsageUnits.All)
            {
                var (pa, pb) = (a.PriceOf(unit), b.PriceOf(unit));
                if (pa != pb)
                {
                    changed.Add(new PriceChange(key, unit.PriceKey, pa, pb));
                }
            }
        }

        return new CatalogDiff(added, removed, changed.ToImmutable());
    }
}
