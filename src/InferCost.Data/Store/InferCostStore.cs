using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using InferCost.Errors;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace InferCost.Data.Store;

/// <summary>
/// Saved scenarios, named comparisons and short share links, in SQLite (default) or PostgreSQL. Opening brings the
/// schema up to <see cref="StoreSchema.Latest"/>; every call opens its own pooled connection, so one instance serves
/// concurrent requests.
/// </summary>
public sealed class InferCostStore : IDisposable
{
    /// <summary>The letters of ids and share codes (no look-alikes: 0/O, 1/l/I).</summary>
    public const string CodeAlphabet = "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";

    /// <summary>The length of a share code.</summary>
    public const int ShareCodeLength = 8;

    /// <summary>The length of a saved scenario's id.</summary>
    public const int ScenarioIdLength = 10;

    private const long MigrationLockKey = 0x1AFE_C057;

    private readonly NpgsqlDataSource? _postgres;
    private readonly TimeProvider _clock;

    private InferCostStore(StoreLocation location, TimeProvider clock)
    {
        Location = location;
        _clock = clock;
        _postgres = location.Kind == StoreKind.Postgres ? NpgsqlDataSource.Create(location.ConnectionString) : null;
    }

    /// <summary>Gets where the store is.</summary>
    public StoreLocation Location { get; }

    /// <summary>Opens (creating when needed) the store and applies the schema steps it lacks.</summary>
    /// <param name="location">Where the store is.</param>
    /// <param name="clock">The clock of the saved times; the system clock when null.</param>
    /// <exception cref="InferCostException">The database cannot be reached or holds a newer schema than this version knows.</exception>
    public static InferCostStore Open(StoreLocation location, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Kind == StoreKind.Sqlite && Path.GetDirectoryName(location.Display) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var store = new InferCostStore(location, clock ?? TimeProvider.System);
        try
        {
            store.Migrate();
            return store;
        }
        catch (Exception e) when (e is DbException or System.Net.Sockets.SocketException or TimeoutException)
        {
            store.Dispose();
            throw new InferCostException($"store {location.Display}: cannot open it ({e.Message})");
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>The schema version the store is at.</summary>
    public int SchemaVersion()
    {
        using var connection = Connect();
        return CurrentVersion(connection, null);
    }

    /// <summary>Saves a scenario: a new one (new id) when <paramref name="id"/> is null, else replaces that one's name and text.</summary>
    /// <returns>The saved scenario, or null when <paramref name="id"/> names none.</returns>
    public SavedScenario? SaveScenario(string name, string yaml, string? id = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(yaml);
        var now = Now();
        using var connection = Connect();
        if (id is not null)
        {
            var updated = Execute(connection, "UPDATE scenarios SET name = @name, yaml = @yaml, updated_at = @now WHERE id = @id",
                ("name", name), ("yaml", yaml), ("now", Text(now)), ("id", id));
            return updated == 0 ? null : GetScenario(connection, id);
        }

        for (var attempt = 0; ; attempt++)
        {
            var newId = NewCode(ScenarioIdLength);
            try
            {
                Execute(connection, "INSERT INTO scenarios (id, name, yaml, created_at, updated_at) VALUES (@id, @name, @yaml, @now, @now)",
                    ("id", newId), ("name", name), ("yaml", yaml), ("now", Text(now)));
                return new SavedScenario(newId, name, yaml, now, now);
            }
            catch (DbException) when (attempt < 3 && GetScenario(connection, newId) is not null)
            {
                // An id already taken (1 in 10^17): draw another.
            }
        }
    }

    /// <summary>The saved scenario with this id, or null.</summary>
    public SavedScenario? GetScenario(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        using var connection = Connect();
        return GetScenario(connection, id);
    }

    /// <summary>Every saved scenario, newest first.</summary>
    public IReadOnlyList<SavedScenarioSummary> ListScenarios()
    {
        using var connection = Connect();
        using var command = Command(connection, "SELECT id, name, updated_at FROM scenarios ORDER BY updated_at DESC, id");
        using var reader = command.ExecuteReader();
        var list = new List<SavedScenarioSummary>();
        while (reader.Read())
        {
            list.Add(new SavedScenarioSummary(reader.GetString(0), reader.GetString(1), Time(reader.GetString(2))));
        }

        return list;
    }

    /// <summary>Deletes a saved scenario; false when there was none with this id.</summary>
    public bool DeleteScenario(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        using var connection = Connect();
        return Execute(connection, "DELETE FROM scenarios WHERE id = @id", ("id", id)) > 0;
    }

    /// <summary>Saves a comparison under its name, replacing one saved under the same name.</summary>
    /// <returns>The comparison with its saved time.</returns>
    public NamedComparison SaveComparison(NamedComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentException.ThrowIfNullOrWhiteSpace(comparison.Name);
        var now = Now();
        using var connection = Connect();
        Execute(connection, """
            INSERT INTO comparisons (name, models, shape, input, output, cached, requests, batch, created_at, updated_at)
            VALUES (@name, @models, @shape, @input, @output, @cached, @requests, @batch, @now, @now)
            ON CONFLICT (name) DO UPDATE SET models = excluded.models, shape = excluded.shape, input = excluded.input, output = excluded.output,
                cached = excluded.cached, requests = excluded.requests, batch = excluded.batch, updated_at = excluded.updated_at
            """,
            ("name", comparison.Name), ("models", string.Join(',', comparison.Models)), ("shape", comparison.Shape), ("input", comparison.Input),
            ("output", comparison.Output), ("cached", comparison.Cached), ("requests", comparison.Requests), ("batch", comparison.Batch ? 1 : 0), ("now", Text(now)));
        return comparison with { UpdatedAt = now };
    }

    /// <summary>The comparison saved under this name, or null.</summary>
    public NamedComparison? GetComparison(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var connection = Connect();
        return ReadComparisons(connection, "WHERE name = @name", ("name", name)).FirstOrDefault();
    }

    /// <summary>Every named comparison, by name.</summary>
    public IReadOnlyList<NamedComparison> ListComparisons()
    {
        using var connection = Connect();
        return ReadComparisons(connection, "ORDER BY name");
    }

    /// <summary>Deletes a named comparison; false when there was none.</summary>
    public bool DeleteComparison(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var connection = Connect();
        return Execute(connection, "DELETE FROM comparisons WHERE name = @name", ("name", name)) > 0;
    }

    /// <summary>The short link for a page address: the existing one when the address has one, else a new code.</summary>
    /// <param name="target">The page's path and query (already checked by the caller).</param>
    public ShareLink CreateLink(string target)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        using var connection = Connect();
        for (var attempt = 0; ; attempt++)
        {
            if (FindLink(connection, "target", target) is { } existing)
            {
                return existing;
            }

            var now = Now();
            var code = NewCode(ShareCodeLength);
            try
            {
                Execute(connection, "INSERT INTO share_links (code, target, created_at) VALUES (@code, @target, @now)", ("code", code), ("target", target), ("now", Text(now)));
                return new ShareLink(code, target, now);
            }
            catch (DbException) when (attempt < 3)
            {
                // Another request saved the same address first (read it next time round), or the code was taken: draw another.
            }
        }
    }

    /// <summary>The link with this code, or null.</summary>
    public ShareLink? ResolveLink(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        using var connection = Connect();
        return FindLink(connection, "code", code);
    }

    /// <inheritdoc/>
    public void Dispose() => _postgres?.Dispose();

    private static string NewCode(int length) => RandomNumberGenerator.GetString(CodeAlphabet, length);

    private static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private DateTimeOffset Now() => _clock.GetUtcNow();

    private DbConnection Connect()
    {
        DbConnection connection = _postgres is not null ? _postgres.CreateConnection() : new SqliteConnection(Location.ConnectionString);
        connection.Open();
        if (connection is SqliteConnection)
        {
            using var pragma = Command(connection, "PRAGMA busy_timeout = 5000");
            pragma.ExecuteNonQuery();
        }

        return connection;
    }

    private void Migrate()
    {
        using var connection = Connect();
        if (connection is SqliteConnection)
        {
            using var wal = Command(connection, "PRAGMA journal_mode = WAL");
            wal.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction(IsolationLevel.Serializable);
        if (Location.Kind == StoreKind.Postgres)
        {
            // Two servers opening one database at once: the second waits, then finds the steps done.
            Execute(connection, "SELECT pg_advisory_xact_lock(@key)", transaction, ("key", MigrationLockKey));
        }

        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)", transaction);
        var current = CurrentVersion(connection, transaction);
        if (current > StoreSchema.Latest)
        {
            throw new InferCostException($"store {Location.Display}: its schema is at version {current}, newer than this infercost knows ({StoreSchema.Latest}); upgrade infercost");
        }

        foreach (var step in StoreSchema.Migrations.Where(m => m.Version > current))
        {
            Execute(connection, step.For(Location.Kind), transaction);
            Execute(connection, "INSERT INTO schema_version (version, description, applied_at) VALUES (@version, @description, @now)", transaction,
                ("version", step.Version), ("description", step.Description), ("now", Text(Now())));
        }

        transaction.Commit();
    }

    private static int CurrentVersion(DbConnection connection, DbTransaction? transaction)
    {
        using var command = Command(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
        command.Transaction = transaction;
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static SavedScenario? GetScenario(DbConnection connection, string id)
    {
        using var command = Command(connection, "SELECT id, name, yaml, created_at, updated_at FROM scenarios WHERE id = @id", ("id", id));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new SavedScenario(reader.GetString(0), reader.GetString(1), reader.GetString(2), Time(reader.GetString(3)), Time(reader.GetString(4)))
            : null;
    }

    private static List<NamedComparison> ReadComparisons(DbConnection connection, string where, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, "SELECT name, models, shape, input, output, cached, requests, batch, updated_at FROM comparisons " + where, parameters);
        using var reader = command.ExecuteReader();
        var list = new List<NamedComparison>();
        while (reader.Read())
        {
            list.Add(new NamedComparison(
                reader.GetString(0),
                reader.GetString(1).Split(',', StringSplitOptions.RemoveEmptyEntries),
                reader.GetString(2),
                reader.GetInt64(3),
                reader.GetInt64(4),
                reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetInt64(6),
                Convert.ToInt64(reader.GetValue(7), CultureInfo.InvariantCulture) != 0,
                Time(reader.GetString(8))));
        }

        return list;
    }

    private static ShareLink? FindLink(DbConnection connection, string column, string value)
    {
        using var command = Command(connection, $"SELECT code, target, created_at FROM share_links WHERE {column} = @value", ("value", value));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new ShareLink(reader.GetString(0), reader.GetString(1), Time(reader.GetString(2))) : null;
    }

    private static int Execute(DbConnection connection, string sql, params (string Name, object? Value)[] parameters) => Execute(connection, sql, null, parameters);

    private static int Execute(DbConnection connection, string sql, DbTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        command.Transaction = transaction;
        return command.ExecuteNonQuery();
    }

#pragma warning disable CA2100 // The SQL is this class's own text; values travel as parameters.
    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
#pragma warning restore CA2100
}
