using System.CommandLine;
using InferCost.Application;
using InferCost.Application.Catalogs;
using InferCost.Pricing;

namespace InferCost.Cli;

/// <summary>Loads the catalog a command runs on: built-in, the InferCost overlay, and the user's overlays.</summary>
public static class CliCatalog
{
    /// <summary>The catalog with the overlays <c>--catalog-overlay</c> names.</summary>
    public static PriceCatalog Load(ParseResult parseResult) => Source(parseResult).Catalog;

    /// <summary>The catalog source (loaded on first use) with the overlays <c>--catalog-overlay</c> names.</summary>
    public static CatalogSource Source(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var overlays = parseResult.GetValue(CommonOptions.CatalogOverlay) ?? [];
        return CatalogSource.BuiltIn(overlays.Select(f => f.FullName));
    }

    /// <summary>Drops trailing zeros so JSON shows <c>17.5</c>, not <c>17.500000</c>.</summary>
    public static decimal Normalize(decimal value) => Decimals.Normalize(value);
}
