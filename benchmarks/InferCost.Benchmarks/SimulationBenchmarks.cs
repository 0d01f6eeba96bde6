using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using InferCost.Data.Catalog;
using InferCost.Data.Scenarios;
using InferCost.Pricing;
using InferCost.Simulation;
using InferCost.Workloads;

namespace InferCost.Benchmarks;

/// <summary>
/// Monte Carlo throughput: 1M simulated users × 12 months of the chat-assistant example (target: under 1 s on 2 cores,
/// i.e. ≥ 12M user-months/s). Run: <c>dotnet run -c Release --project benchmarks/InferCost.Benchmarks -- --filter *Simulation* --job short</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class SimulationBenchmarks
{
    private const int Months = 12;

    private Scenario _scenario = null!;
    private PriceCatalog _catalog = null!;

    [Params(1_000_000)]
    public int Users { get; set; }

    [Params(2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _catalog = CatalogLoader.LoadBuiltIn();
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "examples")))
        {
            dir = dir.Parent;
        }

        _scenario = ScenarioLoader.Load(Path.Combine(dir!.FullName, "examples", "chat-assistant.yaml"), _catalog);
    }

    /// <summary>One full run; user-months/s = Users × 12 ÷ the mean time.</summary>
    [Benchmark]
    public SimulationResult Simulate_user_months() => MonteCarloEngine.Run(_scenario, _catalog, new SimulationOptions { Users = Users, Seed = 1, MaxDegreeOfParallelism = Threads });

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new UserMonthsPerSecondColumn());
    }

    /// <summary>Throughput column: <see cref="Users"/> × 12 months ÷ the mean time of one run.</summary>
    private sealed class UserMonthsPerSecondColumn : IColumn
    {
        public string Id => nameof(UserMonthsPerSecondColumn);

        public string ColumnName => "User-months/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Simulated user-months per second (Users × 12 ÷ Mean)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            if (report?.ResultStatistics is not { } stats || benchmarkCase.Parameters[nameof(Users)] is not int users)
            {
                return "-";
            }

            return (users * (double)Months / (stats.Mean / 1e9)).ToString("N0", CultureInfo.InvariantCulture);
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
