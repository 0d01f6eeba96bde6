using System.Globalization;
using System.Numerics;

namespace InferCost.Quantities;

/// <summary>
/// An amount of US dollars, held exactly as a <see cref="decimal"/>. May be negative (a loss, a saving).
/// </summary>
/// <remarks>The default value is <see cref="Zero"/>. This type is an immutable value type.</remarks>
public readonly struct Money : IEquatable<Money>, IComparable<Money>, IComparable,
    IAdditionOperators<Money, Money, Money>, ISubtractionOperators<Money, Money, Money>,
    IComparisonOperators<Money, Money, bool>, IAdditiveIdentity<Money, Money>
{
    private Money(decimal usd) => Usd = usd;

    /// <summary>Gets no money.</summary>
    public static Money Zero => default;

    /// <inheritdoc/>
    public static Money AdditiveIdentity => default;

    /// <summary>Gets the amount in US dollars.</summary>
    public decimal Usd { get; }

    /// <summary>Creates an amount from US dollars.</summary>
    public static Money FromUsd(decimal usd) => new(usd);

    /// <summary>Creates an amount from a <see cref="double"/> number of dollars (simulation results); rejects NaN and infinities.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or does not fit a decimal.</exception>
    public static Money FromUsd(double usd)
    {
        if (!double.IsFinite(usd) || Math.Abs(usd) > 7.9e27)
        {
            throw new ArgumentOutOfRangeException(nameof(usd), usd, "Money must be a finite amount.");
        }

        return new((decimal)usd);
    }

    /// <summary>Adds two amounts.</summary>
    public static Money operator +(Money left, Money right) => new(left.Usd + right.Usd);

    /// <summary>Subtracts two amounts.</summary>
    public static Money operator -(Money left, Money right) => new(left.Usd - right.Usd);

    /// <summary>Negates an amount.</summary>
    public static Money operator -(Money value) => new(-value.Usd);

    /// <summary>Scales an amount.</summary>
    public static Money operator *(Money left, decimal factor) => new(left.Usd * factor);

    /// <summary>Scales an amount.</summary>
    public static Money operator *(decimal factor, Money right) => new(right.Usd * factor);

    /// <summary>Divides an amount.</summary>
    public static Money operator /(Money left, decimal divisor) => new(left.Usd / divisor);

    /// <inheritdoc/>
    public static bool operator ==(Money left, Money right) => left.Usd == right.Usd;

    /// <inheritdoc/>
    public static bool operator !=(Money left, Money right) => left.Usd != right.Usd;

    /// <inheritdoc/>
    public static bool operator <(Money left, Money right) => left.Usd < right.Usd;

    /// <inheritdoc/>
    public static bool operator >(Money left, Money right) => left.Usd > right.Usd;

    /// <inheritdoc/>
    public static bool operator <=(Money left, Money right) => left.Usd <= right.Usd;

    /// <inheritdoc/>
    public static bool operator >=(Money left, Money right) => left.Usd >= right.Usd;

    /// <summary>Adds two amounts.</summary>
    public static Money Add(Money left, Money right) => left + right;

    /// <summary>Subtracts two amounts.</summary>
    public static Money Subtract(Money left, Money right) => left - right;

    /// <summary>Scales an amount.</summary>
    public static Money Multiply(Money left, decimal factor) => left * factor;

    /// <summary>Divides an amount.</summary>
    public static Money Divide(Money left, decimal divisor) => left / divisor;

    /// <summary>Negates an amount.</summary>
    public static Money Negate(Money value) => -value;

    /// <inheritdoc/>
    public bool Equals(Money other) => Usd == other.Usd;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Money other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Usd.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(Money other) => Usd.CompareTo(other.Usd);

    /// <inheritdoc/>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Money other => CompareTo(other),
        _ => throw new ArgumentException("Object must be of type Money.", nameof(obj)),
    };

    /// <summary>Formats as dollars with the digits the amount needs, e.g. <c>$17.50</c>, <c>$0.000375</c>.</summary>
    public override string ToString()
    {
        var abs = Math.Abs(Usd);
        var text = abs >= 0.01m || abs == 0m
            ? abs.ToString("#,0.00##", CultureInfo.InvariantCulture)
            : abs.ToString("0.00########", CultureInfo.InvariantCulture);
        return Usd < 0 ? "-$" + text : "$" + text;
    }
}
