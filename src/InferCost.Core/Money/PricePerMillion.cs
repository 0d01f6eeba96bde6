using System.Globalization;

namespace InferCost.Money;

/// <summary>A price in US dollars per one million tokens (the unit every rate card quotes).</summary>
/// <remarks>The default value is free. This type is an immutable value type.</remarks>
public readonly record struct PricePerMillion : IComparable<PricePerMillion>
{
    private PricePerMillion(decimal usd) => Usd = usd;

    /// <summary>Gets a price of zero.</summary>
    public static PricePerMillion Free => default;

    /// <summary>Gets the dollars per million tokens.</summary>
    public decimal Usd { get; }

    /// <summary>Creates a price; rejects negative values.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="usd"/> is negative.</exception>
    public static PricePerMillion FromUsd(decimal usd)
    {
        if (usd < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(usd), usd, "A price cannot be negative.");
        }

        return new PricePerMillion(usd);
    }

    /// <summary>The exact cost of <paramref name="tokens"/> at this price.</summary>
    public Money CostOf(TokenCount tokens) => Money.FromUsd(Usd * tokens.Value / 1_000_000m);

    /// <inheritdoc/>
    public int CompareTo(PricePerMillion other) => Usd.CompareTo(other.Usd);

    /// <summary>Compares two prices.</summary>
    public static bool operator <(PricePerMillion left, PricePerMillion right) => left.Usd < right.Usd;

    /// <summary>Compares two prices.</summary>
    public static bool operator >(PricePerMillion left, PricePerMillion right) => left.Usd > right.Usd;

    /// <summary>Compares two prices.</summary>
    public static bool operator <=(PricePerMillion left, PricePerMillion right) => left.Usd <= right.Usd;

    /// <summary>Compares two prices.</summary>
    public static bool operator >=(PricePerMillion left, PricePerMillion right) => left.Usd >= right.Usd;

    /// <summary>Formats as e.g. <c>$2.50/1M</c>.</summary>
    public override string ToString() => "$" + Usd.ToString("0.00##########", CultureInfo.InvariantCulture) + "/1M";
}
