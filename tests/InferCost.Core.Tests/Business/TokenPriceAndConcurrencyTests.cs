using InferCost.Business;
using InferCost.Errors;

namespace InferCost.Core.Tests.Business;

public class TokenPriceAndConcurrencyTests
{
    [Fact]
    public void Price_covers_every_component_and_the_margin()
    {
        var d = TokenPriceDecomposition.Compute(0.5m, 0.1m, 1_200_000_000m, 12m, 100_000_000_000_000m, 100_000_000m, 0.2m);
        Assert.Equal(1m, d.TrainingRecoveryPerMillion);
        Assert.Equal(1m, d.FutureInvestmentPerMillion);
        Assert.Equal(2.6m / 0.8m, d.PricePerMillion);
        Assert.Equal(d.PricePerMillion, d.InferencePerMillion + d.InfrastructurePerMillion + d.TrainingRecoveryPerMillion + d.FutureInvestmentPerMillion + d.MarginPerMillion);
        Assert.Equal("premium", d.MarketTier);
    }

    [Theory]
    [InlineData("0.05", "commodity")]
    [InlineData("0.5", "mid-tier")]
    [InlineData("10", "premium")]
    [InlineData("2", "between mid-tier and premium")]
    [InlineData("50", "above premium")]
    public void Prices_are_placed_in_seed_004_tiers(string price, string tier)
    {
        Assert.Equal(tier, MarketTier.Place(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Monthly_users_become_concurrent_streams()
    {
        Assert.Equal(10_000m, ConcurrencyEstimate.AverageConcurrentStreams(1_440_000, 10m));
        Assert.Equal(30_000m, ConcurrencyEstimate.PeakConcurrentStreams(1_440_000, 10m, 3m));
        Assert.Throws<InferCostException>(() => ConcurrencyEstimate.AverageConcurrentStreams(1, 2000m));
    }
}
