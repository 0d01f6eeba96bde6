using InferCost.Errors;
using InferCost.Serving;

namespace InferCost.Core.Tests.Serving;

public class CapacityPlanTests
{
    [Fact]
    public void Seed_002_eight_h200_at_506_tokens_serve_100k_users_with_16000_gpus()
    {
        var plan = CapacityPlan.Size(506m, 10m, 100_000m, 8, 10.60m);
        Assert.Equal(50, plan.UsersPerReplica);
        Assert.Equal(2_000, plan.Replicas);
        Assert.Equal(16_000, plan.Gpus);
        Assert.Equal(4_070_400m, plan.CostPerDay);
        Assert.Equal(122_112_000m, plan.CostPerMonth);
    }

    [Fact]
    public void Peak_factor_and_utilisation_target_add_replicas()
    {
        var plan = CapacityPlan.Size(506m, 10m, 100_000m, 8, 10.60m, peakFactor: 1.5m, utilizationTarget: 0.8m);
        Assert.Equal((long)Math.Ceiling(150_000m / (50 * 0.8m)), plan.Replicas);
    }

    [Fact]
    public void A_replica_too_slow_for_one_user_is_an_error()
    {
        Assert.Throws<InferCostException>(() => CapacityPlan.Size(5m, 10m, 100m, 8, 1m));
    }

    [Fact]
    public void Diurnal_curve_peak_to_mean()
    {
        var hours = Enumerable.Repeat(1.0, 24).ToArray();
        hours[20] = 3.0;
        var curve = new DiurnalLoadCurve(hours);
        Assert.Equal(3.0 / (26.0 / 24), curve.PeakToMean, 9);
        Assert.Equal(1.0, DiurnalLoadCurve.Flat.PeakToMean);
        Assert.Throws<InferCostException>(() => new DiurnalLoadCurve([1.0, 2.0]));
    }
}
