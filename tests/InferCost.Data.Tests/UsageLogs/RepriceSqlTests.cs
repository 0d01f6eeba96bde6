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
        foreach (var f in new[] { "openai-chat.jsonl", "openai-batch.jsonl", "anthropic.jsonl", "gemini.jsonl", "otel.jsonl", "litellm.jsonl", "real/openai-embeddings.jsonl" })
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
        return [.. new[] { "gpt-4o-mini", "claude-haiku-4-5", "gemini-2.5-pro", "claude-sonnet-4-5", "gpt-4.1", "openai/text-embedding-3-large" }
            .Select(m => RepriceTarget.For(catalog.Resolve(m), At, options))];
    }

    private static IReadOnlySet<string> Embeddings => ModelModalities.EmbeddingModels(UsageFixtures.Catalog, At);

    private static string Generate(SqlDialect dialect, List<RepriceTarget> targets, RepriceOptions options, string source = "usage_records", ReportDimension? by = null)
        => RepriceSql.Generate(dialect, targets, options, source, by: by, embeddingModels: Embeddings);

    private RepriceResult InProcess(RepriceOptions options, List<RepriceTarget> targets)
    {
        var acc = new RepriceAccumulator(targets, options, Embeddings);
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
        var sql = Generate(SqlDialect.DuckDb, targets, options);
        var rows = Run(_fixture.Store.Connection, sql);
        AssertEqual(expected, rows);
    }

    [Fact]
    public void DuckDB_pushdown_by_user_equals_the_in_process_drivers()
    {
        var options = new RepriceOptions { CacheHit = 0.3m };
        var targets = Targets(options);
        var expected = InProcess(options, targets);
        var sql = Generate(SqlDialect.DuckDb, targets, options, by: ReportDimension.User);
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
        AssertEqual(expected, Run(connection, Generate(SqlDialect.DuckDb, targets, options, RepriceSql.ParquetSource(folder))));
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
            var sql = Generate(SqlDialect.Postgres, targets, options, source: schema + ".usage_records");
            AssertEqual(expected, Run(pg, sql));
        }
        finally
        {
            Exec(pg, $"DROP SCHEMA {schema} CASCADE");
        }
    }

    [Fact]
    public void A_prompt_over_the_alternatives_context_window_stays_at_its_recorded_cost()
    {
        var targets = Targets(RepriceOptions.None);
        var result = InProcess(RepriceOptions.None, targets);
        var mini = targets.Single(t => t.Id == "openai/gpt-4o-mini");
        var window = Assert.IsType<long>(mini.ContextWindow);
        var alt = result.Alternatives.Single(a => a.Alternative == mini.Id);
        var textOnly = "priced_as NOT LIKE '%embedding%'";
        var over = _fixture.Store.Scalar<long>($"SELECT count(*) FROM usage_records WHERE input > {window} AND {textOnly}");
        Assert.True(over > 10, $"the test store should hold prompts over {window} tokens");
        Assert.Equal(over, alt.StaysOverContext);
        var staysCost = _fixture.Store.Scalar<decimal>($"SELECT sum(cost) FROM usage_records WHERE input > {window} OR NOT ({textOnly})");
        Assert.Equal(staysCost, alt.StaysCost);

        // Only the calls that move are re-priced: the rest of the cost is theirs on the alternative.
        var moved = new RepriceAccumulator([mini], RepriceOptions.None, Embeddings);
        _fixture.Store.ReadRecords(UsageQuery.All, (in UsageRecord r, decimal cost) =>
        {
            if (r.InputTokens <= window && !r.PricedAs!.Contains("embedding", StringComparison.Ordinal))
            {
                moved.Add(r, cost);
            }
        });
        Assert.Equal(alt.Cost - staysCost, moved.Result().Alternatives[0].Cost);
        Assert.Equal(0, moved.Result().Alternatives[0].StaysRecords);
    }

    [Fact]
    public void Embeddings_move_only_to_embedding_models()
    {
        var targets = Targets(RepriceOptions.None);
        var result = InProcess(RepriceOptions.None, targets);
        var embeddings = _fixture.Store.Scalar<long>("SELECT count(*) FROM usage_records WHERE priced_as LIKE '%/text-embedding-%'");
        Assert.Equal(3, embeddings);
        foreach (var alt in result.Alternatives.Where(a => a.Alternative != "openai/text-embedding-3-large"))
        {
            Assert.Equal(embeddings, alt.StaysOtherModality);
        }

        var large = result.Alternatives.Single(a => a.Alternative == "openai/text-embedding-3-large");
        Assert.Equal(result.Records - embeddings, large.StaysOtherModality);
        Assert.Equal(0, large.StaysOverContext);

        // What moves is the embedding input at text-embedding-3-large's list price per token.
        var inputPrice = targets.Single(t => t.Id == large.Alternative).Rates.PriceOf(InferCost.Pricing.UsageUnits.InputTokens)!.PriceFor(0) / 1_000_000m;
        var tokens = _fixture.Store.Scalar<long>("SELECT CAST(sum(input) AS BIGINT) FROM usage_records WHERE priced_as LIKE '%/text-embedding-%'");
        Assert.Equal(tokens * inputPrice, large.Cost - large.StaysCost);
    }

    [Fact]
    public void DuckDB_pushdown_by_model_groups_dated_versions_under_their_model()
    {
        var options = RepriceOptions.None;
        var targets = Targets(options);
        var expected = InProcess(options, targets);
        var rows = GroupRows(_fixture.Store.Connection, Generate(SqlDialect.DuckDb, targets, options, by: ReportDimension.Model));
        Assert.Contains(rows, r => r.Group == "gpt-4o");
        Assert.DoesNotContain(rows, r => r.Group == "gpt-4o-2024-08-06");
        Assert.Equal(expected.Alternatives.Sum(a => a.TopModels.Length), rows.Count);
        foreach (var (alternative, group, current, cost) in rows)
        {
            var driver = expected.Alternatives.Single(a => a.Alternative == alternative).TopModels.Single(m => m.Key == group);
            Assert.Equal(driver.CurrentCost, current);
            Assert.Equal(driver.Cost, cost);
        }
    }

    [Fact]
    public void PostgreSQL_pushdown_by_model_equals_the_in_process_drivers()
    {
        var options = new RepriceOptions { CacheHit = 0.2m };
        var targets = Targets(options);
        var expected = InProcess(options, targets);
        using var pg = OpenPostgres();
        var schema = "infercost_test_" + Guid.NewGuid().ToString("N")[..12];
        Exec(pg, $"CREATE SCHEMA {schema}");
        try
        {
            CopyToPostgres(pg, schema);
            var rows = GroupRows(pg, Generate(SqlDialect.Postgres, targets, options, source: schema + ".usage_records", by: ReportDimension.Model));
            Assert.Equal(expected.Alternatives.Sum(a => a.TopModels.Length), rows.Count);
            foreach (var (alternative, group, current, cost) in rows)
            {
                var driver = expected.Alternatives.Single(a => a.Alternative == alternative).TopModels.Single(m => m.Key == group);
                Assert.Equal(driver.CurrentCost, current);
                Assert.Equal(driver.Cost, cost);
            }
        }
        finally
        {
            Exec(pg, $"DROP SCHEMA {schema} CASCADE");
        }
    }

    private static List<(string Alternative, string Group, decimal Current, decimal Cost)> GroupRows(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var r = command.ExecuteReader();
        var rows = new List<(string, string, decimal, decimal)>();
        while (r.Read())
        {
            rows.Add((r.GetString(0), r.GetString(1), r.GetDecimal(3), r.GetDecimal(4)));
        }

        return rows;
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

    private static List<SqlRow> Run(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var r = command.ExecuteReader();
        var rows = new List<SqlRow>();
        while (r.Read())
        {
            rows.Add(new SqlRow(r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture), r.GetDecimal(2), r.GetDecimal(3),
                Convert.ToInt64(r.GetValue(5), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(6), CultureInfo.InvariantCulture), Convert.ToDecimal(r.GetValue(7), CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    private static void AssertEqual(RepriceResult expected, List<SqlRow> rows)
    {
        Assert.Equal(expected.Alternatives.Select(a => a.Alternative).Order(StringComparer.Ordinal), rows.Select(r => r.Alternative));
        foreach (var row in rows)
        {
            var alt = expected.Alternatives.Single(a => a.Alternative == row.Alternative);
            Assert.Equal(alt.Records, row.Records);
            Assert.Equal(alt.CurrentCost, row.Current);
            Assert.Equal(alt.Cost, row.Cost);
            Assert.Equal(alt.StaysRecords, row.StaysRecords);
            Assert.Equal(alt.StaysRequests, row.StaysRequests);
            Assert.Equal(alt.StaysCost, row.StaysCost);
        }
    }

    private sealed record SqlRow(string Alternative, long Records, decimal Current, decimal Cost, long StaysRecords, long StaysRequests, decimal StaysCost);
}
