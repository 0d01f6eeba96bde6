using InferCost.Pricing;

namespace InferCost.Core.Tests.Pricing;

/// <summary>Small rate cards built in code, with the shapes real ones have.</summary>
internal static class TestCatalogs
{
    public static UnitPrice Price(UsageUnit unit, decimal price, params (long Start, decimal Price)[] tiers)
        => new(unit, new TieredPrice(price, tiers.Select(t => new PriceTier(t.Start, t.Price))));

    /// <summary>GPT-5.4's shape: input/cached/output tiered above 271,999 prompt tokens, web searches per 1K.</summary>
    public static RateCard Gpt54() => new([
        Price(UsageUnits.InputTokens, 2.5m, (271_999, 5m)),
        Price(UsageUnits.CacheReadTokens, 0.25m, (271_999, 0.5m)),
        Price(UsageUnits.OutputTokens, 15m, (271_999, 22.5m)),
        Price(UsageUnits.WebSearches, 10m),
    ]);

    /// <summary>Claude Opus 4.7's shape: cache writes at 1.25× (5 min) and 2× (1 h), reads at 0.1×.</summary>
    public static RateCard Opus47() => new([
        Price(UsageUnits.InputTokens, 5m),
        Price(UsageUnits.CacheWriteTokens, 6.25m),
        Price(UsageUnits.CacheWrite1hTokens, 10m),
        Price(UsageUnits.CacheReadTokens, 0.5m),
        Price(UsageUnits.OutputTokens, 25m),
        Price(UsageUnits.WebSearches, 10m),
    ]);

    public static PriceCatalog Catalog() => new([
        new CatalogProvider
        {
            Id = "openai",
            Name = "OpenAI",
            ModelMatch = new ModelMatch.StartsWithClause("gpt"),
            Facts = new ModelFacts { BatchMultiplier = new Sourced<decimal>(0.5m, "https://platform.openai.com/docs/guides/batch", new DateOnly(2026, 11, 23)) },
            Models =
            [
                new CatalogModel
                {
                    Id = "gpt-5.4",
                    Match = new ModelMatch.AnyClause([new ModelMatch.EqualsClause("gpt-5.4"), new ModelMatch.RegexClause(@"^gpt-5\.4-\d{4}-\d{2}-\d{2}$")]),
                    ContextWindow = 1_050_000,
                    Versions =
                    [
                        new PriceVersion(null, new RateCard([Price(UsageUnits.InputTokens, 3m), Price(UsageUnits.OutputTokens, 18m)])),
                        new PriceVersion(new PriceConstraint.StartingOn(new DateOnly(2026, 3, 5)), Gpt54()),
                    ],
                    Facts = new ModelFacts { MaxOutputTokens = new Sourced<long>(128_000, "test", new DateOnly(2026, 11, 23)) },
                },
            ],
        },
        new CatalogProvider
        {
            Id = "anthropic",
            Name = "Anthropic",
            ModelMatch = new ModelMatch.ContainsClause("claude"),
            Models = [new CatalogModel { Id = "claude-opus-4-7", Match = new ModelMatch.StartsWithClause("claude-opus-4-7"), Versions = [new PriceVersion(null, Opus47())] }],
        },
    ]);
}
