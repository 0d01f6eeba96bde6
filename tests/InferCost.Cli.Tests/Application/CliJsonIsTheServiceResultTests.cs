using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using InferCost.Application.Business;
using InferCost.Application.Catalogs;
using InferCost.Application.Json;
using InferCost.Application.Pricing;
using InferCost.Application.Serving;
using InferCost.Application.Simulation;
using InferCost.Application.Tests.Fixtures;

namespace InferCost.Cli.Tests.Application;

/// <summary>
/// For every operation, the CLI's <c>--json</c> output is byte for byte the service's result serialized by the
/// source-generated context (what the web API returns for the same request).
/// </summary>
public class CliJsonIsTheServiceResultTests
{
    private static readonly CatalogSource Catalog = Operations.Catalogs;

    [Fact]
    public void Quote() => Same(
        ["quote", "--model", "gpt-5.4", "--input", "1000000", "--output", "1000000", "--cached", "200000", "--at", "2026-06-01T00:00:00Z"],
        new PricingService(Catalog).Quote(Operations.QuoteRequest), AppJson.Context.TokenQuoteResult);

    [Fact]
    public void Compare() => Same(
        ["compare", "--models", "gpt-5.4,claude-sonnet-4-5,gemini-2.5-flash", "--input", "10000000", "--output", "2000000", "--at", "2026-06-01T00:00:00Z"],
        new PricingService(Catalog).Compare(Operations.CompareRequest), AppJson.Context.CompareResult);

    [Fact]
    public void Models() => Same(
        ["models", "--provider", "anthropic", "--sort", "output"],
        new CatalogService(Catalog).Models(new ModelsRequest { Provider = "anthropic", Sort = "output" }), AppJson.Context.ModelListResult);

    [Fact]
    public void Model() => Same(["model", "gpt-5.4"], new CatalogService(Catalog).Model(new ModelRequest { Id = "gpt-5.4" }), AppJson.Context.ModelDetail);

    [Fact]
    public void Catalog_info() => Same(["catalog", "info"], new CatalogService(Catalog).Info(), AppJson.Context.CatalogInfoResult);

    [Fact]
    public void Pnl() => Same(
        ["pnl", "--users", "10000000", "--paid-share", "0.8", "--arpu", "25", "--gpus", "16000", "--gpu-hour-price", "10.6", "--training-cost", "2000000000", "--useful-life-months", "12"],
        new BusinessService(Catalog).Pnl(Operations.PnlRequest), AppJson.Context.PnlResult);

    [Fact]
    public void Token_price() => Same(
        ["token-price", "--inference-cost", "0.5", "--infrastructure-cost", "0.1", "--training-cost", "100000000", "--useful-life-months", "12",
            "--tokens-per-month", "1000000000000", "--future-investment-per-month", "1000000", "--margin", "0.3"],
        new BusinessService(Catalog).TokenPrice(Operations.TokenPriceRequest), AppJson.Context.TokenPriceDecomposition);

    [Fact]
    public void Perf() => Same(
        ["perf", "--model", "llama-3.1-70b", "--gpu", "h100", "--gpus", "4", "--precision", "fp8", "--batch", "32", "--context", "4096"],
        new ServingService(Catalog).Perf(Operations.PerfRequest), AppJson.Context.PerfResult);

    [Fact]
    public void Serve_cost() => Same(
        ["serve-cost", "--model", "llama-3.1-8b", "--gpu", "h100", "--gpu-hour-price", "2.5", "--isl", "1024", "--osl", "256", "--tok-per-user", "20"],
        new ServingService(Catalog).ServeCost(Operations.ServeCostRequest), AppJson.Context.ServeCostResult);

    [Fact]
    public void Plan() => Same(
        ["plan", "--model", "llama-3.1-8b", "--isl", "1024", "--osl", "256", "--tok-per-user", "20", "--price", "h100=2.5", "--price", "l4=0.8"],
        new ServingService(Catalog).Plan(Operations.PlanRequest), AppJson.Context.ServeCostResult);

    [Fact]
    public void Capacity() => Same(
        ["capacity", "--gpus-per-replica", "8", "--replica-throughput", "12000", "--tok-per-user", "10", "--users", "5000", "--gpu-hour-price", "3",
            "--load-curve", "1,1,1,1,1,1,2,3,4,5,6,6,6,6,6,5,5,4,4,3,3,2,2,1"],
        new ServingService(Catalog).Capacity(Operations.CapacityRequest), AppJson.Context.CapacityResult);

    [Fact]
    public void Breakeven() => Same(
        ["breakeven", "--api", "api-model", "--api-input-price", "0.4", "--api-output-price", "1.6", "--model", "llama-3.1-8b", "--gpu", "h100",
            "--gpu-hour-price", "2.5", "--isl", "1000", "--osl", "200", "--tok-per-user", "10"],
        new ServingService(Catalog).BreakEven(Operations.BreakEvenRequest), AppJson.Context.BreakEvenResult);

    [Fact]
    public void Simulate() => Same(
        ["simulate", Operations.Example("chat-assistant.yaml"), "--users", "2000", "--seed", "7"],
        new SimulationService(Catalog).Simulate(Operations.SimulateRequest), AppJson.Context.SimulationResult);

    [Fact]
    public void Diff() => Same(
        ["diff", Operations.Example("chat-assistant.yaml"), "--users", "2000", "--seed", "7", "--set", "users=20000"],
        new SimulationService(Catalog).Diff(Operations.DiffRequest), AppJson.Context.DiffResult);

    [Fact]
    public void Sensitivity() => Same(
        ["sensitivity", Operations.Example("chat-assistant.yaml"), "--users", "1000", "--seed", "7"],
        new SimulationService(Catalog).Sensitivity(Operations.SensitivityRequest), AppJson.Context.ScenarioSensitivityResult);

    [Fact]
    public void Price_plan() => Same(
        ["price-plan", Operations.Example("chat-assistant.yaml"), "--plan", "pro", "--users", "2000", "--seed", "7"],
        new SimulationService(Catalog).PricePlan(Operations.PricePlanRequest("pro")), AppJson.Context.PlanDesign);

    private static void Same<T>(string[] args, T result, JsonTypeInfo<T> typeInfo)
    {
        var (code, output, error) = CliRunner.Run([.. args, "--json"]);
        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.Equal(JsonSerializer.Serialize(result, typeInfo) + Environment.NewLine, output);
    }
}
