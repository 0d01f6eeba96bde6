using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using InferCost.Application.Json;
using InferCost.Application.Tests.Fixtures;

namespace InferCost.Application.Tests.Json;

/// <summary>
/// The source-generated contract writes what the CLI's reflection-based <c>--json</c> wrote before it: same field
/// names, same order, same values. The reference is the serializer options the CLI used (reflection over the same
/// records), so a renamed or lost field fails here.
/// </summary>
public class JsonContractTests
{
    private static readonly JsonSerializerOptions ReflectionOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    [Fact]
    public void Quote_json_keeps_the_fields_the_cli_printed() => Same(Operations.Pricing.Quote(Operations.QuoteRequest), AppJson.Context.TokenQuoteResult);

    [Fact]
    public void Compare_json_keeps_the_fields_the_cli_printed() => Same(Operations.Pricing.Compare(Operations.CompareRequest), AppJson.Context.CompareResult);

    [Fact]
    public void Pnl_json_keeps_the_fields_the_cli_printed() => Same(Operations.Business.Pnl(Operations.PnlRequest), AppJson.Context.PnlResult);

    [Fact]
    public void Token_price_json_keeps_the_fields_the_cli_printed() => Same(Operations.Business.TokenPrice(Operations.TokenPriceRequest), AppJson.Context.TokenPriceDecomposition);

    [Fact]
    public void Perf_json_keeps_the_fields_the_cli_printed() => Same(Operations.Serving.Perf(Operations.PerfRequest), AppJson.Context.PerfResult);

    [Fact]
    public void Serve_cost_json_keeps_the_fields_the_cli_printed() => Same(Operations.Serving.ServeCost(Operations.ServeCostRequest), AppJson.Context.ServeCostResult);

    [Fact]
    public void Plan_json_keeps_the_fields_the_cli_printed() => Same(Operations.Serving.Plan(Operations.PlanRequest), AppJson.Context.ServeCostResult);

    [Fact]
    public void Capacity_json_keeps_the_fields_the_cli_printed() => Same(Operations.Serving.Capacity(Operations.CapacityRequest), AppJson.Context.CapacityResult);

    [Fact]
    public void Breakeven_json_keeps_the_fields_the_cli_printed() => Same(Operations.Serving.BreakEven(Operations.BreakEvenRequest), AppJson.Context.BreakEvenResult);

    [Fact]
    public void Simulate_json_keeps_the_fields_the_cli_printed() => Same(Operations.Simulation.Simulate(Operations.SimulateRequest), AppJson.Context.SimulationResult);

    [Fact]
    public void Diff_json_keeps_the_fields_the_cli_printed() => Same(Operations.Simulation.Diff(Operations.DiffRequest), AppJson.Context.DiffResult);

    [Fact]
    public void Sensitivity_json_keeps_the_fields_the_cli_printed()
    {
        var result = Operations.Simulation.Sensitivity(Operations.SensitivityRequest);
        var json = JsonSerializer.Serialize(result, AppJson.Context.ScenarioSensitivityResult);

        // The CLI printed Core's SensitivityResult: the same four fields, without the scenario name.
        var core = new InferCost.Simulation.SensitivityResult(result.Change, result.BaselineGrossMargin, result.BaselineCostPerUser, result.Bars);
        Assert.Equal(JsonSerializer.Serialize(core, ReflectionOptions), json);
    }

    [Fact]
    public void Price_plan_json_keeps_the_fields_the_cli_printed() => Same(Operations.Simulation.PricePlan(Operations.PricePlanRequest("pro")), AppJson.Context.PlanDesign);

    [Fact]
    public void Enums_are_written_as_snake_case_names()
    {
        var design = Operations.Simulation.PricePlan(Operations.PricePlanRequest("pro"));
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(design, AppJson.Context.PlanDesign));
        Assert.Equal("calls", doc.RootElement.GetProperty("meter").GetString());
    }

    [Fact]
    public void The_default_context_differs_from_the_cli_bytes_only_in_escaping()
    {
        var result = Operations.Business.Pnl(Operations.PnlRequest);
        var relaxed = JsonSerializer.Serialize(result, AppJson.Context.PnlResult);
        var strict = JsonSerializer.Serialize(result, AppJsonContext.Default.PnlResult);
        Assert.Equal(JsonDocument.Parse(relaxed).RootElement.ToString(), JsonDocument.Parse(strict).RootElement.ToString());
    }

    private static void Same<T>(T result, JsonTypeInfo<T> typeInfo)
    {
        var generated = JsonSerializer.Serialize(result, typeInfo);
        var reflected = JsonSerializer.Serialize(result, ReflectionOptions);
        Assert.Equal(reflected, generated);
    }
}
