using System.Globalization;

namespace InferCost.Money;

/// <summary>A non-negative number of tokens.</summary>
/// <remarks>The default value is zero tokens. This type is an immutable value type.</remarks>
public readonly record struct TokenCount : IComparable<TokenCount>
{
    private TokenCount(long value) => Value = value;

    /// <summary>Gets no tokens.</summary>
    public static TokenCount Zero => default;

    /// <summary>Gets the number of tokens.</summary>
    public long Value { get; }

    /// <summary>Creates a token count; rejects negative values.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative.</exception>
    public static TokenCount Of(long value)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A token count cannot be negative.");
        }

        return new TokenCount(value);
    }

    /// <summary>Adds two counts, failing on overflow.</summary>
    public static TokenCount operator +(TokenCount left, TokenCount right) => new(checked(left.Value + right.Value));

    /// <summary>Adds two counts, failing on overflow.</summary>
    public static TokenCount Add(TokenCount left, TokenCount right) => left + right;

    /// <inheritdoc/>
    public int CompareTo(TokenCount other) => Value.CompareTo(other.Value);

    /// <summary>Compares two counts.</summary>
    public static bool operator <(TokenCount left, TokenCount right) => left.Value < right.Value;

    /// <summary>Compares two counts.</summary>
    public static bool operator >(TokenCount left, TokenCount right) => left.Value > right.Value;

    /// <summary>Compares two counts.</summary>
    public static bool operator <=(TokenCount left, TokenCount right) => left.Value <= right.Value;

    /// <summary>Compares two counts.</summary>
    public static bool operator >=(TokenCount left, TokenCount right) => left.Value >= right.Value;

    /// <summary>Formats with thousands separators, e.g. <c>1,000,000 tokens</c>.</summary>
    public override string ToString() => Value.ToString("#,0", CultureInfo.InvariantCulture) + " tokens";
}
