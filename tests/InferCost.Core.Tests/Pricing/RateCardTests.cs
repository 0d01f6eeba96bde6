using InferCost.Pricing;
using static InferCost.Core.Tests.Pricing.TestCatalogs;

namespace InferCost.Core.Tests.Pricing;

public class RateCardTests
{
    [Fact]
    public void Prices_a_million_input_and_output_tokens_at_the_list_rate()
    {
        var totals = Gpt54().CalculateTotals(Usage.Of(input: 100_000, output: 100_000));
        Assert.Equal(0.25m, totals.InputCost);
        Assert.Equal(1.5m, totals.OutputCost);
        Assert.Equal(1.75m, totals.TotalCost);
    }

    [Fact]
    public void Prices_long_prompts_wholly_at_the_upper_tier()
    {
        var breakdown = Gpt54().Calculate(Usage.Of(input: 272_000, output: 1_000, cacheRead: 72_000));
        // Uncached 200,000 × $5 + cached 72,000 × $0.50, output 1,000 × $22.50: every dimension at the upper tier.
        Assert.Equal(1m + 0.036m, breakdown.InputCost.Usd);
        Assert.Equal(0.0225m, breakdown.OutputCost.Usd);
        Assert.All(breakdown.Lines.Where(l => l.Unit.IsTokens), l => Assert.Equal(0, l.TierIndex));
    }

    [Fact]
    public void Tier_starts_are_exclusive()
    {
        Assert.Equal(271_999m * 2.5m / 1_000_000m, Gpt54().CalculateTotals(Usage.Of(input: 271_999, output: 0)).TotalCost);
        Assert.Equal(272_000m * 5m / 1_000_000m, Gpt54().CalculateTotals(Usage.Of(input: 272_000, output: 0)).TotalCost);
    }

    [Fact]
    public void Input_includes_cache_reads_and_writes_by_ttl()
    {
        // 10,000 input of which 2,000 read from cache, 3,000 written for 5 min and 1,000 for 1 h: 4,000 uncached.
        var b = Opus47().Calculate(Usage.Of(input: 10_000, output: 500, cacheRead: 2_000, cacheWrite: 4_000, cacheWrite1h: 1_000));
        decimal Line(UsageUnit u) => b.Lines.Single(l => l.Unit == u).Quantity;
        Assert.Equal(4_000m, Line(UsageUnits.InputTokens));
        Assert.Equal(2_000m, Line(UsageUnits.CacheReadTokens));
        Assert.Equal(3_000m, Line(UsageUnits.CacheWriteTokens));
        Assert.Equal(1_000m, Line(UsageUnits.CacheWrite1hTokens));
        Assert.Equal((4_000m * 5m + 2_000m * 0.5m + 3_000m * 6.25m + 1_000m * 10m) / 1_000_000m, b.InputCost.Usd);
        Assert.Equal(500m * 25m / 1_000_000m, b.OutputCost.Usd);
    }

    [Fact]
    public void Web_searches_are_a_fee_outside_input_and_output()
    {
        var b = Opus47().Calculate(Usage.Of(input: 0, output: 0, webSearches: 3));
        Assert.Equal(0.03m, b.OtherCost.Usd);
        Assert.Equal(0.03m, b.TotalCost.Usd);
    }

    [Fact]
    public void Batch_multiplies_token_prices_but_not_tool_fees()
    {
        var usage = Usage.Of(input: 1_000_000, output: 1_000_000, webSearches: 1_000);
        var list = Opus47().CalculateTotals(usage);
        var batch = Opus47().CalculateTotals(usage, new PricingOptions { BatchMultiplier = 0.5m });
        Assert.Equal(30m + 10m, list.TotalCost);
        Assert.Equal(15m + 10m, batch.TotalCost);
    }

    [Fact]
    public void Rejects_cache_reads_larger_than_input()
    {
        var ex = Assert.Throws<PricingException>(() => Opus47().CalculateTotals(Usage.Of(input: 100, output: 0, cacheRead: 200)));
        Assert.Contains("cache_read_tokens (200) cannot exceed input_tokens (100)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_cache_read_without_input()
    {
        var b = default(UsageBuilder);
        b.Set(UsageUnits.CacheReadTokens, 10);
        var ex = Assert.Throws<PricingException>(() => Opus47().CalculateTotals(b.ToUsage()));
        Assert.Contains("Missing usage value for input_tokens", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rate_card_without_the_parent_price_cannot_price()
    {
        var card = new RateCard([Price(UsageUnits.CacheReadTokens, 1m), Price(UsageUnits.OutputTokens, 1m)]);
        Assert.Equal("Missing ancestor price key input_mtok for cache_read_mtok", card.Problem);
        Assert.Throws<PricingException>(() => card.CalculateTotals(Usage.Of(input: 1, output: 1)));
    }

    [Fact]
    public void Negative_usage_values_do_not_get_in()
    {
        var b = default(UsageBuilder);
        Assert.Throws<ArgumentOutOfRangeException>(() => b.Set(UsageUnits.InputTokens, -1));
    }

    [Fact]
    public void Per_request_fees_count_requests()
    {
        var card = new RateCard([Price(UsageUnits.InputTokens, 1m), Price(UsageUnits.Requests, 5m)]);
        Assert.Equal(0.005m, card.CalculateTotals(Usage.Of(input: 0)).TotalCost);
        Assert.Equal(0.05m, card.CalculateTotals(Usage.Of(input: 0), new PricingOptions { Requests = 10 }).TotalCost);
    }
}
