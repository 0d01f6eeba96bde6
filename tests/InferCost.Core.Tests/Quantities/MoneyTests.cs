using InferCost.Quantities;

namespace InferCost.Core.Tests.Quantities;

public class MoneyTests
{
    [Fact]
    public void Formats_with_the_digits_the_amount_needs()
    {
        Assert.Equal("$17.50", Money.FromUsd(17.5m).ToString());
        Assert.Equal("$0.000375", Money.FromUsd(0.000375m).ToString());
        Assert.Equal("-$1,234.56", Money.FromUsd(-1234.56m).ToString());
    }

    [Fact]
    public void Rejects_nan_infinite_and_overflowing_doubles()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.FromUsd(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.FromUsd(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.FromUsd(1e30));
    }
}
