using System.Collections.Immutable;

namespace InferCost.Pricing;

/// <summary>A price another source publishes for a model, to compare with ours (never merged).</summary>
/// <param name="Key">The other source's name for the entry, e.g. <c>azure/gpt-4o</c>.</param>
/// <param name="ProviderId">Our provider id the entry belongs to, or <see langword="null"/> when we carry no such provider.</param>
/// <param name="ModelId">The model id to resolve at that provider.</param>
/// <param name="Prices">Per-unit prices by our price key (e.g. <c>input_mtok</c>), in our units.</param>
/// <param name="ContextWindow">The context window (max input tokens) it gives, if any.</param>
public sealed record ExternalPrice(string Key, string? ProviderId, string ModelId, ImmutableDictionary<string, decimal> Prices, long? ContextWindow);

/// <summary>One price where another source disagrees with ours by more than the tolerance.</summary>
/// <param name="Model">The other source's key.</param>
/// <param name="Matched">Our <c>provider/model</c> it was compared with.</param>
/// <param name="Dimension">The price key.</param>
/// <param name="Ours">Our price.</param>
/// <param name="Theirs">Theirs.</param>
/// <param name="Source">Where ours came from (an overlay URL, or <c>genai-prices</c>).</param>
public sealed record PriceDisagreement(string Model, string Matched, string Dimension, decimal Ours, decimal Theirs, string Source);

/// <summary>A context window that differs.</summary>
/// <param name="Model">The other source's key.</param>
/// <param name="Matched">Our <c>provider/model</c>.</param>
/// <param name="Ours">Our context window.</param>
/// <param name="Theirs">Theirs.</param>
public sealed record ContextDisagreement(string Model, string Matched, long Ours, long Theirs);

/// <summary>What a cross-check found: differing prices, entries we cannot match, differing context windows.</summary>
/// <param name="Compared">How many of their entries matched one of ours.</param>
/// <param name="Disagreements">Prices that differ by more than the tolerance.</param>
/// <param name="Unmatched">Their entries we have no model for (sorted).</param>
/// <param name="Context">Context windows that differ.</param>
public sealed record CrossCheckReport(int Compared, ImmutableArray<PriceDisagreement> Disagreements, ImmutableArray<string> Unmatched, ImmutableArray<ContextDisagreement> Context);

/// <summary>
/// Compares our catalog with another price list (LiteLLM's map, another genai-prices snapshot): reports, never merges.
/// An entry matches when <see cref="PriceCatalog.Resolve"/> finds it (pattern matches that name another variant do not).
/// </summary>
public static class CatalogCrossCheck
{
    /// <summary>The relative difference above which two prices disagree (1 %).</summary>
    public const decimal DefaultTolerance = 0.01m;

    /// <summary>Compares <paramref name="theirs"/> with <paramref name="ours"/> at <paramref name="at"/>.</summary>
    public static CrossCheckReport Compare(PriceCatalog ours, IEnumerable<ExternalPrice> theirs, DateTimeOffset at, decimal tolerance = DefaultTolerance)
    {
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(theirs);
        var disagreements = ImmutableArray.CreateBuilder<PriceDisagreement>();
        var unmatched = ImmutableArray.CreateBuilder<string>();
        var context = ImmutableArray.CreateBuilder<ContextDisagreement>();
        var compared = 0;
        foreach (var entry in theirs.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var model = TryMatch(ours, entry);
            if (model is null)
            {
                unmatched.Add(entry.Key);
                continue;
            }

            compared++;
            var rates = model.Model.RatesAt(at);
            foreach (var (key, price) in entry.Prices.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (!UsageUnits.TryGetByPriceKey(key, out var unit) || rates.PriceOf(unit) is not { } mine)
                {
                    continue;
                }

                if (Differs(mine.Base, price, tolerance))
                {
                    var source = model.Model.OverlayPrices.TryGetValue(key, out var s) ? $"{s.Source} ({s.AsOf:yyyy-MM-dd})" : "genai-prices";
                    disagreements.Add(new PriceDisagreement(entry.Key, model.QualifiedId, key, Normalize(mine.Base), Normalize(price), source));
                }
            }

            if (entry.ContextWindow is { } theirWindow && model.Model.EffectiveContextWindow is { } ourWindow && theirWindow != ourWindow)
            {
                context.Add(new ContextDisagreement(entry.Key, model.QualifiedId, ourWindow, theirWindow));
            }
        }

        return new CrossCheckReport(compared, disagreements.ToImmutable(), unmatched.ToImmutable(), context.ToImmutable());
    }

    private static ResolvedModel? TryMatch(PriceCatalog ours, ExternalPrice entry)
    {
        if (entry.ProviderId is null || ours.GetProvider(entry.ProviderId) is not { } provider)
        {
            return null;
        }

        // The same entry id at the same provider (another genai-prices snapshot) is the same model, whatever its match rule says.
        if (provider.Models.FirstOrDefault(m => m.Id.Equals(entry.ModelId, StringComparison.OrdinalIgnoreCase)) is { } same)
        {
            return new ResolvedModel(provider, same);
        }

        try
        {
            return ours.Resolve(entry.ModelId, entry.ProviderId);
        }
        catch (UnknownModelException)
        {
            return null;
        }
    }

    private static bool Differs(decimal a, decimal b, decimal tolerance)
    {
        var scale = Math.Max(Math.Abs(a), Math.Abs(b));
        return scale != 0m && Math.Abs(a - b) / scale > tolerance;
    }

    private static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;
}
