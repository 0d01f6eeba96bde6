using CsCheck;
using InferCost.Business;
using InferCost.Errors;

namespace InferCost.Core.Tests.Business;

public class ProfitAndLossTests
{
    private static ProfitAndLossInputs Seed002(decimal usefulLifeMonths) =>
        new(10_000_000, 0.8m, 25m, new FleetServingCost(16_000, 10.60m).PerMonth, 2_000_000_000m, usefulLifeMonths);

    [Fact]
    public void Seed_002_revenue_and_fleet_cost_to_the_dollar()
    {
        var pnl = ProfitAndLoss.Compute(Seed002(12));
        Assert.Equal(200_000_000m, pnl.RevenuePerMonth);
        Assert.Equal(122_112_000m, pnl.ServingCostPerMonth);
        Assert.Equal(4_070_400m, new FleetServingCost(16_000, 10.60m).PerDay);
    }

    [Fact]
    public void Seed_002_twelve_month_life_loses_about_88_8_million_a_month()
    {
        var pnl = ProfitAndLoss.Compute(Seed002(12));
        Assert.Equal(166_666_666.67m, pnl.TrainingAmortizationPerMonth);
        Assert.Equal(-88_778_666.67m, pnl.NetPerMonth);
    }

    [Fact]
    public void Seed_002_thirty_six_month_life_earns_about_22_3_million_a_month()
    {
        var pnl = ProfitAndLoss.Compute(Seed002(36));
        Assert.Equal(55_555_555.56m, pnl.TrainingAmortizationPerMonth);
        Assert.Equal(22_332_444.44m, pnl.NetPerMonth);
    }

    [Fact]
    public void Break_even_life_and_arpu_zero_the_net()
    {
        var pnl = ProfitAndLoss.Compute(Seed002(12));
        Assert.Equal(Math.Round(2_000_000_000m / 77_888_000m, 2), pnl.BreakEvenUsefulLifeMonths);
        var atArpu = ProfitAndLoss.Compute(new ProfitAndLossInputs(10_000_000, 0.8m, pnl.BreakEvenArpu!.Value, 122_112_000m, 2_000_000_000m, 12));
        Assert.InRange(atArpu.NetPerMonth, -8_000_000m * 0.005m, 8_000_000m * 0.005m);
    }

    [Fact]
    public void Sweep_from_6_to_48_months_turns_positive_after_the_break_even_life()
    {
        var sweep = UsefulLifeSweep.Run(Seed002(12));
        Assert.Equal([6, 12, 18, 24, 30, 36, 42, 48], sweep.Select(r => r.UsefulLifeMonths));
        Assert.All(sweep, r => Assert.Equal(r.UsefulLifeMonths > 25.68m, r.NetPerMonth > 0));
    }

    [Fact]
    public void Net_grows_with_useful_life()
    {
        Gen.Int[1, 120].Sample(months =>
            ProfitAndLoss.Compute(Seed002(months + 1)).NetPerMonth >= ProfitAndLoss.Compute(Seed002(months)).NetPerMonth);
    }

    [Fact]
    public void A_paid_share_written_as_a_percentage_is_rejected()
    {
        var ex = Assert.Throws<InferCostException>(() => new ProfitAndLossInputs(1, 80m, 25m, 0, 0, 12));
        Assert.Contains("0.8", ex.Message, StringComparison.Ordinal);
    }
}
