using InferCost.Errors;
using InferCost.Serving;

namespace InferCost.Core.Tests.Serving;

public class ServingPlannerTests
{
    private static readonly ServingPlanner Planner = new(PerformanceModel.Calibrated);
    private static readonly Deployment Llama70BOn8H100 = new(TestModels.Llama31_70B, TestModels.H100, 8, Precision.Fp8);

    [Fact]
    public void The_chosen_batch_meets_the_per_user_speed_and_the_next_batch_would_not()
    {
        var workload = new ServingWorkload(2048, 128, 10);
        var estimate = Planner.Evaluate(Llama70BOn8H100, workload, 3.5m);
        Assert.True(estimate.Point.TokensPerUserPerSecond >= 10);
        var next = Planner.OperatingPoint(Llama70BOn8H100, workload, estimate.Point.ConcurrentSequences + 1);
        Assert.True(next.TokensPerUserPerSecond < 10 || estimate.Point.ConcurrentSequences == estimate.MaxConcurrentSequences);
    }

    [Fact]
    public void Without_a_speed_target_the_planner_maximises_throughput()
    {
        var free = Planner.Evaluate(Llama70BOn8H100, new ServingWorkload(2048, 128), 3.5m);
        var capped = Planner.Evaluate(Llama70BOn8H100, new ServingWorkload(2048, 128, 20), 3.5m);
        Assert.True(free.Point.OutputTokensPerSecond > capped.Point.OutputTokensPerSecond);
        Assert.True(free.CostPerMillionOutputTokens < capped.CostPerMillionOutputTokens);
    }

    [Fact]
    public void Gpu_time_split_between_input_and_output_adds_up_to_the_hourly_cost()
    {
        var e = Planner.Evaluate(Llama70BOn8H100, new ServingWorkload(2048, 128, 10), 3.5m);
        var perHour = ((double)e.CostPerMillionInputTokens * e.Point.InputTokensPerSecond * 3600 / 1e6)
            + ((double)e.CostPerMillionOutputTokens * e.Point.OutputTokensPerSecond * 3600 / 1e6);
        Assert.Equal((double)e.CostPerHour, perHour, 0.01);
    }

    [Fact]
    public void An_unreachable_speed_is_an_error_that_names_the_best_speed()
    {
        var ex = Assert.Throws<InferCostException>(() => Planner.Evaluate(Llama70BOn8H100, new ServingWorkload(2048, 128, 100_000), 3.5m));
        Assert.Contains("at batch 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cheapest_picks_among_priced_gpus_only()
    {
        var prices = new Dictionary<string, decimal> { ["a100-80gb"] = 1.2m };
        var best = Planner.Cheapest(TestModels.Llama31_8B, [TestModels.H100, TestModels.A100], prices, new ServingWorkload(1024, 256, 10));
        Assert.Equal("a100-80gb", best.Deployment.Gpu.Id);
    }

    [Fact]
    public void Cheapest_is_no_dearer_than_any_candidate()
    {
        var prices = new Dictionary<string, decimal> { ["h100-sxm"] = 2.5m, ["a100-80gb"] = 1.5m };
        var workload = new ServingWorkload(1024, 256, 10);
        var best = Planner.Cheapest(TestModels.Llama31_70B, [TestModels.H100, TestModels.A100], prices, workload);
        var h100x4 = Planner.Evaluate(new Deployment(TestModels.Llama31_70B, TestModels.H100, 4, Precision.Fp8), workload, 2.5m);
        Assert.True(best.CostPerMillionOutputTokens <= h100x4.CostPerMillionOutputTokens);
    }
}
