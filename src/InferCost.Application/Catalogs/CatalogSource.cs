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

    private CatalogSource(Func<PriceCatalog> load, IReadOnlyList<string>? warnings = null)
    {
        _catalog = new Lazy<PriceCatalog>(load, LazyThreadSafetyMode.ExecutionAndPublication);
        Warnings = warnings ?? [];
    }

    /// <summary>Gets warnings about the catalog itself (e.g. it is older than the allowed age) that results repeat.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Gets the catalog, loading it on first use.</summary>
    public PriceCatalog Catalog => _catalog.Value;

    /// <summary>The built-in catalog (genai-prices conversion + InferCost overlay) with the user's overlay files applied after it.</summary>
    /// <param name="overlayFiles">The user's overlay files.</param>
    /// <param name="store">The user's folders (the snapshot <c>catalog update</c> saved); from the environment when null.</param>
    /// <param name="warnings">Warnings about the catalog that results should repeat (the CLI's staleness check).</param>
    public static CatalogSource BuiltIn(IEnumerable<string>? overlayFiles = null, CatalogStore? store = null, IReadOnlyList<string>? warnings = null)
    {
        var files = overlayFiles?.ToArray() ?? [];
        return new CatalogSource(() => CatalogLoader.LoadBuiltIn(files, store), warnings);
    }

    /// <summary>A catalog already in memory (tests, the web app's shared instance).</summary>
    public static CatalogSource Of(PriceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new CatalogSource(() => catalog);
    }
}
