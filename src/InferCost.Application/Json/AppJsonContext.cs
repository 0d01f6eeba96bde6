using System.Text.Json.Serialization;
using InferCost.Application.Business;
using InferCost.Application.Catalogs;
using InferCost.Application.Pricing;
using InferCost.Application.Serving;
using InferCost.Application.Simulation;
using InferCost.Application.Usage;
using InferCost.Pricing;
using InferCost.Simulation;
using InferCost.Workloads;

namespace InferCost.Application.Json;

/// <summary>
/// The one source-generated JSON contract of every operation's result: snake_case fields, enums as snake_case
/// strings, nulls omitted, indented. Serialize through <see cref="AppJson.Context"/> (the same metadata with the
/// relaxed encoder the CLI has always used, so <c>×</c> or <c>'</c> stay as they are); the CLI's <c>--json</c>
/// and the web API's bodies are those bytes.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DictionaryKeyPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(SnakeCaseEnumConverter<InferCost.Pricing.MarketTier>), typeof(SnakeCaseEnumConverter<PlanMeter>),
        typeof(SnakeCaseEnumConverter<ContextPolicy>), typeof(SnakeCaseEnumConverter<CostDimension>), typeof(SnakeCaseEnumConverter<InferCost.UsageAnalytics.ReportDimension>),
        typeof(SnakeCaseEnumConverter<InferCost.Caching.CacheMode>), typeof(SnakeCaseEnumConverter<InferCost.Serving.Precision>), typeof(SnakeCaseEnumConverter<InferCost.Serving.PerformanceBound>),
        typeof(SnakeCaseEnumConverter<InferCost.Serving.CalibrationKind>), typeof(SnakeCaseEnumConverter<PriceDirection>)])]
[JsonSerializable(typeof(ModelListResult))]
[JsonSerializable(typeof(ModelDetail))]
[JsonSerializable(typeof(CatalogInUse))]
[JsonSerializable(typeof(CatalogInfoResult))]
[JsonSerializable(typeof(InferCost.Application.Store.SavedScenarioResult))]
[JsonSerializable(typeof(InferCost.Application.Store.SavedScenarioList))]
[JsonSerializable(typeof(InferCost.Application.Store.ComparisonResult))]
[JsonSerializable(typeof(InferCost.Application.Store.ComparisonList))]
[JsonSerializable(typeof(InferCost.Application.Store.ShareLinkResult))]
[JsonSerializable(typeof(TokenQuoteResult))]
[JsonSerializable(typeof(CompareResult))]
[JsonSerializable(typeof(PnlResult))]
[JsonSerializable(typeof(InferCost.Business.TokenPriceDecomposition))]
[JsonSerializable(typeof(PerfResult))]
[JsonSerializable(typeof(ServeCostResult))]
[JsonSerializable(typeof(CapacityResult))]
[JsonSerializable(typeof(BreakEvenResult))]
[JsonSerializable(typeof(EngineFitResult))]
[JsonSerializable(typeof(SimulationResult))]
[JsonSerializable(typeof(DiffResult))]
[JsonSerializable(typeof(ScenarioSensitivityResult))]
[JsonSerializable(typeof(PlanDesign))]
[JsonSerializable(typeof(UsageReportResult))]
[JsonSerializable(typeof(UsageRepriceResult))]
[JsonSerializable(typeof(UsageFitResult))]
[JsonSerializable(typeof(InferCost.Data.UsageLogs.UsageForecastResult))]
[JsonSerializable(typeof(UsageDailyResult))]
[JsonSerializable(typeof(ServingChoices))]
[JsonSerializable(typeof(InferCost.Optimization.OptimizationResult))]
[JsonSerializable(typeof(InferCost.Forecasting.ForecastResult))]
public sealed partial class AppJsonContext : JsonSerializerContext
{
}
