using System.ComponentModel;
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
    }

    private static void MapPricing(RouteGroupBuilder api)
    {
        api.MapGet("/quote", (PricingOperations ops,
                [FromQuery, Description("Model id, e.g. gpt-5.4")] string model,
                [FromQuery, Description("Input tokens, cached and cache-write tokens included")] long input,
                [FromQuery, Description("Output tokens, reasoning included")] long output,
                [AsParameters] VolumeQuery volume,
                [FromQuery, Description("Provider id (default: the one genai-prices picks)")] string? provider) =>
                WebJson.Ok(ops.Quote(model, provider, volume.ToRequest(input, output))))
            .WithName("quote").WithSummary("Price a token volume on one model, dimension by dimension (infercost quote)")
            .Produces<QuoteJson>().ProducesValidationProblem();

        api.MapGet("/compare", (PricingOperations ops,
                [FromQuery, Description("Input tokens")] long input,
                [FromQuery, Description("Output tokens")] long output,
                [AsParameters] VolumeQuery volume,
                [FromQuery, Description("Comma-separated model ids")] string? models,
                [FromQuery, Description("Every model in this market tier: commodity, mid, upper, premium")] string? tier,
                [FromQuery, Description("Every model of this provider")] string? provider,
                [FromQuery, Description("At most this many rows (default 25)")] int? top) =>
                WebJson.Ok(ops.Compare(SplitList(models), ParseTier(tier), provider, top ?? 25, volume.ToRequest(input, output))))
            .WithName("compare").WithSummary("Price the same volume on several models, cheapest first (infercost compare)")
            .Produces<CompareResult>().ProducesValidationProblem();

        api.MapGet("/models", (PricingOperations ops, string? provider, [Description("commodity, mid, upper or premium")] string? tier,
                [FromQuery(Name = "max_output_price")] decimal? maxOutputPrice, string? sort,
                [FromQuery(Name = "include_deprecated")] bool? includeDeprecated) =>
                WebJson.Ok(ops.Models(provider, ParseTier(tier), maxOutputPrice, sort ?? "id", includeDeprecated ?? false)))
            .WithName("models").WithSummary("Catalog models with their current prices (infercost models)")
            .Produces<ModelList>().ProducesValidationProblem();

        api.MapGet("/models/{id}", (PricingOperations ops, string id, string? provider) => WebJson.Ok(ops.Model(id, provider)))
            .WithName("model").WithSummary("Every price dimension, tier and dated version of one model (infercost model)")
            .Produces<ModelDetail>().ProducesValidationProblem();

        api.MapGet("/catalog/info", (PricingOperations ops) => WebJson.Ok(BusinessOperations.CatalogInfo(ops.Catalog)))
            .WithName("catalog-info").WithSummary("Counts and attribution of the catalog in use (infercost catalog info)")
            .Produces<CatalogInfo>();
    }

    private static void MapBusiness(RouteGroupBuilder api)
    {
        api.MapGet("/pnl", ([AsParameters] PnlQuery q) => WebJson.Ok(q.Run()))
            .WithName("pnl").WithSummary("A model's monthly P&L with a useful-life sweep (infercost pnl)")
            .Produces<PnlResult>().ProducesValidationProblem();

        api.MapGet("/token-price", (
                [FromQuery(Name = "inference_cost")] decimal inferenceCost,
                [FromQuery(Name = "tokens_per_month")] decimal tokensPerMonth,
                [FromQuery(Name = "infrastructure_cost")] decimal? infrastructureCost,
                [FromQuery(Name = "training_cost")] decimal? trainingCost,
                [FromQuery(Name = "useful_life_months")] decimal? usefulLifeMonths,
                [FromQuery(Name = "future_investment_per_month")] decimal? futureInvestment,
                [FromQuery(Name = "margin")] decimal? margin) =>
                WebJson.Ok(BusinessOperations.TokenPrice(inferenceCost, infrastructureCost ?? 0m, trainingCost ?? 0m, usefulLifeMonths ?? 12m, tokensPerMonth, futureInvestment ?? 0m, margin ?? 0m)))
            .WithName("token-price").WithSummary("Price per 1M tokens that covers every cost (infercost token-price)")
            .Produces<Business.TokenPriceDecomposition>().ProducesValidationProblem();
    }

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
    public QuoteRequest ToRequest(long input, long output) => new()
    {
        InputTokens = input,
        OutputTokens = output,
        CachedTokens = Cached ?? 0,
        CacheWriteTokens = CacheWrite ?? 0,
        CacheWrite1hTokens = CacheWrite1h ?? 0,
        ReasoningTokens = Reasoning ?? 0,
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
    public PnlResult Run() => BusinessOperations.Pnl(Users, PaidShare, Arpu, Gpus, GpuHourPrice, TrainingCost, UsefulLifeMonths, OtherCosts ?? 0m, SweepFrom ?? 6, SweepTo ?? 48, SweepStep ?? 6);
}
