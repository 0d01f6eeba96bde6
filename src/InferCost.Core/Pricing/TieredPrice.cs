using System.Collections.Immutable;
using System.Globalization;

namespace InferCost.Pricing;

/// <summary>A long-context tier: from <see cref="Start"/> prompt tokens (exclusive) up, the price is <see cref="Price"/>.</summary>
/// <param name="Start">The tier applies when the request's input tokens are greater than this.</param>
/// <param name="Price">The price per <see cref="UsageUnit.Per"/> units in this tier.</param>
public readonly record struct PriceTier(long Start, decimal Price);

/// <summary>
/// A price per <see cref="UsageUnit.Per"/> units, flat or by long-context tier. The tier is chosen by the
/// request's total input tokens and applies to the whole request.
/// </summary>
public sealed record TieredPrice
{
    /// <summary>Initializes a new price; tiers are sorted by start.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A price or start is negative.</exception>
    public TieredPrice(decimal basePrice, IEnumerable<PriceTier>? tiers = null)
    {
        if (basePrice < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(basePrice), basePrice, "A price cannot be negative.");
        }

        var sorted = (tiers ?? []).OrderBy(t => t.Start).ToImmutableArray();
        foreach (var tier in sorted)
        {
            if (tier.Price < 0 || tier.Start < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(tiers), tier, "Tier prices and starts cannot be negative.");
            }
        }

        Base = basePrice;
        Tiers = sorted;
    }

    /// <summary>Gets the price below the first tier.</summary>
    public decimal Base { get; }

    /// <summary>Gets the tiers, sorted by start.</summary>
    public ImmutableArray<PriceTier> Tiers { get; }

    /// <summary>Gets whether there is more than one price.</summary>
    public bool IsTiered => !Tiers.IsEmpty;

    /// <summary>A flat price.</summary>
    public static TieredPrice Flat(decimal price) => new(price);

    /// <summary>The price for a request with <paramref name="inputTokens"/> input tokens.</summary>
    public decimal PriceFor(decimal inputTokens)
    {
        var price = Base;
        foreach (var tier in Tiers)
        {
            if (inputTokens > tier.Start)
            {
                price = tier.Price;
            }
        }

        return price;
    }

    /// <summary>The index of the tier in force (-1 for the base price).</summary>
    public int TierIndexFor(decimal inputTokens)
    {
        var index = -1;
        for (var i = 0; i < Tiers.Length; i++)
        {
            if (inputTokens > Tiers[i].Start)
            {
                index = i;
            }
        }

        return index;
    }

    /// <inheritdoc/>
    public bool Equals(TieredPrice? other)
        => other is not null && other.Base == Base && other.Tiers.SequenceEqual(Tiers);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Base, Tiers.Length);

    /// <summary>The same price multiplied by <paramref name="factor"/> (batch discounts, negotiated rates).</summary>
    public TieredPrice Scale(decimal factor) => new(Base * factor, Tiers.Select(t => t with { Price = t.Price * factor }));

    /// <summary>Formats as <c>2.5</c> or <c>2.5 (&gt;200000: 4)</c>.</summary>
    public override string ToString()
        => IsTiered
            ? Base.ToString(CultureInfo.InvariantCulture) + " (" + string.Join(", ", Tiers.Select(t => ">" + t.Start.ToString(CultureInfo.InvariantCulture) + ": " + t.Price.ToString(CultureInfo.InvariantCulture))) + ")"
            : Base.ToString(CultureInfo.InvariantCulture);
}
