using InferCost.Application.Business;
using InferCost.Application.Catalogs;
using InferCost.Application.Pricing;
using InferCost.Application.Serving;
using InferCost.Application.Simulation;
using InferCost.Testing;

namespace InferCost.Application.Tests.Fixtures;

/// <summary>
/// Fixed requests for every operation, run through the real services on the built-in catalogs with a fixed clock:
/// the inputs of the JSON contract and renderer snapshot tests (and of the CLI's same-bytes test).
/// </summary>
internal static class Operations
{
    public static readonly DateTimeOffset PricesAt = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<CatalogSource> Catalog = new(() => CatalogSource.BuiltIn());

    public static CatalogSource Catalogs => Catalog.Value;

    public static string Example(string name) => Path.Combine(RepoPaths.Root, "examples", name);

    public static PricingService Pricing => new(Catalogs, FixedClock.Default);

    public static ServingService Serving => new(Catalogs, FixedClock.Default);

    public static BusinessService Business => new(Catalogs, FixedClock.Default);

    public static SimulationService Simulation => new(Catalogs, FixedClock.Default);

    public static TokenQuoteRequest QuoteRequest => new()
    {
        Model = "gpt-5.4",
        Volume = new TokenVolume { Input = 1_000_000, Output = 1_000_000, Cached = 200_000, At = PricesAt },
    };

    public static CompareRequest CompareRequest => new()
    {
        Models = ["gpt-5.4", "claude-sonnet-4-5", "gemini-2.5-flash"],
        Volume = new TokenVolume { Input = 10_000_000, Output = 2_000_000, At = PricesAt },
    };

    public static PnlRequest PnlRequest => new()
    {
        Users = 10_000_000,
        PaidShare = 0.8m,
        Arpu = 25m,
        Gpus = 16_000,
        GpuHourPrice = 10.6m,
        TrainingCost = 2_000_000_000m,
        UsefulLifeMonths = 12m,
    };

    public static TokenPriceRequest TokenPriceRequest => new()
    {
        InferenceCost = 0.5m,
        InfrastructureCost = 0.1m,
        TrainingCost = 100_000_000m,
        UsefulLifeMonths = 12m,
        TokensPerMonth = 1_000_000_000_000m,
        FutureInvestmentPerMonth = 1_000_000m,
        Margin = 0.3m,
    };

    public static PerfRequest PerfRequest => new() { Model = "llama-3.1-70b", Gpu = "h100", Gpus = 4, Precision = "fp8", Batch = 32, Context = 4096 };

    public static ServeCostRequest ServeCostRequest => new()
    {
        Model = "llama-3.1-8b",
        Gpu = "h100",
        GpuHourPrice = 2.5m,
        Workload = new WorkloadShape { Isl = 1024, Osl = 256, TokPerUser = 20 },
    };

    public static PlanRequest PlanRequest => new()
    {
        Model = "llama-3.1-8b",
        Workload = new WorkloadShape { Isl = 1024, Osl = 256, TokPerUser = 20 },
        Prices = ["h100=2.5", "l4=0.8"],
    };

    public static CapacityRequest CapacityRequest => new()
    {
        GpusPerReplica = 8,
        ReplicaThroughput = 12_000m,
        TokPerUser = 10m,
        Users = 5_000m,
        LoadCurve = "1,1,1,1,1,1,2,3,4,5,6,6,6,6,6,5,5,4,4,3,3,2,2,1",
        GpuHourPrice = 3m,
    };

    public static BreakEvenRequest BreakEvenRequest => new()
    {
        Api = "api-model",
        ApiInputPrice = 0.4m,
        ApiOutputPrice = 1.6m,
        Model = "llama-3.1-8b",
        Gpu = "h100",
        GpuHourPrice = 2.5m,
        Workload = new WorkloadShape { Isl = 1000, Osl = 200, TokPerUser = 10 },
    };

    public static SimulateRequest SimulateRequest => new() { Scenario = ScenarioInput.FromFile(Example("chat-assistant.yaml")), Users = 2_000, Seed = 7 };

    public static DiffRequest DiffRequest => new() { A = ScenarioInput.FromFile(Example("chat-assistant.yaml")), Users = 2_000, Seed = 7, Set = ["users=20000"] };

    public static SensitivityRequest SensitivityRequest => new() { Scenario = ScenarioInput.FromFile(Example("chat-assistant.yaml")), Users = 1_000, Seed = 7 };

    public static PricePlanRequest PricePlanRequest(string plan) => new() { Scenario = ScenarioInput.FromFile(Example("chat-assistant.yaml")), Plan = plan, Users = 2_000, Seed = 7 };
}
