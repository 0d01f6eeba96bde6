using System.CommandLine;
using InferCost.Data.Catalog;
using InferCost.Pricing;

namespace InferCost.Cli;

/// <summary>Loads the catalog a command runs on: built-in, the InferCost overlay, and the user's overlays.</summary>
public static class CliCatalog
{
    /// <summary>
    /// The catalog with the overlays <c>--catalog-overlay</c> names, on the snapshot in use; warns once (stderr and
    /// <c>--json</c> warnings) when that snapshot is older than the allowed age.
    /// </summary>
    public static PriceCatalog Load(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var ctx = CliContext.Current;
        var overlays = parseResult.GetValue(CommonOptions.CatalogOverlay) ?? [];
        var catalog = CatalogLoader.LoadBuiltIn(overlays.Select(f => f.FullName), ctx.Store);
        if (ctx.Store.InUse().StalenessWarning(ctx.Today, MaxAgeDays(parseResult)) is { } stale)
        {
            ctx.Warn(stale);
        }

        return catalog;
    }

    /// <summary>Resolves a model id for a command, naming the model actually used when the id was a guess.</summary>
    /// <exception cref="UnknownModelException">Nothing matches, or only a guess does and <paramref name="strict"/> is set.</exception>
    public static ResolvedModel Resolve(PriceCatalog catalog, string modelId, string? providerId, bool strict)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var resolved = catalog.Resolve(modelId, providerId, strict);
        if (resolved.GuessWarning is { } guess)
        {
            CliContext.Current.Warn(guess);
        }

        return resolved;
    }

    /// <summary>The staleness threshold: <c>--catalog-max-age</c>, else <c>$INFERCOST_CATALOG_MAX_AGE_DAYS</c>, else 30.</summary>
    /// <exception cref="Errors.InferCostException">The value is not a positive number of days.</exception>
    public static int MaxAgeDays(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        if (parseResult.GetValue(CommonOptions.CatalogMaxAge) is { } days)
        {
            return days > 0 ? days : throw new Errors.InferCostException($"--catalog-max-age must be a positive number of days, got {days}");
        }

        var env = Environment.GetEnvironmentVariable("INFERCOST_CATALOG_MAX_AGE_DAYS");
        if (string.IsNullOrWhiteSpace(env))
        {
            return CatalogSnapshot.DefaultMaxAgeDays;
        }

        return int.TryParse(env, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var d) && d > 0
            ? d
            : throw new Errors.InferCostException($"INFERCOST_CATALOG_MAX_AGE_DAYS must be a positive number of days, got '{env}'");
    }

    /// <summary>Drops trailing zeros so JSON shows <c>17.5</c>, not <c>17.500000</c>.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;
}
