using InferCost.Data.Catalog;
using InferCost.Pricing;

namespace InferCost.Application.Catalogs;

/// <summary>
/// Where a service gets the price catalog: loaded once, on first use (the CLI builds one per command; the web app
/// holds one for its lifetime), with the snapshot it is built on and the warnings about it that results repeat.
/// </summary>
public sealed class CatalogSource
{
    private readonly Lazy<PriceCatalog> _catalog;
    private readonly Lazy<CatalogSnapshot> _snapshot;

    private CatalogSource(Func<PriceCatalog> load, Func<CatalogSnapshot> snapshot, IReadOnlyList<string>? warnings = null)
    {
        _catalog = new Lazy<PriceCatalog>(load, LazyThreadSafetyMode.ExecutionAndPublication);
        _snapshot = new Lazy<CatalogSnapshot>(snapshot, LazyThreadSafetyMode.ExecutionAndPublication);
        Warnings = warnings ?? [];
    }

    /// <summary>Gets warnings about the catalog itself (e.g. it is older than the allowed age) that results repeat.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Gets the catalog, loading it on first use.</summary>
    public PriceCatalog Catalog => _catalog.Value;

    /// <summary>Gets the genai-prices snapshot the catalog is built on: the one <c>catalog update</c> saved, or the built-in one.</summary>
    public CatalogSnapshot Snapshot => _snapshot.Value;

    /// <summary>The built-in catalog (genai-prices conversion + InferCost overlay) with the user's overlay files applied after it.</summary>
    /// <param name="overlayFiles">The user's overlay files.</param>
    /// <param name="store">The user's folders (the snapshot <c>catalog update</c> saved); from the environment when null.</param>
    /// <param name="warnings">Warnings about the catalog that results should repeat.</param>
    public static CatalogSource BuiltIn(IEnumerable<string>? overlayFiles = null, CatalogStore? store = null, IReadOnlyList<string>? warnings = null)
    {
        var files = overlayFiles?.ToArray() ?? [];
        return new CatalogSource(() => CatalogLoader.LoadBuiltIn(files, store), () => (store ?? CatalogStore.FromEnvironment()).InUse(), warnings);
    }

    /// <summary>
    /// The user's catalog, as <see cref="BuiltIn"/>, with a staleness warning when the snapshot in use is older than
    /// <paramref name="maxAgeDays"/> on <paramref name="today"/> (what the CLI and the web app both do).
    /// </summary>
    /// <param name="overlayFiles">The user's overlay files.</param>
    /// <param name="store">The user's folders.</param>
    /// <param name="today">The day the age is counted on.</param>
    /// <param name="maxAgeDays">The age, in days, after which the catalog counts as stale.</param>
    /// <exception cref="Errors.InputFileException">The pointer to the snapshot in use is damaged.</exception>
    public static CatalogSource ForUser(IEnumerable<string>? overlayFiles, CatalogStore store, DateOnly today, int maxAgeDays = CatalogSnapshot.DefaultMaxAgeDays)
    {
        ArgumentNullException.ThrowIfNull(store);
        var files = overlayFiles?.ToArray() ?? [];
        var snapshot = store.InUse();
        var warnings = snapshot.StalenessWarning(today, maxAgeDays) is { } stale ? new[] { stale } : [];
        return new CatalogSource(() => CatalogLoader.LoadBuiltIn(files, store), () => snapshot, warnings);
    }

    /// <summary>A catalog already in memory (tests, the web app's shared instance).</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="snapshot">The snapshot it was built on; the built-in one when null.</param>
    public static CatalogSource Of(PriceCatalog catalog, CatalogSnapshot? snapshot = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new CatalogSource(() => catalog, () => snapshot ?? CatalogStore.BuiltIn);
    }
}
