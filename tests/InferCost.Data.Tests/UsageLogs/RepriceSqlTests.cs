using System.Collections.Immutable;
using System.Globalization;
using DuckDB.NET.Data;
using InferCost.Data.UsageLogs;
using InferCost.UsageAnalytics;
using Npgsql;

namespace InferCost.Data.Tests.UsageLogs;

/// <summary>One store with synthetic and fixture traffic, shared by the SQL pushdown tests.</summary>
public sealed class RepricingStoreFixture : IDisposable
{
    public RepricingStoreFixture()
    {
        Dir = UsageFixtures.TempDir();
        Store = UsageStore.Open(Path.Combine(Dir, "u.duckdb"));
        var log = Path.Combine(Dir, "syn.jsonl");
        using (var s = File.Create(log))
        {
            SyntheticUsageLog.WriteOpenAiJsonl(s, 4000, seed: 11);
        }

        Store.Import(log, UsageLogFormat.Auto, UsageFixtures.Catalog, Path.Combine(Dir, "r.jsonl"));
        foreach (var f in new[] { "openai-chat.jsonl", "openai-batch.jsonl", "anthropic.jsonl", "gemini.jsonl", "otel.jsonl", "litellm.jsonl" })
        {
            Store.Import(UsageFixtures.Path(f), UsageLogFormat.Auto, UsageFixtures.Catalog, Path.Combine(Dir, "r.jsonl"));
        }
    }

    public string Dir { get; }

    public UsageStore Store { get; }

    public void Dispose() => Store.Dispose();
}

public sealed class RepriceSqlTests : IClassFixture<RepricingStoreFixture>
{
    private static readonly DateTimeOffset At = new(2025, 8, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly RepricingStoreFixture _fixture;

    public RepriceSqlTests(RepricingStoreFixture fixture) => _fixture = fixture;

    public static TheoryData<string> Scenarios => ["plain", "cache-hit", "batch-share", "efficiency", "all"];

    private static RepriceOptions Options(string scenario) => scenario switch
    {
        "cache-hit" => new RepriceOptions { CacheHit = 0.55m },
        "batch-share" => new RepriceOptions { BatchShare = 0.3m },
        "efficiency" => RepriceOptions.None with { Efficiency = ImmutableDictionary<string, decimal>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase).Add("claude-haiku-4-5", 0.8m) },
        "all" => new RepriceOptions { CacheHit = 0.9m, BatchShare = 1m, Efficiency = ImmutableDictionary<string, decimal>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase).Add("gemini-2.5-pro", 1.25m) },
        _ => RepriceOptions.None,
    };

    private static List<RepriceTarget> Targets(RepriceOptions options)
    {
        var catalog = UsageFixtures.Catalog;
        return [.. new[] { "gpt-4o-mini", "claude-haiku-4-5", "gemini-2.5-pro", "claude-sonnet-4-5", "gpt-4.1" }
            .Select(m => RepriceTarget.For(catalog.Resolve(m), At, options))];
    }

    private RepriceResult InProcess(RepriceOptions options, List<RepriceTarget> targets)
    {
        var acc = new RepriceAccumulator(targets, options);
        _fixture.Store.ReadRecords(UsageQuery.All, (in UsageRecord r, decimal cost) => acc.Add(r, cost));
        return acc.Result(top: 1000);
    }

    [Fact]
    public void Test_traffic_crosses_long_context_tiers()
        => Assert.True(_fixture.Store.Scalar<long>("SELECT count(*) FROM usage_records WHERE input > 200000") > 10);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void DuckDB_pushdown_equals_the_in_process_result(string scenario)
    {
        var options = Options(scenario);
        var targets = Targets(options);
        var expected = InProcess(options, targets);
        var sql = RepriceSql.Generate(SqlDialect.DuckDb, targets, options);
        var rows = Run(_fixture.Store.Connection, sql);
        AssertEqual(expected, rows);
    }

    [Fact]
    public void DuckDB_pushdown_by_user_equals_the_in_process_drivers()
    {
        var options = new RepriceOptions { CacheHit = 0.3m };
        var targets = Targets(options);
        var expected = InProcess(options, targets);
        var sql = RepriceSql.Generate(SqlDialect.DuckDb, targets, options, by: ReportDimension.User);
        using var command = _fixture.Store.Connection.CreateCommand();
        command.CommandText = sql;
        using var r = command.ExecuteReader();
        var n = 0;
        while (r.Read())
        {
            var alt = expected.Alternatives.Single(a => a.Alternative == r.GetString(0));
            var driver = alt.TopUsers.Single(u => u.Key == r.GetString(1));
            Assert.Equal(driver.CurrentCost, r.GetDecimal(3));
            Assert.Equal(driver.Cost, r.GetDecimal(4));
            n++;
        }

        Assert.True(n > 100);
    }

    [Fact]
    public void DuckDB_reads_a_hive_partitioned_Parquet_folder_in_place()
    {
        var folder = Path.Combine(_fixture.Dir, "parquet-" + Guid.NewGuid().ToString("N"));
        _fixture.Store.Execute($"COPY (SELECT *, strftime(time, '%Y-%m') AS month FROM usage_records) TO '{folder}' (FORMAT PARQUET, PARTITION_BY (month))");
        Assert.True(Directory.GetDirectories(folder).Length >= 2);
        var options = new RepriceOptions { BatchShare = 0.5m };
        var targets = Targets(options);
        var expected = InProcess(options, targets);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        AssertEqual(expected, Run(connection, RepriceSql.Generate(SqlDialect.DuckDb, targets, options, RepriceSql.ParquetSource(folder))));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void PostgreSQL_pushdown_equals_the_in_process_result(string scenario)
    {
        var options = Options(scenario);
        var targets = Targets(options);
        var expected = InProcess(options, targets);
        using var pg = OpenPostgres();
        var schema = "infercost_test_" + Guid.NewGuid().ToString("N")[..12];
        Exec(pg, $"CREATE SCHEMA {schema}");
        try
        {
            CopyToPostgres(pg, schema);
            var sql = RepriceSql.Generate(SqlDialect.Postgres, targets, options, source: schema + ".usage_records");
            AssertEqual(expected, Run(pg, sql));
        }
        finally
        {
            Exec(pg, $"DROP SCHEMA {schema} CASCADE");
        }
    }

    [Fact]
    public void Generated_SQL_carries_prices_as_a_values_table()
    {
        var sql = RepriceSql.Generate(SqlDialect.Postgres, Targets(RepriceOptions.None), RepriceOptions.None);
        Assert.Contains("WITH prices (alternative, above_input, up_to_input,", sql, StringComparison.Ordinal);
        Assert.Contains("'google/gemini-2.5-pro', 200000, CAST(NULL AS BIGINT)", sql, StringComparison.Ordinal);
    }

    /// <summary>Opens the test server; fails (never skips) naming what to install when PostgreSQL is not reachable.</summary>
    internal static NpgsqlConnection OpenPostgres()
    {
        var pg = new NpgsqlConnection(PostgresConnectionString());
        try
        {
            pg.Open();
            return pg;
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException)
        {
            pg.Dispose();
            Assert.Fail($"PostgreSQL is not reachable ({e.Message}): run ./test.sh (it installs PostgreSQL, starts it and sets user postgres / password postgres), or set INFERCOST_TEST_POSTGRES to a connection string");
            throw;
        }
    }

    internal static string PostgresConnectionString()
        => Environment.GetEnvironmentVariable("INFERCOST_TEST_POSTGRES") is { Length: > 0 } cs ? cs : "Host=localhost;Username=postgres;Password=postgres;Database=postgres";

    private void CopyToPostgres(NpgsqlConnection pg, string schema)
    {
        var pgSchema = UsageStore.Schema.Replace("VARCHAR", "TEXT", StringComparison.Ordinal).Replace("DECIMAL(38,18)", "NUMERIC(38,18)", StringComparison.Ordinal);
        Exec(pg, $"CREATE TABLE {schema}.usage_records ({pgSchema})");
        using var writer = pg.BeginBinaryImport($"COPY {schema}.usage_records FROM STDIN (FORMAT BINARY)");
        using var command = _fixture.Store.Connection.CreateCommand();
        command.CommandText = "SELECT * FROM usage_records";
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            writer.StartRow();
            writer.Write(r.GetDateTime(0), NpgsqlTypes.NpgsqlDbType.Timestamp);
            for (var i = 1; i <= 6; i++)
            {
                if (r.IsDBNull(i))
                {
                    writer.WriteNull();
                }
                else
                {
                    writer.Write(r.GetString(i), NpgsqlTypes.NpgsqlDbType.Text);
                }
            }

            for (var i = 7; i <= 14; i++)
            {
                writer.Write(r.GetInt64(i), NpgsqlTypes.NpgsqlDbType.Bigint);
            }

            writer.Write(r.GetBoolean(15), NpgsqlTypes.NpgsqlDbType.Boolean);
            for (var i = 16; i <= 19; i++)
            {
                writer.Write(r.GetDecimal(i), NpgsqlTypes.NpgsqlDbType.Numeric);
            }

            writer.Write(r.GetString(20), NpgsqlTypes.NpgsqlDbType.Text);
            writer.Write(r.GetInt64(21), NpgsqlTypes.NpgsqlDbType.Bigint);
            writer.Write(r.GetString(22), NpgsqlTypes.NpgsqlDbType.Text);
            if (r.IsDBNull(23))
            {
                writer.WriteNull();
            }
            else
            {
                writer.Write(r.GetString(23), NpgsqlTypes.NpgsqlDbType.Text);
            }
        }

        writer.Complete();
    }

    private static void Exec(NpgsqlConnection pg, string sql)
    {
        using var c = new NpgsqlCommand(sql, pg);
        c.ExecuteNonQuery();
    }

    private static List<(string Alternative, long Records, decimal Current, decimal Cost)> Run(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var r = command.ExecuteReader();
        var rows = new List<(string, long, decimal, decimal)>();
        while (r.Read())
        {
            rows.Add((r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture), r.GetDecimal(2), r.GetDecimal(3)));
        }

        return rows;
    }

    private static void AssertEqual(RepriceResult expected, List<(string Alternative, long Records, decimal Current, decimal Cost)> rows)
    {
        Assert.Equal(expected.Alternatives.Select(a => a.Alternative).Order(StringComparer.Ordinal), rows.Select(r => r.Alternative));
        foreach (var row in rows)
        {
            var alt = expected.Alternatives.Single(a => a.Alternative == row.Alternative);
            Assert.Equal(alt.Records, row.Records);
            Assert.Equal(alt.CurrentCost, row.Current);
            Assert.Equal(alt.Cost, row.Cost);
        }
    }
}
