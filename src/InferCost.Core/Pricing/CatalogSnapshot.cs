using System.Globalization;

namespace InferCost.Pricing;

/// <summary>Which price data a catalog was built from: where it came from, how old it is, and its hash.</summary>
/// <param name="Source">A URL or file the data was read from (or "built-in …").</param>
/// <param name="AsOf">The date the data describes: the day it was fetched from the live feed, or the built-in snapshot's date.</param>
/// <param name="Sha256">The SHA-256 of the bytes read, lower-case hex.</param>
/// <param name="Path">Where the converted snapshot is stored, or <see langword="null"/> for the built-in one.</param>
public sealed record CatalogSnapshot(string Source, DateOnly AsOf, string Sha256, string? Path)
{
    /// <summary>The default age, in days, after which a catalog counts as stale.</summary>
    public const int DefaultMaxAgeDays = 30;

    /// <summary>The command that refreshes the catalog, named in staleness warnings.</summary>
    public const string RefreshCommand = "infercost catalog update";

    /// <summary>Gets whether this is the snapshot shipped inside the tool.</summary>
    public bool IsBuiltIn => Path is null;

    /// <summary>The age in whole days on <paramref name="today"/>.</summary>
    public int AgeDays(DateOnly today) => today.DayNumber - AsOf.DayNumber;

    /// <summary>
    /// A warning when the data is older than <paramref name="maxAgeDays"/> on <paramref name="today"/>, naming the
    /// command that refreshes it; <see langword="null"/> when fresh enough.
    /// </summary>
    public string? StalenessWarning(DateOnly today, int maxAgeDays = DefaultMaxAgeDays)
    {
        var age = AgeDays(today);
        return age <= maxAgeDays
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"prices are {age} days old ({(IsBuiltIn ? "built-in snapshot" : "snapshot")} of {AsOf:yyyy-MM-dd}, older than {maxAgeDays} days); run `{RefreshCommand}` to fetch current ones");
    }
}
