using InferCost.Serving;

namespace InferCost.Core.Tests.Serving;

public class BreakEvenTests
{
    [Fact]
    public void Break_even_volume_is_monthly_replica_cost_over_api_cost_per_request()
    {
        var planner = new ServingPlanner(PerformanceModel.Calibrated);
        var estimate = planner.Evaluate(new Deployment(TestModels.Llama31_8B, TestModels.H100, 1, Precision.Fp8), new ServingWorkload(1000, 200, 10), 2m);
        var api = new ApiPrice("test-api", 0.25m, 2m);
        var b = BreakEven.Compute(estimate, api);
        Assert.Equal(2m * 24 * 30, b.SelfHostedCostPerMonth);
        Assert.Equal((1000 * 0.25m + 200 * 2m) / 1_000_000m, b.ApiCostPerRequest);
        Assert.Equal(Math.Ceiling(1440m / b.ApiCostPerRequest), b.BreakEvenRequestsPerMonth);
        Assert.Equal(b.BreakEvenRequestsPerMonth * 200, b.BreakEvenOutputTokensPerMonth);
        Assert.Equal(b.UtilizationAtBreakEven < 1, b.SelfHostingCanPay);
    }

    [Fact]
    public void A_cheap_api_is_never_beaten()
    {
        var planner = new ServingPlanner(PerformanceModel.Calibrated);
        var estimate = planner.Evaluate(new Deployment(TestModels.Llama31_70B, TestModels.H100, 8, Precision.Bf16), new ServingWorkload(1000, 200, 30), 10m);
        var b = BreakEven.Compute(estimate, new ApiPrice("very-cheap", 0.001m, 0.001m));
        Assert.False(b.SelfHostingCanPay);
        Assert.True(b.UtilizationAtBreakEven > 1);
    }
}
