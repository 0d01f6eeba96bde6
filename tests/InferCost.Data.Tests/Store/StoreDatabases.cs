using InferCost.Data.Store;
using Npgsql;

namespace InferCost.Data.Tests.Store;

/// <summary>A database a store test class runs on; made fresh for the run and removed after it.</summary>
public interface IStoreDatabase : IDisposable
{
    StoreLocation Location { get; }

    /// <summary>Runs SQL on the database directly (to check what the store left behind, or to break it).</summary>
    object? Scalar(string sql);
}

/// <summary>A SQLite file in a temporary folder.</summary>
public sealed class SqliteDatabase : IStoreDatabase
{
    private readonly string _folder = Directory.CreateTempSubdirectory("infercost-store-").FullName;

    public SqliteDatabase() => Location = StoreLocation.Sqlite(Path.Combine(_folder, "nested", "infercost.db"));

    public StoreLocation Location { get; }

    public object? Scalar(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(Location.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>
/// A database of its own on the test PostgreSQL (localhost, user postgres / password postgres, started by ./test.sh;
/// or <c>INFERCOST_TEST_POSTGRES</c>), created for the run and dropped after it.
/// </summary>
public sealed class PostgresDatabase : IStoreDatabase
{
    private readonly string _admin;
    private readonly string _name = "infercost_store_test_" + Guid.NewGuid().ToString("N");

    public PostgresDatabase()
    {
        _admin = Environment.GetEnvironmentVariable("INFERCOST_TEST_POSTGRES") is { Length: > 0 } cs ? cs : "Host=localhost;Username=postgres;Password=postgres;Database=postgres";
        try
        {
            using var connection = new NpgsqlConnection(_admin);
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {_name}", connection);
            create.ExecuteNonQuery();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            Assert.Fail($"PostgreSQL is not reachable at {new NpgsqlConnectionStringBuilder(_admin).Host} ({e.Message}): install it (apt-get install postgresql), " +
                        "start it (pg_ctlcluster 15 main start) with user postgres / password postgres — ./test.sh does all this — or set INFERCOST_TEST_POSTGRES to a connection string");
        }

        Location = StoreLocation.Parse(new NpgsqlConnectionStringBuilder(_admin) { Database = _name }.ConnectionString);
    }

    public StoreLocation Location { get; }

    public object? Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(Location.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(_admin);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}
