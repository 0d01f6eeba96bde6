using InferCost.Money;

namespace InferCost.Core.Tests.Money;

public class MoneyTests
{
    [Fact]
    public void Formats_with_the_digits_the_amount_needs()
    {
        Assert.Equal("$17.50", InferCost.Money.Money.FromUsd(17.5m).ToString());
        Assert.Equal("$0.000375", InferCost.Money.Money.FromUsd(0.000375m).ToString());
        Assert.Equal("-$1,234.56", InferCost.Money.Money.FromUsd(-1234.56m).ToString());
    }

    [Fact]
    public void Rejects_nan_infinite_and_overflowing_doubles()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => InferCost.Money.Money.FromUsd(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => InferCost.Money.Money.FromUsd(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => InferCost.Money.Money.FromUsd(1e30));
    }

    [Fact]
    public void Token_counts_and_prices_reject_negatives()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenCount.Of(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PricePerMillion.FromUsd(-0.01m));
        Assert.Throws<OverflowException>(() => TokenCount.Of(long.MaxValue) + TokenCount.Of(1));
    }

    [Fact]
    public void Price_per_million_costs_exactly()
        => Assert.Equal(InferCost.Money.Money.FromUsd(0.0375m), PricePerMillion.FromUsd(2.5m).CostOf(TokenCount.Of(15_000)));
}
