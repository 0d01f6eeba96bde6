using System.Globalization;

namespace InferCost.Data.UsageLogs;

/// <summary>Which stored records a report, re-pricing or export covers: a UTC time range, from inclusive, to exclusive.</summary>
/// <param name="From">The first instant included, or <see langword="null"/>.</param>
/// <param name="To">The first instant excluded, or <see langword="null"/>.</param>
public sealed record UsageQuery(DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    /// <summary>Gets every record.</summary>
    public static UsageQuery All { get; } = new();

    /// <summary>The SQL condition (<c>TRUE</c> when unbounded) on the <c>time</c> column.</summary>
    public string WhereSql()
    {
        var parts = new List<string>();
        if (From is { } f)
        {
            parts.Add("time >= " + Timestamp(f));
        }

        if (To is { } t)
        {
            parts.Add("time < " + Timestamp(t));
        }

        return parts.Count == 0 ? "TRUE" : string.Join(" AND ", parts);
    }

    /// <summary>A portable SQL timestamp literal (UTC, no zone).</summary>
    public static string Timestamp(DateTimeOffset t) => "TIMESTAMP '" + t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "'";
}
