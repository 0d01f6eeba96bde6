using InferCost.Data.Catalog;
using InferCost.Pricing;

namespace InferCost.Application.Catalogs;

/// <summary>
/// Where a service gets the price catalog: loaded once, on first use (the CLI builds one per command; the web app
/// holds one for its lifetime).
/// </summary>
public sealed class CatalogSource
{
    private readonly Lazy<PriceCatalog> _catalog;

    private CatalogSource(Func<PriceCatalog> load) => _catalog = new Lazy<PriceCatalog>(load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Gets the catalog, loading it on first use.</summary>
    public PriceCatalog Catalog => _catalog.Value;

    /// <summary>The built-in catalog (genai-prices conversion + InferCost overlay) with the user's overlay files applied after it.</summary>
    public static CatalogSource BuiltIn(IEnumerable<string>? overlayFiles = null)
    {
        var files = overlayFiles?.ToArray() ?? [];
        return new CatalogSource(() => CatalogLoader.LoadBuiltIn(files));
    }

    /// <summary>A catalog already in memory (tests, the web app's shared instance).</summary>
    public static CatalogSource Of(PriceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new CatalogSource(() => catalog);
    }
}
