using InferCost.Pricing;
using InferCost.Workloads;

namespace InferCost.Core.Tests.Simulation;

internal static class TestCatalog
{
    public static UnitPrice P(UsageUnit unit, decimal price) => new(unit, TieredPrice.Flat(price));

    public static RateCard OpenAiCard => new([
        P(UsageUnits.InputTokens, 2.5m), P(UsageUnits.CacheReadTokens, 0.25m), P(UsageUnits.OutputTokens, 15m), P(UsageUnits.WebSearches, 10m)]);

    public static RateCard MiniCard => new([
        P(UsageUnits.InputTokens, 0.75m), P(UsageUnits.CacheReadTokens, 0.075m), P(UsageUnits.OutputTokens, 4.5m)]);

    public static RateCard AnthropicCard => new([
        P(UsageUnits.InputTokens, 5m), P(UsageUnits.CacheReadTokens, 0.5m), P(UsageUnits.CacheWriteTokens, 6.25m),
        P(UsageUnits.CacheWrite1hTokens, 10m), P(UsageUnits.OutputTokens, 25m)]);

    public static RateCard GeminiCard => new([
        P(UsageUnits.InputTokens, 2m), P(UsageUnits.CacheReadTokens, 0.2m), P(UsageUnits.OutputTokens, 12m)]);

    public static PriceCatalog Build(RateCard? later = null, DateOnly? laterFrom = null)
    {
        var gptVersions = later is null
            ? new[] { new PriceVersion(null, OpenAiCard) }
            : [new PriceVersion(null, OpenAiCard), new PriceVersion(new PriceConstraint.StartingOn(laterFrom!.Value), later)];
        return new PriceCatalog([
            new CatalogProvider
            {
                Id = "openai",
                Name = "OpenAI",
                Facts = new ModelFacts { BatchMultiplier = new Sourced<decimal>(0.5m, "test", new DateOnly(2026, 1, 1)) },
                Models =
                [
                    new CatalogModel { Id = "gpt-5.4", Match = new ModelMatch.EqualsClause("gpt-5.4"), Versions = [.. gptVersions] },
                    new CatalogModel { Id = "gpt-5.4-mini", Match = new ModelMatch.EqualsClause("gpt-5.4-mini"), Versions = [new PriceVersion(null, MiniCard)] },
                ],
            },
            new CatalogProvider
            {
                Id = "google",
                Name = "Google",
                Facts = new ModelFacts { CacheStoragePerMillionHour = new Sourced<decimal>(4.5m, "test", new DateOnly(2026, 1, 1)) },
                Models =
                [
                    new CatalogModel { Id = "gemini-3.1-pro-preview", Match = new ModelMatch.EqualsClause("gemini-3.1-pro-preview"), Versions = [new PriceVersion(null, GeminiCard)] },
                ],
            },
            new CatalogProvider
            {
                Id = "anthropic",
                Name = "Anthropic",
                Models =
                [
                    new CatalogModel { Id = "claude-opus-4-7", Match = new ModelMatch.EqualsClause("claude-opus-4-7"), Versions = [new PriceVersion(null, AnthropicCard)] },
                ],
            },
        ]);
    }

    /// <summary>A one-segment, fixed-distribution scenario on gpt-5.4 with caching off.</summary>
    public static Scenario Fixed(double sessions = 20, double steps = 3, double input = 1000, double output = 500, AgentLoop? agent = null, CachingSettings? caching = null, Plan? plan = null, string model = "gpt-5.4") => new()
    {
        Name = "fixed",
        Users = 1000,
        Horizon = new Horizon { Months = 3, Start = new DateOnly(2026, 7, 1), MonthNoise = 0 },
        Models = [new ModelChoice { Alias = "main", ModelId = model }],
        Routing = new Routing.Single("main"),
        Agent = agent ?? AgentLoop.Default,
        Caching = caching ?? new CachingSettings { Enabled = false },
        Segments =
        [
            new Segment
            {
                Id = "all",
                Share = 1,
                PlanId = "pro",
                Sessions = new Distribution.Fixed(sessions),
                Steps = new Distribution.Fixed(steps),
                InputTokens = new Distribution.Fixed(input),
                OutputTokens = new Distribution.Fixed(output),
            },
        ],
        Plans = [plan ?? new Plan { Id = "pro", MonthlyPrice = 20 }],
    };
}
