using System.Globalization;

namespace InferCost.Pricing;

/// <summary>
/// The one policy for usage values read from input (<c>price</c> and <c>usage import</c> alike): a value is a JSON
/// number (null or absent means "not reported"), non-negative, at most <see cref="MaxValue"/>, and whole unless its
/// unit is a duration (seconds may be fractional). Strings, booleans, objects and fractions of a token are rejected
/// with a message naming the field, never priced as zero.
/// </summary>
/// <remarks>
/// 10^12 per field per record keeps every product and sum exact: a record's cost is at most 10^12 × the highest
/// per-unit price (well inside <see cref="decimal"/>), per-record sums of a few fields stay far below
/// <see cref="long.MaxValue"/> (9.2 × 10^18), and stores sum in DECIMAL(38,0), exact for any realistic row count.
/// </remarks>
public static class UsageLimits
{
    /// <summary>The largest value any one usage field of one record may hold: 10^12 (one trillion).</summary>
    public const long MaxValue = 1_000_000_000_000;

    /// <summary>Whether values of <paramref name="unit"/> must be whole numbers (everything but durations).</summary>
    public static bool MustBeWhole(UsageUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return unit.Dimension("family") != "durations";
    }

    /// <summary>What a value must be, for messages: "a whole number from 0 to 1,000,000,000,000".</summary>
    public static string Expected(bool whole)
        => (whole ? "a whole number" : "a number") + " from 0 to " + MaxValue.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="value"/> is within the bounds (and whole when <paramref name="whole"/>).</summary>
    public static bool IsValid(decimal value, bool whole) => value >= 0 && value <= MaxValue && (!whole || value == decimal.Truncate(value));

    /// <summary>
    /// Null when <paramref name="value"/> is acceptable for <paramref name="unit"/>; otherwise the message
    /// <c>Expected `FIELD` value to be a whole number from 0 to 1,000,000,000,000, got TEXT</c>.
    /// </summary>
    /// <param name="field">The field as the input names it (a JSON path, a column).</param>
    /// <param name="unit">The unit the value counts.</param>
    /// <param name="value">The value.</param>
    public static string? Check(string field, UsageUnit unit, decimal value)
        => IsValid(value, MustBeWhole(unit)) ? null : Problem(field, MustBeWhole(unit), value.ToString(CultureInfo.InvariantCulture));

    /// <summary>The message for a value out of bounds, <paramref name="got"/> being its text as written (cut to 40 characters).</summary>
    public static string Problem(string field, bool whole, string got)
        => $"Expected `{field}` value to be {Expected(whole)}, got {(got.Length <= 40 ? got : got[..40] + "…")}";
}
