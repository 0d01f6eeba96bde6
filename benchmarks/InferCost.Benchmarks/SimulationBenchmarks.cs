using BenchmarkDotNet.Attributes;
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
public class SimulationBenchmarks
{
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
}
