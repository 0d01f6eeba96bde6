using System.Globalization;

namespace InferCost.Pricing;

/// <summary>When a price version is in force.</summary>
public abstract record PriceConstraint
{
    private protected PriceConstraint()
    {
    }

    /// <summary>Whether the version is in force at <paramref name="at"/>.</summary>
    public abstract bool AppliesAt(DateTimeOffset at);

    /// <summary>In force from a date (UTC midnight) on.</summary>
    /// <param name="Start">The first day the price applies.</param>
    public sealed record StartingOn(DateOnly Start) : PriceConstraint
    {
        /// <inheritdoc/>
        public override bool AppliesAt(DateTimeOffset at) => at.UtcDateTime >= Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        /// <inheritdoc/>
        public override string ToString() => "from " + Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>In force during a daily window in UTC (off-peak discounts); the window may wrap midnight.</summary>
    /// <param name="StartSecond">Seconds after UTC midnight the window opens (inclusive).</param>
    /// <param name="EndSecond">Seconds after UTC midnight the window closes (exclusive).</param>
    /// <param name="StartText">The window start as written in the source.</param>
    /// <param name="EndText">The window end as written in the source.</param>
    public sealed record TimeOfDay(decimal StartSecond, decimal EndSecond, string StartText, string EndText) : PriceConstraint
    {
        /// <inheritdoc/>
        public override bool AppliesAt(DateTimeOffset at)
        {
            var utc = at.UtcDateTime;
            var s = (utc.Hour * 3600) + (utc.Minute * 60) + utc.Second + (utc.Millisecond / 1000m);
            return EndSecond < StartSecond
                ? s >= StartSecond || s < EndSecond
                : s >= StartSecond && s < EndSecond;
        }

        /// <summary>Parses <c>HH:MM:SS[.fff](Z|±HH:MM)</c> into seconds after UTC midnight.</summary>
        /// <exception cref="FormatException">The text is not such a time.</exception>
        public static decimal ParseUtcSecond(string text)
        {
            var m = System.Text.RegularExpressions.Regex.Match(text, @"^([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?(Z|([+-])([0-9]{2}):([0-9]{2}))$");
            if (!m.Success)
            {
                throw new FormatException($"Invalid time-of-day constraint: {text}");
            }

            int Part(int g) => int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
            var (h, mi, se) = (Part(1), Part(2), Part(3));
            var (oh, om) = m.Groups[6].Success ? (Part(7), Part(8)) : (0, 0);
            if (h > 23 || mi > 59 || se > 59 || oh > 23 || om > 59)
            {
                throw new FormatException($"Invalid time-of-day constraint: {text}");
            }

            var fraction = m.Groups[4].Success ? decimal.Parse("0." + m.Groups[4].Value, CultureInfo.InvariantCulture) : 0m;
            var offset = ((oh * 60) + om) * 60 * (m.Groups[6].Value == "-" ? -1 : 1);
            return ((h * 3600) + (mi * 60) + se + fraction - offset + 86400) % 86400;
        }

        /// <inheritdoc/>
        public override string ToString() => $"daily {StartText}–{EndText}";
    }
}

/// <summary>A model's rate card in force under a constraint (or always, when there is none).</summary>
/// <param name="Constraint">When it applies; <see langword="null"/> for always.</param>
/// <param name="Rates">The prices.</param>
public sealed record PriceVersion(PriceConstraint? Constraint, RateCard Rates);
