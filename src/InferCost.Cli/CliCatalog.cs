using System.CommandLine;
using InferCost.Application;
using InferCost.Application.Catalogs;
using InferCost.Pricing;

namespace InferCost.Cli;

/// <summary>Loads the catalog a command runs on: built-in, the InferCost overlay, and the user's overlays.</summary>
public static class CliCatalog
{
    // The context each command tree was built with, found from a parse result's root command (no ambient state).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Command, CliContext> Contexts = [];

    /// <summary>Records the context <paramref name="root"/>'s commands write to, for <see cref="Source"/>.</summary>
    public static void Attach(RootCommand root, CliContext context) => Contexts.AddOrUpdate(root, context);

    /// <summary>The catalog with the overlays <c>--catalog-overlay</c> names.</summary>
    public static PriceCatalog Load(ParseResult parseResult) => Source(parseResult).Catalog;

    /// <summary>
    /// The catalog source (loaded on first use) with the overlays <c>--catalog-overlay</c> names, on the snapshot in
    /// use; warns once (stderr, and the results' <c>warnings</c>) when that snapshot is older than the allowed age.
    /// </summary>
    public static CatalogSource Source(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var overlays = parseResult.GetValue(CommonOptions.CatalogOverlay) ?? [];
        if (!Contexts.TryGetValue(parseResult.RootCommandResult.Command, out var ctx))
        {
            return CatalogSource.BuiltIn(overlays.Select(f => f.FullName));
        }

        var source = CatalogSource.ForUser(overlays.Select(f => f.FullName), ctx.Store, ctx.Today, MaxAgeDays(parseResult));
        foreach (var warning in source.Warnings)
        {
            ctx.Warn(warning);
        }

        return source;
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

        return Data.Catalog.CatalogStore.MaxAgeDaysFromEnvironment();
    }

    /// <summary>Drops trailing zeros so JSON shows <c>17.5</c>, not <c>17.500000</c>.</summary>
    public static decimal Normalize(decimal value) => Decimals.Normalize(value);
}
