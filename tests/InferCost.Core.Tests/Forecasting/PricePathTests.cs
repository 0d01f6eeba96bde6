using InferCost.Core.Tests.Simulation;
using InferCost.Forecasting;
using InferCost.Simulation;

namespace InferCost.Core.Tests.Forecasting;

public class PricePathTests
{
    [Fact]
    public void Decline_per_year_compounds_monthly()
    {
        var path = PricePath.Parse("decline:0.4/yr", 25);
        Assert.Equal(1, path.Factor(PriceTier.Premium, 0));
        Assert.Equal(0.6, path.Factor(PriceTier.Mid, 12), 12);
        Assert.Equal(0.36, path.Factor(PriceTier.Commodity, 24), 12);
    }

    [Fact]
    public void A_one_off_rise_lands_in_its_month_and_tiers_can_differ()
    {
        var path = PricePath.Parse("rise:0.3@4", 12);
        Assert.Equal(1, path.Factor(PriceTier.Premium, 2));
        Assert.Equal(1.3, path.Factor(PriceTier.Premium, 3), 12);
        var tiers = PricePath.Parse("premium=epoch,mid=rise:0.5/yr", 13);
        Assert.Equal(1 / 9.0, tiers.Factor(PriceTier.Premium, 12), 12);
        Assert.Equal(1.5, tiers.Factor(PriceTier.Mid, 12), 12);
        Assert.Equal(1, tiers.Factor(PriceTier.Commodity, 12));
        Assert.Throws<Errors.InferCostException>(() => PricePath.Parse("sideways:2", 12));
    }

    [Fact]
    public void Forecast_scales_cost_by_the_path_and_finds_the_break_even()
    {
        // $825 a month at month 1 on $20,000 revenue; prices × 30 from month 3 cost $24,750: the margin turns negative.
        var path = PricePath.Parse("rise:29@3", 6);
        var r = Forecaster.Run(TestCatalog.Fixed(), TestCatalog.Build(), new SimulationOptions { Users = 500, Seed = 1 }, path, 6);
        Assert.Equal(825, r.Months[0].Cost, 6);
        Assert.Equal(825 * 30, r.Months[2].Cost, 6);
        Assert.Equal(0.825 * 30, r.Months[2].P95UserCost, 9);
        Assert.Equal(3, r.BreakEvenMonth);
        Assert.Equal(20_000 / 825.0, r.BreakEvenPriceFactor!.Value, 9);
    }

    [Fact]
    public void A_csv_path_gives_per_tier_multipliers_and_names_bad_lines()
    {
        var path = PricePath.FromCsv("month,premium,mid,commodity\n1,1,1,1\n3,0.5,0.8,0.9\n", "p.csv", 5);
        Assert.Equal(1, path.Factor(PriceTier.Premium, 1));
        Assert.Equal(0.5, path.Factor(PriceTier.Premium, 4));
        var ex = Assert.Throws<Errors.InferCostException>(() => PricePath.FromCsv("month,premium,mid,commodity\n1,x,1,1\n", "p.csv", 5));
        Assert.StartsWith("p.csv:2:", ex.Message, StringComparison.Ordinal);
    }
}
