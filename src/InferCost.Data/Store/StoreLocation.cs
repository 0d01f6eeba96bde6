using InferCost.Data.Catalog;
using InferCost.Errors;
using Npgsql;

namespace InferCost.Data.Store;

/// <summary>Which database the store lives in: a SQLite file, or a PostgreSQL server.</summary>
public enum StoreKind
{
    /// <summary>A SQLite file (the default, in the user's data folder).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database.</summary>
    Postgres,
}

/// <summary>
/// Where the store is, from <c>--store</c>: a <c>postgres://</c> URL or an Npgsql connection string (<c>Host=…</c>)
/// names PostgreSQL; anything else is a SQLite file path; nothing means <c>infercost.db</c> in the user's data folder.
/// </summary>
/// <param name="Kind">The database kind.</param>
/// <param name="ConnectionString">The provider's connection string.</param>
/// <param name="Display">What messages show (a PostgreSQL password is left out).</param>
public sealed record StoreLocation(StoreKind Kind, string ConnectionString, string Display)
{
    /// <summary>The SQLite file name in the data folder.</summary>
    public const string DefaultFileName = "infercost.db";

    /// <summary>Reads <c>--store</c>.</summary>
    /// <param name="store">The flag's value, or null for the default.</param>
    /// <param name="folders">The user's folders (the data folder holds the default file); from the environment when null.</param>
    /// <exception cref="InferCostException">The value is a malformed URL or connection string.</exception>
    public static StoreLocation Parse(string? store, CatalogStore? folders = null)
    {
        if (string.IsNullOrWhiteSpace(store))
        {
            return Sqlite(Path.Combine((folders ?? CatalogStore.FromEnvironment()).DataFolder, DefaultFileName));
        }

        store = store.Trim();
        if (store.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || store.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return FromUrl(store);
        }

        if (LooksLikeConnectionString(store))
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(store);
                return new StoreLocation(StoreKind.Postgres, builder.ConnectionString, Describe(builder));
            }
            catch (ArgumentException e)
            {
                throw new InferCostException($"--store: not a valid PostgreSQL connection string ({e.Message})");
            }
        }

        return Sqlite(store);
    }

    /// <summary>A SQLite file.</summary>
    public static StoreLocation Sqlite(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = full, Pooling = true };
        return new StoreLocation(StoreKind.Sqlite, builder.ConnectionString, full);
    }

    private static bool LooksLikeConnectionString(string value) =>
        value.Contains('=', StringComparison.Ordinal) &&
        (value.StartsWith("host=", StringComparison.OrdinalIgnoreCase) || value.StartsWith("server=", StringComparison.OrdinalIgnoreCase) ||
         value.Contains(";host=", StringComparison.OrdinalIgnoreCase) || value.Contains(";server=", StringComparison.OrdinalIgnoreCase));

    private static StoreLocation FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new InferCostException($"--store: expected postgres://user:password@host[:port]/database, got '{Redact(url)}'");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon >= 0 ? uri.UserInfo[..colon] : uri.UserInfo);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq >= 0 ? pair[..eq] : pair);
            var value = eq >= 0 ? Uri.UnescapeDataString(pair[(eq + 1)..]) : "true";
            try
            {
                builder[key] = value;
            }
            catch (ArgumentException e)
            {
                throw new InferCostException($"--store: unknown or bad PostgreSQL option '{key}' ({e.Message})");
            }
        }

        return new StoreLocation(StoreKind.Postgres, builder.ConnectionString, Describe(builder));
    }

    private static string Describe(NpgsqlConnectionStringBuilder b) =>
        $"postgres://{(string.IsNullOrEmpty(b.Username) ? "" : b.Username + "@")}{b.Host}:{b.Port}/{b.Database}";

    private static string Redact(string url)
    {
        var at = url.IndexOf('@', StringComparison.Ordinal);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme > 0 && at > scheme ? url[..(scheme + 3)] + "…" + url[at..] : url;
    }
}
