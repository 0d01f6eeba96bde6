using BenchmarkDotNet.Attributes;
using InferCost.Data.Catalog;
using InferCost.Data.UsageLogs;
using InferCost.Pricing;
using InferCost.UsageAnalytics;

namespace InferCost.Benchmarks;

/// <summary>
/// Usage analytics throughput: read + price JSONL (records/s), full import into DuckDB, in-process re-pricing on
/// three alternatives, and DuckDB report latency on 10M records.
/// Run: <c>dotnet run -c Release --project benchmarks/InferCost.Benchmarks -- --filter *Usage*</c>.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class UsageImportBenchmarks
{
    private const int Records = 1_000_000;
    private string _dir = string.Empty;
    private string _log = string.Empty;
    private PriceCatalog _catalog = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "infercost-bench-usage");
        Directory.CreateDirectory(_dir);
        _log = Path.Combine(_dir, "usage-1m.jsonl");
        if (!File.Exists(_log))
        {
            using var s = File.Create(_log);
            SyntheticUsageLog.WriteOpenAiJsonl(s, Records, seed: 1);
        }

        _catalog = CatalogLoader.LoadBuiltIn();
    }

    /// <summary>JSONL → records → exact prices, no store (the pricing pipeline end to end).</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public decimal ReadAndPriceJsonl()
    {
        var sink = new PricingSink(new UsageRecordPricer(_catalog));
        using var stream = new FileStream(_log, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        new JsonUsageLogReader(UsageLogFormat.OpenAi).Read(stream, sink);
        return sink.Total;
    }

    /// <summary>JSONL → records → prices → DuckDB (staging, dedupe, one transaction).</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public long ImportIntoDuckDb()
    {
        var db = Path.Combine(_dir, "import-" + Guid.NewGuid().ToString("N") + ".duckdb");
        try
        {
            using var store = UsageStore.Open(db);
            return store.Import(_log, UsageLogFormat.OpenAi, _catalog, Path.Combine(_dir, "rejects.jsonl")).Inserted;
        }
        finally
        {
            File.Delete(db);
        }
    }

    private sealed class PricingSink(UsageRecordPricer pricer) : IUsageSink
    {
        public decimal Total { get; private set; }

        public void OnRecord(in UsageRecord record, long line)
        {
            if (pricer.TryPrice(record, out var cost, out _, out _))
            {
                Total += cost.Cost;
            }
        }

        public void OnReject(long line, string problem, ReadOnlySpan<byte> raw)
        {
        }
    }
}

/// <summary>In-process re-pricing of 1M records on three alternatives (records/s counts each record once).</summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class UsageRepriceBenchmarks
{
    private const int Records = 1_000_000;
    private static readonly string[] Alternatives = ["gpt-4o-mini", "claude-haiku-4-5", "gemini-2.5-pro"];
    private UsageRecord[] _records = [];
    private List<RepriceTarget> _targets = [];

    [GlobalSetup]
    public void Setup()
    {
        var catalog = CatalogLoader.LoadBuiltIn();
        var options = new RepriceOptions { CacheHit = 0.5m };
        _targets = [.. Alternatives.Select(m => RepriceTarget.For(catalog.Resolve(m), DateTimeOffset.UtcNow, options))];
        var random = new Random(5);
        _records = [.. Enumerable.Range(0, Records).Select(i => new UsageRecord
        {
            Time = DateTimeOffset.UnixEpoch.AddSeconds(1_750_000_000 + i),
            User = "user-" + (i % 500),
            Feature = "f" + (i % 5),
            Model = "gpt-4o",
            InputTokens = 500 + random.Next(20_000),
            CacheReadTokens = 0,
            OutputTokens = 50 + random.Next(2_000),
            Requests = 1,
        })];
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public decimal RepriceOnThreeAlternatives()
    {
        var acc = new RepriceAccumulator(_targets, new RepriceOptions { CacheHit = 0.5m });
        foreach (ref readonly var r in _records.AsSpan())
        {
            acc.Add(r, 0.01m);
        }

        return acc.Result().Alternatives[0].Cost;
    }
}

/// <summary>DuckDB report latency on a 10M-record store (built once with SQL).</summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class UsageReportBenchmarks
{
    private UsageStore _store = null!;

    [GlobalSetup]
    public void Setup()
    {
        var dir = Path.Combine(Path.GetTempPath(), "infercost-bench-usage");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "report-10m.duckdb");
        _store = UsageStore.Open(path);
        if (_store.Count() < 10_000_000)
        {
            _store.Execute("DELETE FROM usage_records");
            _store.Execute("""
                INSERT INTO usage_records
                SELECT TIMESTAMP '2025-06-01' + to_seconds(i * 0.25), 'req-' || i, 'user-' || (hash(i) % 5000), 'feature-' || (i % 12), 'openai',
                       CASE i % 3 WHEN 0 THEN 'gpt-4o' WHEN 1 THEN 'gpt-4o-mini' ELSE 'o3-mini' END, 'openai/gpt-4o',
                       1000 + i % 9000, (i % 4) * 250, 0, 0, 100 + i % 900, 0, 0, 1, false,
                       CAST((1000 + i % 9000) * 0.0000025 + (100 + i % 900) * 0.00001 AS DECIMAL(38,18)),
                       CAST((1000 + i % 9000) * 0.0000025 + (100 + i % 900) * 0.00001 AS DECIMAL(38,18)), 0, 0, 'bench', i, 'req-' || i
                FROM range(10000000) t(i)
                """);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark]
    public UsageReport ReportByUser() => _store.Report(ReportDimension.User, UsageQuery.All, 20);

    [Benchmark]
    public UsageReport ReportByDay() => _store.Report(ReportDimension.Day, UsageQuery.All, 100);

    [Benchmark]
    public UsageReport ReportByFeatureOneWeek() => _store.Report(ReportDimension.Feature, new UsageQuery(new DateTimeOffset(2025, 6, 10, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 6, 17, 0, 0, 0, TimeSpan.Zero)), 20);
}
