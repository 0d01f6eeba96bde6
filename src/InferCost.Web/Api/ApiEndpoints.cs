using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using InferCost.Application.Business;
using InferCost.Application.Catalogs;
using InferCost.Application.Json;
using InferCost.Application.Pricing;
using InferCost.Pricing;
using InferCost.Web.Adapters;
using InferCost.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace InferCost.Web.Api;

/// <summary>The API under <c>/api/v1</c>: one endpoint per CLI operation, answering the CLI's <c>--json</c>.</summary>
internal static class ApiEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("InferCost");
        MapPricing(api);
        MapBusiness(api);
        SimulationEndpoints.Map(api);
        ServingEndpoints.Map(api);
        UsageEndpoints.Map(api);
    }

    private static void MapPricing(RouteGroupBuilder api)
    {
        api.MapGet("/quote", (PricingService service,
                [FromQuery, Description("Model id, e.g. gpt-5.4")] string model,
                [FromQuery, Description("Input tokens, cached and cache-write tokens included")] long input,
                [FromQuery, Description("Output tokens, reasoning included")] long output,
                [AsParameters] VolumeQuery volume,
                [FromQuery, Description("Provider id (default: the one genai-prices picks)")] string? provider) =>
                Json(service.Quote(new TokenQuoteRequest { Model = model, Provider = provider, Volume = volume.ToVolume(input, output) }), AppJson.Context.TokenQuoteResult))
            .WithName("quote").WithSummary("Price a token volume on one model, dimension by dimension (infercost quote)")
            .Produces<TokenQuoteResult>().ProducesValidationProblem();

        api.MapGet("/compare", (PricingService service,
                [FromQuery, Description("Input tokens")] long input,
                [FromQuery, Description("Output tokens")] long output,
                [AsParameters] VolumeQuery volume,
                [FromQuery, Description("Comma-separated model ids")] string? models,
                [FromQuery, Description("Every model in this market tier: commodity, mid, upper, premium")] string? tier,
                [FromQuery, Description("Every model of this provider")] string? provider,
                [FromQuery, Description("At most this many rows (default 25)")] int? top) =>
                Json(service.Compare(new Application.Pricing.CompareRequest { Models = SplitList(models), Tier = ParseTier(tier), Provider = provider, Top = top ?? 25, Volume = volume.ToVolume(input, output) }),
                    AppJson.Context.CompareResult))
            .WithName("compare").WithSummary("Price the same volume on several models, cheapest first (infercost compare)")
            .Produces<Application.Pricing.CompareResult>().ProducesValidationProblem();

        api.MapGet("/models", (CatalogService service, string? provider, [Description("commodity, mid, upper or premium")] string? tier,
                [FromQuery(Name = "max_output_price")] decimal? maxOutputPrice, string? sort,
                [FromQuery(Name = "include_deprecated")] bool? includeDeprecated) =>
                Json(service.Models(new ModelsRequest { Provider = provider, Tier = ParseTier(tier), MaxOutputPrice = maxOutputPrice, Sort = sort ?? "id", IncludeDeprecated = includeDeprecated ?? false }),
                    AppJson.Context.ModelListResult))
            .WithName("models").WithSummary("Catalog models with their current prices (infercost models)")
            .Produces<ModelListResult>().ProducesValidationProblem();

        api.MapGet("/models/{id}", (CatalogService service, string id, string? provider) =>
                Json(service.Model(new ModelRequest { Id = id, Provider = provider }), AppJson.Context.ModelDetail))
            .WithName("model").WithSummary("Every price dimension, tier and dated version of one model (infercost model)")
            .Produces<Application.Catalogs.ModelDetail>().ProducesValidationProblem();

        api.MapGet("/catalog/info", (CatalogService service) => Json(service.Info(), AppJson.Context.CatalogInfoResult))
            .WithName("catalog-info").WithSummary("Counts and attribution of the catalog in use (infercost catalog info)")
            .Produces<CatalogInfoResult>();
    }

    private static void MapBusiness(RouteGroupBuilder api)
    {
        api.MapGet("/pnl", (BusinessService service, [AsParameters] PnlQuery q) => Json(service.Pnl(q.ToRequest()), AppJson.Context.PnlResult))
            .WithName("pnl").WithSummary("A model's monthly P&L with a useful-life sweep (infercost pnl)")
            .Produces<Application.Business.PnlResult>().ProducesValidationProblem();

        api.MapGet("/token-price", (BusinessService service,
                [FromQuery(Name = "inference_cost")] decimal inferenceCost,
                [FromQuery(Name = "tokens_per_month")] decimal tokensPerMonth,
                [FromQuery(Name = "infrastructure_cost")] decimal? infrastructureCost,
                [FromQuery(Name = "training_cost")] decimal? trainingCost,
                [FromQuery(Name = "useful_life_months")] decimal? usefulLifeMonths,
                [FromQuery(Name = "future_investment_per_month")] decimal? futureInvestment,
                [FromQuery(Name = "margin")] decimal? margin) =>
                Json(service.TokenPrice(new TokenPriceRequest
                {
                    InferenceCost = inferenceCost, InfrastructureCost = infrastructureCost ?? 0m, TrainingCost = trainingCost ?? 0m, UsefulLifeMonths = usefulLifeMonths ?? 12m,
                    TokensPerMonth = tokensPerMonth, FutureInvestmentPerMonth = futureInvestment ?? 0m, Margin = margin ?? 0m,
                }), AppJson.Context.TokenPriceDecomposition))
            .WithName("token-price").WithSummary("Price per 1M tokens that covers every cost (infercost token-price)")
            .Produces<Business.TokenPriceDecomposition>().ProducesValidationProblem();
    }

    /// <summary>An HTTP 200 answer with the result's source-generated JSON: the bytes the CLI's <c>--json</c> writes.</summary>
    internal static IResult Json<T>(T value, JsonTypeInfo<T> typeInfo) =>
        Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), "application/json; charset=utf-8");

    internal static MarketTier? ParseTier(string? tier) => tier is null ? null
        : Enum.TryParse<MarketTier>(tier, ignoreCase: true, out var t) && !int.TryParse(tier, out _) ? t
        : throw new Errors.InferCostException($"tier: expected commodity, mid, upper or premium (got '{tier}')");

    internal static string[] SplitList(string? csv) => csv is null ? [] : csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>The optional volume parameters quote and compare share (the CLI's flags, snake_case).</summary>
internal sealed record VolumeQuery(
    [property: FromQuery(Name = "cached"), Description("Of the input, tokens read from the prompt cache")] long? Cached,
    [property: FromQuery(Name = "cache_write"), Description("Of the input, tokens written to the cache (5-minute TTL)")] long? CacheWrite,
    [property: FromQuery(Name = "cache_write_1h"), Description("Of the input, tokens written with a 1-hour TTL")] long? CacheWrite1h,
    [property: FromQuery(Name = "reasoning"), Description("Of the output, reasoning tokens")] long? Reasoning,
    [property: FromQuery(Name = "web_searches"), Description("Web search tool calls")] long? WebSearches,
    [property: FromQuery(Name = "requests"), Description("Requests the volume is spread over")] long? Requests,
    [property: FromQuery(Name = "batch"), Description("Use the provider's batch API discount")] bool? Batch,
    [property: FromQuery(Name = "at"), Description("Price as of this date/time")] DateTimeOffset? At)
{
    public TokenVolume ToVolume(long input, long output) => new()
    {
        Input = input,
        Output = output,
        Cached = Cached ?? 0,
        CacheWrite = CacheWrite ?? 0,
        CacheWrite1h = CacheWrite1h ?? 0,
        Reasoning = Reasoning ?? 0,
        WebSearches = WebSearches ?? 0,
        Requests = Requests,
        Batch = Batch ?? false,
        At = At,
    };
}

/// <summary>The <c>pnl</c> parameters (the CLI's flags, snake_case) as the API and the page bind them.</summary>
internal sealed record PnlQuery(
    [property: FromQuery(Name = "users"), Description("Monthly users")] long Users,
    [property: FromQuery(Name = "paid_share"), Description("Share of users who pay, 0 to 1")] decimal PaidShare,
    [property: FromQuery(Name = "arpu"), Description("USD a paying user pays a month")] decimal Arpu,
    [property: FromQuery(Name = "gpus"), Description("GPUs in the serving fleet")] long Gpus,
    [property: FromQuery(Name = "gpu_hour_price"), Description("USD per GPU-hour")] decimal GpuHourPrice,
    [property: FromQuery(Name = "training_cost"), Description("USD the model cost to train")] decimal TrainingCost,
    [property: FromQuery(Name = "useful_life_months"), Description("Months the model earns before it is replaced")] decimal UsefulLifeMonths,
    [property: FromQuery(Name = "other_costs"), Description("Other USD a month")] decimal? OtherCosts,
    [property: FromQuery(Name = "sweep_from"), Description("Useful-life sweep start, months (default 6)")] int? SweepFrom,
    [property: FromQuery(Name = "sweep_to"), Description("Useful-life sweep end, months (default 48)")] int? SweepTo,
    [property: FromQuery(Name = "sweep_step"), Description("Useful-life sweep step, months (default 6)")] int? SweepStep)
{
    public PnlRequest ToRequest() => new()
    {
        Users = Users, PaidShare = PaidShare, Arpu = Arpu, Gpus = Gpus, GpuHourPrice = GpuHourPrice, TrainingCost = TrainingCost, UsefulLifeMonths = UsefulLifeMonths,
        OtherCosts = OtherCosts ?? 0m, SweepFrom = SweepFrom ?? 6, SweepTo = SweepTo ?? 48, SweepStep = SweepStep ?? 6,
    };
}
