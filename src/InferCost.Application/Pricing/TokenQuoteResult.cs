using System.Globalization;
using System.Text.Json.Serialization;
using InferCost.Pricing;

namespace InferCost.Application.Pricing;

/// <summary>One priced dimension of a quote.</summary>
/// <param name="Unit">The usage key, e.g. <c>input_tokens</c>.</param>
/// <param name="PriceKey">The rate card's price key, e.g. <c>input_mtok</c>.</param>
/// <param name="Quantity">The quantity priced.</param>
/// <param name="UnitPrice">USD per <paramref name="Per"/> units.</param>
/// <param name="Per">The price's unit label: 1M, 1K, hour, 1G.</param>
/// <param name="LongContextTier">Whether a long-context tier price applied.</param>
/// <param name="Cost">USD.</param>
public sealed record QuoteLine(string Unit, string PriceKey, decimal Quantity, decimal UnitPrice, string Per, bool LongContextTier, decimal Cost);

/// <summary>A token volume priced on one model (<c>infercost quote --json</c>, one row of <c>compare</c>).</summary>
/// <param name="Rank">1-based rank in a comparison; null for a single quote (omitted from JSON).</param>
/// <param name="Provider">The provider id.</param>
/// <param name="Model">The model id.</param>
/// <param name="Requests">Requests the volume was spread over.</param>
/// <param name="PromptTokensPerRequest">Input tokens per request (sets the long-context tier).</param>
/// <param name="BatchMultiplier">The batch discount applied, if any.</param>
/// <param name="Lines">Every priced dimension.</param>
/// <param name="InputCost">USD for input dimensions.</param>
/// <param name="OutputCost">USD for output dimensions.</param>
/// <param name="OtherCost">USD for fees and tools.</param>
/// <param name="TotalCost">USD in all.</param>
/// <param name="PricesAt">The instant whose prices applied (ISO 8601, round-trip format).</param>
/// <param name="Notes">Caveats the pricing raised.</param>
public sealed record TokenQuoteResult(int? Rank, string Provider, string Model, long Requests, long PromptTokensPerRequest, decimal? BatchMultiplier,
    IReadOnlyList<QuoteLine> Lines, decimal InputCost, decimal OutputCost, decimal OtherCost, decimal TotalCost, string PricesAt, IReadOnlyList<string> Notes)
{
    /// <summary>The result of a Core <see cref="Quote"/>.</summary>
    public static TokenQuoteResult Of(Quote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        var b = quote.Breakdown;
        return new(null, quote.Model.Provider.Id, quote.Model.Model.Id, quote.Requests, quote.PromptTokensPerRequest,
            Decimals.Normalize(b.BatchMultiplier),
            [.. b.Lines.Select(l => new QuoteLine(l.Unit.UsageKey, l.Unit.PriceKey, Decimals.Normalize(l.Quantity), Decimals.Normalize(l.UnitPrice), PriceUnits.PerLabel(l.Unit), l.TierIndex >= 0, Decimals.Normalize(l.Cost.Usd)))],
            Decimals.Normalize(b.InputCost.Usd), Decimals.Normalize(b.OutputCost.Usd), Decimals.Normalize(b.OtherCost.Usd),
            Decimals.Normalize(b.TotalCost.Usd), quote.At.ToString("o", CultureInfo.InvariantCulture), [.. quote.Notes]);
    }

    /// <summary>Gets the qualified id, <c>provider/model</c> (not part of the JSON).</summary>
    [JsonIgnore]
    public string QualifiedId => Provider + "/" + Model;
}

/// <summary>The same volume priced on several models, cheapest first (<c>infercost compare --json</c>).</summary>
/// <param name="Count">Rows returned.</param>
/// <param name="Quotes">The quotes, ranked.</param>
/// <param name="Skipped">Models left out because they have no input or output token price.</param>
public sealed record CompareResult(int Count, IReadOnlyList<TokenQuoteResult> Quotes, IReadOnlyList<string> Skipped);

/// <summary>Labels for the unit a price is quoted per.</summary>
public static class PriceUnits
{
    /// <summary>1M, 1K, hour, 1G, or the number.</summary>
    public static string PerLabel(UsageUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return unit.Per switch
        {
            1_000_000m => "1M",
            1_000m => "1K",
            3600m => "hour",
            1_000_000_000m => "1G",
            _ => unit.Per.ToString(CultureInfo.InvariantCulture),
        };
    }
}
