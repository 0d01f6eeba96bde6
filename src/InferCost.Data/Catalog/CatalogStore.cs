using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using InferCost.Errors;
using InferCost.Pricing;

namespace InferCost.Data.Catalog;

/// <summary>
/// The user's folders for the catalog: the data folder, where <c>infercost catalog update</c> keeps dated snapshots
/// (each named by date and hash) and a pointer to the one in use; and the config folder, for overlays.
/// </summary>
/// <remarks>
/// Data folder: <c>$INFERCOST_DATA_DIR</c>, else <c>$INFERCOST_HOME/data</c>, else <c>$XDG_DATA_HOME/infercost</c>,
/// else <c>~/.local/share/infercost</c>. Config folder: <c>$INFERCOST_CONFIG_DIR</c>, else <c>$INFERCOST_HOME/config</c>,
/// else <c>$XDG_CONFIG_HOME/infercost</c>, else <c>~/.config/infercost</c>.
/// </remarks>
public sealed class CatalogStore
{
    /// <summary>The built-in snapshot: genai-prices 0.1.8's data, whose newest dated price starts 2026-09-22.</summary>
    public static readonly CatalogSnapshot BuiltIn = new(
        "built-in: genai-prices 0.1.8 data (npm @pydantic/genai-prices), converted 2026-11-23",
        new DateOnly(2026, 9, 22),
        "1fd687d1d9df76615db6e76b8b4ff00748051fd617dbb5dc033eae628a42a54d",
        null);

    private const string PointerFile = "catalog-in-use.json";

    private static readonly JsonSerializerOptions PointerJson = new() { WriteIndented = true };

    /// <summary>Initializes a new store over the given folders.</summary>
    public CatalogStore(string dataFolder, string configFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        ArgumentException.ThrowIfNullOrWhiteSpace(configFolder);
        DataFolder = dataFolder;
        ConfigFolder = configFolder;
    }

    /// <summary>Gets the data folder.</summary>
    public string DataFolder { get; }

    /// <summary>Gets the config folder.</summary>
    public string ConfigFolder { get; }

    /// <summary>Gets the folder of dated snapshots.</summary>
    public string SnapshotsFolder => Path.Combine(DataFolder, "catalog-snapshots");

    /// <summary>Gets the file written by versions before dated snapshots (still read when no pointer exists).</summary>
    public string LegacySnapshotPath => Path.Combine(DataFolder, "genai-prices.catalog.json");

    /// <summary>The store the environment variables name (see the remarks).</summary>
    public static CatalogStore FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        string? Var(string name) => getVariable(name) is { Length: > 0 } v ? v : null;
        var home = Var("INFERCOST_HOME");
        var data = Var("INFERCOST_DATA_DIR")
            ?? (home is not null ? Path.Combine(home, "data") : null)
            ?? (Var("XDG_DATA_HOME") is { } xd ? Path.Combine(xd, "infercost") : null)
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "infercost");
        var config = Var("INFERCOST_CONFIG_DIR")
            ?? (home is not null ? Path.Combine(home, "config") : null)
            ?? (Var("XDG_CONFIG_HOME") is { } xc ? Path.Combine(xc, "infercost") : null)
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "infercost");
        return new CatalogStore(data, config);
    }

    /// <summary>The staleness threshold in days: <c>$INFERCOST_CATALOG_MAX_AGE_DAYS</c>, else <see cref="CatalogSnapshot.DefaultMaxAgeDays"/>.</summary>
    /// <exception cref="InferCostException">The variable is not a positive number of days.</exception>
    public static int MaxAgeDaysFromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var env = getVariable("INFERCOST_CATALOG_MAX_AGE_DAYS");
        if (string.IsNullOrWhiteSpace(env))
        {
            return CatalogSnapshot.DefaultMaxAgeDays;
        }

        return int.TryParse(env, NumberStyles.Integer, CultureInfo.InvariantCulture, out var days) && days > 0
            ? days
            : throw new InferCostException($"INFERCOST_CATALOG_MAX_AGE_DAYS must be a positive number of days, got '{env}'");
    }

    /// <summary>The snapshot in use: the one <c>catalog update</c> saved last, else <see cref="BuiltIn"/>.</summary>
    /// <exception cref="InputFileException">The pointer file is damaged or names a missing snapshot.</exception>
    public CatalogSnapshot InUse()
    {
        var pointer = Path.Combine(DataFolder, PointerFile);
        if (File.Exists(pointer))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(pointer));
                var root = doc.RootElement;
                var snapshot = new CatalogSnapshot(
                    root.GetProperty("source").GetString()!,
                    DateOnly.ParseExact(root.GetProperty("as_of").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    root.GetProperty("sha256").GetString()!,
                    Path.Combine(SnapshotsFolder, root.GetProperty("file").GetString()!));
                return File.Exists(snapshot.Path)
                    ? snapshot
                    : throw new InputFileException(pointer, null, "file", $"the snapshot it names is missing ({snapshot.Path}); run `{CatalogSnapshot.RefreshCommand}` again");
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
            {
                throw new InputFileException(pointer, null, null, $"damaged catalog pointer ({ex.Message}); delete it or run `{CatalogSnapshot.RefreshCommand}`");
            }
        }

        if (File.Exists(LegacySnapshotPath))
        {
            var bytes = File.ReadAllBytes(LegacySnapshotPath);
            return new CatalogSnapshot(LegacySnapshotPath, DateOnly.FromDateTime(File.GetLastWriteTimeUtc(LegacySnapshotPath)), Hash(bytes), LegacySnapshotPath);
        }

        return BuiltIn;
    }

    /// <summary>
    /// Saves <paramref name="converted"/> as a dated snapshot named by <paramref name="sha256"/> and makes it the one in
    /// use. Both files are written to temporary names and moved into place, so a failure leaves the previous state.
    /// </summary>
    public CatalogSnapshot Save(PriceCatalog converted, string source, DateOnly asOf, string sha256)
    {
        ArgumentNullException.ThrowIfNull(converted);
        Directory.CreateDirectory(SnapshotsFolder);
        var file = string.Create(CultureInfo.InvariantCulture, $"genai-prices-{asOf:yyyy-MM-dd}-{sha256[..12]}.catalog.json");
        var path = Path.Combine(SnapshotsFolder, file);
        WriteAtomically(path, CatalogJsonWriter.Write(converted));
        var pointer = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["source"] = source,
            ["as_of"] = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["sha256"] = sha256,
            ["file"] = file,
        }, PointerJson);
        WriteAtomically(Path.Combine(DataFolder, PointerFile), pointer);
        return new CatalogSnapshot(source, asOf, sha256, path);
    }

    /// <summary>The lower-case hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }
}
