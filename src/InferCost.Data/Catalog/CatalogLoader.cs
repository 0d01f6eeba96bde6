using InferCost.Errors;
using InferCost.Pricing;

namespace InferCost.Data.Catalog;

/// <summary>
/// Loads the price catalog: InferCost's conversion of the genai-prices database shipped inside the tool (or the
/// newer snapshot <c>infercost catalog update</c> saved, see <see cref="CatalogStore"/>), the InferCost overlay, then the user's overlays
/// (files in the config folder's <c>overlays/</c>, then files given on the command line).
/// </summary>
public static class CatalogLoader
{
    /// <summary>The resource name of the shipped base catalog.</summary>
    public const string BaseResource = "catalog/genai-prices.catalog.json";

    /// <summary>The resource name of the shipped InferCost overlay.</summary>
    public const string OverlayResource = "catalog/overlay.yaml";

    private static readonly Lazy<PriceCatalog> ShippedBase = new(() => CatalogJsonReader.Read(ReadResource(BaseResource), "(built-in) " + BaseResource));
    private static readonly Lazy<PriceCatalog> ShippedWithOverlay = new(() => CatalogOverlay.Apply(ShippedBase.Value, System.Text.Encoding.UTF8.GetString(ReadResource(OverlayResource)), "(built-in) " + OverlayResource));

    /// <summary>Gets the folder for the user's configuration (see <see cref="CatalogStore"/> for the variables that move it).</summary>
    public static string ConfigFolder => CatalogStore.FromEnvironment().ConfigFolder;

    /// <summary>Gets the folder for the user's data (see <see cref="CatalogStore"/> for the variables that move it).</summary>
    public static string DataFolder => CatalogStore.FromEnvironment().DataFolder;

    /// <summary>
    /// The genai-prices conversion alone (no overlay): the data <c>@pydantic/genai-prices</c> prices with, for conformance;
    /// the snapshot <c>catalog update</c> saved when there is one.
    /// </summary>
    public static PriceCatalog LoadBase(CatalogStore? store = null)
    {
        var snapshot = (store ?? CatalogStore.FromEnvironment()).InUse();
        return snapshot.Path is { } path
            ? CatalogJsonReader.Read(File.ReadAllBytes(path), path)
            : ShippedBase.Value;
    }

    /// <summary>The full catalog: base, InferCost overlay, the user's overlay folder, then <paramref name="overlayFiles"/>.</summary>
    /// <exception cref="InputFileException">An overlay file is missing or malformed.</exception>
    public static PriceCatalog LoadBuiltIn(IEnumerable<string>? overlayFiles = null, CatalogStore? store = null)
    {
        store ??= CatalogStore.FromEnvironment();
        var catalog = store.InUse().IsBuiltIn
            ? ShippedWithOverlay.Value
            : CatalogOverlay.Apply(LoadBase(store), System.Text.Encoding.UTF8.GetString(ReadResource(OverlayResource)), "(built-in) " + OverlayResource, skipMissing: true);
        var userFolder = Path.Combine(store.ConfigFolder, "overlays");
        var files = (Directory.Exists(userFolder) ? Directory.GetFiles(userFolder, "*.yaml").Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
            .Concat(overlayFiles ?? []);
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                throw new InputFileException(file, null, null, "overlay file not found");
            }

            catalog = CatalogOverlay.Apply(catalog, File.ReadAllText(file), file);
        }

        return catalog;
    }

    /// <summary>Reads the genai-prices <c>data.json</c> (or an InferCost catalog file) at <paramref name="path"/>.</summary>
    /// <exception cref="InputFileException">The file is missing or invalid.</exception>
    public static PriceCatalog ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(path, null, null, "file not found");
        }

        return CatalogJsonReader.Read(File.ReadAllBytes(path), path);
    }

    /// <summary>The bytes of a catalog file shipped inside the tool (e.g. <see cref="BaseResource"/>).</summary>
    public static byte[] ReadResource(string name) => BuiltInResources.ReadAllBytes(name);
}
