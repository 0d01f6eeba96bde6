using InferCost.Pricing;

namespace InferCost.Core.Tests.Pricing;

public class CatalogResolutionTests
{
    private readonly PriceCatalog _catalog = TestCatalogs.Catalog();

    [Fact]
    public void Finds_the_provider_from_the_model_id()
    {
        var m = _catalog.Resolve("gpt-5.4");
        Assert.Equal("openai/gpt-5.4", m.QualifiedId);
    }

    [Fact]
    public void Reads_a_compact_date_suffix_as_a_date()
    {
        Assert.Equal("gpt-5.4", _catalog.Resolve("gpt-5.4-20260305").Model.Id);
    }

    [Fact]
    public void Unknown_model_names_the_closest_ids()
    {
        var ex = Assert.Throws<UnknownModelException>(() => _catalog.Resolve("gpt-5.5", "openai"));
        Assert.Contains("gpt-5.4", ex.Nearest);
        Assert.Contains("Closest: gpt-5.4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Uses_the_price_version_in_force_at_the_time()
    {
        var model = _catalog.Resolve("gpt-5.4").Model;
        Assert.Equal(3m, model.RatesAt(new DateTimeOffset(2026, 3, 4, 23, 59, 59, TimeSpan.Zero)).PriceOf(UsageUnits.InputTokens)!.Base);
        Assert.Equal(2.5m, model.RatesAt(new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero)).PriceOf(UsageUnits.InputTokens)!.Base);
    }

    [Fact]
    public void Time_of_day_windows_wrap_midnight()
    {
        var window = new PriceConstraint.TimeOfDay(PriceConstraint.TimeOfDay.ParseUtcSecond("16:30:00Z"), PriceConstraint.TimeOfDay.ParseUtcSecond("00:30:00Z"), "16:30:00Z", "00:30:00Z");
        Assert.True(window.AppliesAt(new DateTimeOffset(2026, 1, 1, 23, 0, 0, TimeSpan.Zero)));
        Assert.True(window.AppliesAt(new DateTimeOffset(2026, 1, 1, 0, 15, 0, TimeSpan.Zero)));
        Assert.False(window.AppliesAt(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(8 * 3600m, PriceConstraint.TimeOfDay.ParseUtcSecond("16:00:00+08:00"));
    }

    [Fact]
    public void Quote_spreads_a_volume_over_requests_the_model_allows()
    {
        var m = _catalog.Resolve("gpt-5.4");
        var q = Quoter.Price(m, new QuoteRequest { InputTokens = 1_000_000, OutputTokens = 1_000_000, At = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero) }, DateTimeOffset.UtcNow);
        Assert.Equal(8, q.Requests); // 1M output / 128k max output
        Assert.Equal(17.5m, q.Breakdown.TotalCost.Usd);
        var one = Quoter.Price(m, new QuoteRequest { InputTokens = 1_000_000, OutputTokens = 1_000_000, Requests = 1, At = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero) }, DateTimeOffset.UtcNow);
        Assert.Equal(27.5m, one.Breakdown.TotalCost.Usd);
    }

    [Fact]
    public void Quote_batch_halves_where_the_provider_offers_fifty_percent()
    {
        var m = _catalog.Resolve("gpt-5.4");
        var at = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
        var list = Quoter.Price(m, new QuoteRequest { InputTokens = 50_000, OutputTokens = 2_000, At = at }, at);
        var batch = Quoter.Price(m, new QuoteRequest { InputTokens = 50_000, OutputTokens = 2_000, At = at, Batch = true }, at);
        Assert.Equal(list.Breakdown.TotalCost.Usd / 2, batch.Breakdown.TotalCost.Usd);
        Assert.Throws<Errors.InferCostException>(() => Quoter.Price(_catalog.Resolve("claude-opus-4-7"), new QuoteRequest { InputTokens = 1, OutputTokens = 1, Batch = true }, at));
    }

    [Fact]
    public void Quote_rejects_cached_tokens_beyond_input()
    {
        var ex = Assert.Throws<Errors.InferCostException>(() => Quoter.Price(_catalog.Resolve("gpt-5.4"), new QuoteRequest { InputTokens = 10, OutputTokens = 1, CachedTokens = 20 }, DateTimeOffset.UtcNow));
        Assert.Contains("exceed input", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20, 80, MarketTier.Premium)]
    [InlineData(2.5, 15, MarketTier.Premium)]
    [InlineData(0.75, 4.5, MarketTier.Upper)]
    [InlineData(0.1, 0.4, MarketTier.Mid)]
    [InlineData(0.02, 0.05, MarketTier.Commodity)]
    public void Market_tiers_follow_seed_004(decimal input, decimal output, MarketTier tier)
        => Assert.Equal(tier, MarketTiers.Classify(input, output));
}
