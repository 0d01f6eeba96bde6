using InferCost.Core.Tests.Simulation;
using InferCost.Optimization;
using InferCost.Simulation;
using InferCost.Workloads;

namespace InferCost.Core.Tests.Optimization;

/// <summary>
/// Each lever on the fixed scenario (1,000 users, 20 sessions × 3 steps of 1,000 input and 500 output tokens on
/// gpt-5.4 at $2.5/$15, no caching): per session 7,500 input and 1,500 output tokens = $0.04125, $0.825 a user-month,
/// $825 a month in all.
/// </summary>
public class OptimizerTests
{
    private static readonly SimulationOptions Options = new() { Users = 500, Seed = 11 };

    private static LeverOutcome Lever(Scenario scenario, string lever, SelfHostQuote? quote = null)
    {
        var r = Optimizer.Run(scenario, TestCatalog.Build(), Options, [lever], quote);
        Assert.Equal(825, r.Baseline.MonthlyCost, 6);
        return Assert.Single(r.Levers);
    }

    private static Scenario With(LeverSettings levers) => TestCatalog.Fixed() with { Levers = levers };

    [Fact]
    public void Switch_model_prices_cost_per_successful_task()
    {
        // gpt-5.4-mini at $0.75/$4.5: 7,500 × 0.75 + 1,500 × 4.5 = $0.012375 a session; 80 % success → 25 sessions.
        var l = Lever(With(new LeverSettings { SwitchCandidates = [new ModelCandidate("gpt-5.4-mini", SuccessRate: 0.8)] }), "switch_model");
        Assert.Equal(825 - (1000 * 25 * 0.012375), l.MonthlySaving, 6);
        Assert.Equal((20 - (25 * 0.012375)) / 20, l.GrossMarginAfter!.Value, 9);
        Assert.Equal(25 * 0.012375, l.P95UserCostAfter, 9);
    }

    [Fact]
    public void Routing_sends_everything_to_the_cheap_model_and_escalates_failures()
    {
        // Cheap first on every call, 20 % escalated and paid again on gpt-5.4: 20 × (0.012375 + 0.2 × 0.04125).
        var l = Lever(With(new LeverSettings { RoutingCheapModel = new ModelCandidate("gpt-5.4-mini", SuccessRate: 0.8) }), "routing");
        Assert.Equal(825 - (1000 * 20 * (0.012375 + (0.2 * 0.04125))), l.MonthlySaving, 6);
    }

    [Fact]
    public void Caching_turns_on_and_reads_the_prefix_at_the_cached_price()
    {
        // One call a session, a 2,000-token system prompt, a stated 50 % hit rate: 1,000 tokens move from $2.5 to $0.25.
        var scenario = TestCatalog.Fixed(steps: 1, agent: new AgentLoop { SystemPromptTokens = 2000 }, caching: new CachingSettings { Enabled = false, HitRate = 0.5 });
        var r = Optimizer.Run(scenario, TestCatalog.Build(), Options, ["caching"]);
        var l = Assert.Single(r.Levers);
        Assert.Equal(1000 * 20 * 1000 * (2.5 - 0.25) / 1e6, l.MonthlySaving, 6);
    }

    [Fact]
    public void Batch_moves_the_eligible_share_to_half_price()
    {
        var l = Lever(With(new LeverSettings { BatchEligibleShare = 0.6 }), "batch");
        Assert.Equal(0.6 * 0.5 * 825, l.MonthlySaving, 6);
    }

    [Fact]
    public void Distillation_pays_back_its_one_time_cost()
    {
        var l = Lever(With(new LeverSettings { DistillationModel = new ModelCandidate("gpt-5.4-mini", SuccessRate: 0.8), DistillationOneTimeCost = 10_000 }), "distillation");
        var saving = 825 - (1000 * 25 * 0.012375);
        Assert.Equal(saving, l.MonthlySaving, 6);
        Assert.Equal(10_000, l.OneTimeCost);
        Assert.Equal(10_000 / saving, l.PaybackMonths!.Value, 6);
    }

    [Fact]
    public void Edge_serves_a_share_on_device_with_a_cloud_fallback()
    {
        // 30 % on device, 20 % of those back to the cloud: cloud traffic × 0.76.
        var l = Lever(With(new LeverSettings { EdgeShare = 0.3, EdgeFallbackShare = 0.2 }), "edge");
        Assert.Equal(825 * 0.24, l.MonthlySaving, 6);
    }

    private static readonly SelfHostQuote Quote = new("test model on 1x h100 (bf16)", 1.0, 2.0, 0, 0.5, 1.0, "test model on 1x h100 (fp8)");

    [Fact]
    public void Self_host_prices_tokens_at_the_fleet_cost_with_idle_capacity()
    {
        // $1/$2 per 1M at full load × 1.5 peak-to-mean: 7,500 × 1.5 + 1,500 × 3 = $0.01575 a session.
        var l = Lever(TestCatalog.Fixed(), "self_host", Quote);
        Assert.Equal(825 - (1000 * 20 * 0.01575), l.MonthlySaving, 6);

        // A replica costing $1,000 a month is the floor: the fleet costs at least that.
        var floored = Lever(TestCatalog.Fixed(), "self_host", Quote with { ReplicaMonthlyCost = 1000 });
        Assert.Equal(825 - 1000, floored.MonthlySaving, 6);
    }

    [Fact]
    public void Speculative_decoding_divides_output_cost_by_its_speed_up()
    {
        // α 0.7, γ 4: (1 − 0.7^5) / 0.3 = 2.77310 tokens per target step; draft 5 % per token: ÷ 1.2 → 2.31092×.
        Assert.Equal((1 - Math.Pow(0.7, 5)) / 0.3, Optimizer.TokensPerTargetStep(0.7, 4), 12);
        var speedup = (1 - Math.Pow(0.7, 5)) / 0.3 / 1.2;
        Assert.Equal(speedup, Optimizer.SpeculativeSpeedup(0.7, 4, 0.05), 12);
        var l = Lever(TestCatalog.Fixed(), "speculative_decoding", Quote);
        Assert.Equal(1000 * 20 * 1500 * 3.0 * (1 - (1 / speedup)) / 1e6, l.MonthlySaving, 6);
    }

    [Fact]
    public void Quantization_uses_the_quantized_quote_and_prices_its_quality_cost()
    {
        // FP8 at $0.5/$1 × 1.5 = 7,500 × 0.75 + 1,500 × 1.5 = $0.007875 a session; 0.1 % of tasks retried.
        var l = Lever(TestCatalog.Fixed(), "quantization", Quote);
        Assert.Equal(1000 * 20 * (0.01575 - (0.007875 / 0.999)), l.MonthlySaving, 6);
    }

    [Fact]
    public void Pricing_model_compares_usage_based_revenue_on_the_same_users()
    {
        // Usage-based for a 60 % margin earns 0.825 / 0.4 = $2.0625 a user instead of $20.
        var l = Lever(TestCatalog.Fixed(), "pricing_model");
        Assert.Equal(1000 * ((0.825 / 0.4) - 20), l.MonthlySaving, 6);
    }

    [Fact]
    public void Caching_ranks_first_for_a_long_stable_system_prompt()
    {
        var scenario = TestCatalog.Fixed(steps: 1, agent: new AgentLoop { SystemPromptTokens = 30_000 }, caching: new CachingSettings { Enabled = false }) with
        {
            Levers = new LeverSettings { BatchEligibleShare = 0.1, EdgeShare = 0.05 },
        };
        var r = Optimizer.Run(scenario, TestCatalog.Build(), Options, ["caching", "batch", "edge"]);
        Assert.Equal("caching", r.Levers[0].Lever);
        Assert.Equal(3, r.Combined.Levers.Length);
        Assert.True(r.Combined.MonthlySaving > r.Levers[0].MonthlySaving);
        Assert.True(r.Combined.MonthlySaving < r.Levers.Sum(l => l.MonthlySaving));
    }

    [Fact]
    public void Batch_ranks_first_when_most_traffic_is_offline()
    {
        var scenario = TestCatalog.Fixed(steps: 1, caching: new CachingSettings { Enabled = false }) with
        {
            Levers = new LeverSettings { BatchEligibleShare = 0.9, EdgeShare = 0.05 },
        };
        var r = Optimizer.Run(scenario, TestCatalog.Build(), Options, ["caching", "batch", "edge"]);
        Assert.Equal("batch", r.Levers[0].Lever);
    }

    [Fact]
    public void Levers_without_inputs_are_skipped_with_the_reason_and_unknown_levers_are_refused()
    {
        var r = Optimizer.Run(TestCatalog.Fixed(), TestCatalog.Build(), Options, ["batch", "self_host"]);
        Assert.Empty(r.Levers);
        Assert.Contains(r.Skipped, s => s.Lever == "batch" && s.Reason.Contains("eligible_share", StringComparison.Ordinal));
        Assert.Throws<Errors.InferCostException>(() => Optimizer.Run(TestCatalog.Fixed(), TestCatalog.Build(), Options, ["telepathy"]));
    }
}
