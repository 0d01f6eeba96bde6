using InferCost.Pricing;
using InferCost.Simulation;
using InferCost.Workloads;

namespace InferCost.Core.Tests.Simulation;

public class MonteCarloEngineTests
{
    private static readonly SimulationOptions Small = new() { Users = 2000, Seed = 7 };

    [Fact]
    public void Fixed_chat_equals_hand_arithmetic_to_the_cent()
    {
        // 20 sessions × 3 steps; step k re-sends (k−1)·(1000 + 500) history tokens.
        // Input per session = 1000·3 + 1500·(0+1+2) = 7,500 tokens; output = 1,500 tokens.
        // Per session: 7,500 × $2.5/M + 1,500 × $15/M = $0.01875 + $0.0225 = $0.04125; × 20 = $0.825.
        var r = MonteCarloEngine.Run(TestCatalog.Fixed(), TestCatalog.Build(), Small);
        var pro = Assert.Single(r.Plans);
        Assert.Equal(0.825, pro.CostPerUser.P50, 9);
        Assert.Equal(0.825, pro.CostPerUser.Max, 9);
        Assert.Equal(20 - 0.825, pro.MarginPerUser.Mean, 9);
        Assert.Equal((20 - 0.825) / 20, pro.GrossMargin!.Value, 9);
        Assert.Equal(0, pro.UnprofitableShare);
        Assert.Equal(0.825 * 1000, r.Months[0].Cost, 6);
    }

    [Fact]
    public void Engine_matches_the_exact_decimal_pricer_with_caching_tools_reasoning_and_batch()
    {
        var agent = new AgentLoop { SystemPromptTokens = 1500, ToolDefinitionTokens = 500, ToolCallsPerStep = 0.5, ReasoningShare = 0.25, ToolResultTokens = new Distribution.Fixed(300) };
        var scenario = TestCatalog.Fixed(sessions: 10, steps: 4, input: 800, output: 300, agent: agent, caching: new CachingSettings { HitRate = 0.5 });
        scenario = scenario with { Models = [scenario.Models[0] with { BatchShare = 0.2 }] };
        var r = MonteCarloEngine.Run(scenario, TestCatalog.Build(), Small);

        // The same session, call by call, through RateCard.Calculate (exact decimals).
        var card = TestCatalog.OpenAiCard;
        decimal total = 0;
        decimal history = 0;
        const decimal Prefix = 2000, Hit = 0.5m;
        for (var k = 1; k <= 4; k++)
        {
            var prompt = Prefix + history + 800;
            var read = k == 1 ? Hit * Prefix : (Hit * (Prefix + history)) + ((1 - Hit) * Hit * Prefix);
            var output = 300m / 0.75m;
            var b = default(UsageBuilder);
            b.Set(UsageUnits.InputTokens, prompt);
            b.Set(UsageUnits.CacheReadTokens, read);
            b.Set(UsageUnits.OutputTokens, output);
            var usage = b.ToUsage();
            total += 0.8m * card.CalculateTotals(usage).TotalCost + 0.2m * card.CalculateTotals(usage, new PricingOptions { BatchMultiplier = 0.5m }).TotalCost;
            total += 0.5m * 10m / 1000m; // half a web search per step at $10 / 1,000
            history += 800 + 300 + 300;
        }

        var expected = Math.Round(total * 10, 2);
        Assert.Equal((double)expected, Math.Round(r.Plans[0].CostPerUser.Mean, 2));
        Assert.Equal((double)(total * 10), r.Plans[0].CostPerUser.Mean, 9);
    }

    [Fact]
    public void Lognormal_sessions_mean_converges_to_the_analytic_mean()
    {
        var scenario = TestCatalog.Fixed(steps: 1) with { };
        var sessions = new Distribution.LogNormal(10, 40);
        scenario = scenario with { Segments = [scenario.Segments[0] with { Sessions = sessions }] };
        var r = MonteCarloEngine.Run(scenario, TestCatalog.Build(), new SimulationOptions { Users = 200_000, Seed = 3 });
        var perSession = (1000 * 2.5 + 500 * 15) / 1e6;
        var analytic = sessions.Mean * perSession;
        Assert.InRange(r.Plans[0].CostPerUser.Mean, analytic * 0.98, analytic * 1.02);
        Assert.InRange(r.Plans[0].CostPerUser.P50, 10 * perSession * 0.97, 10 * perSession * 1.03);
        Assert.InRange(r.Plans[0].CostPerUser.P90, 40 * perSession * 0.97, 40 * perSession * 1.03);
        Assert.True(r.Plans[0].CostPerUser.Ci95.P90.Low <= r.Plans[0].CostPerUser.P90 && r.Plans[0].CostPerUser.P90 <= r.Plans[0].CostPerUser.Ci95.P90.High);
    }

    [Fact]
    public void Results_do_not_depend_on_thread_count()
    {
        var scenario = TestCatalog.Fixed() with { };
        scenario = scenario with { Segments = [scenario.Segments[0] with { Sessions = new Distribution.Pareto(5, 1.5), Steps = new Distribution.LogNormal(3, 8), SessionStepCorrelation = 0.6 }] };
        var one = MonteCarloEngine.Run(scenario, TestCatalog.Build(), Small with { MaxDegreeOfParallelism = 1, Users = 10_000 });
        var many = MonteCarloEngine.Run(scenario, TestCatalog.Build(), Small with { MaxDegreeOfParallelism = 4, Users = 10_000 });
        Assert.Equal(one.Plans[0].CostPerUser, many.Plans[0].CostPerUser);
        Assert.Equal(one.Months[0].Cost, many.Months[0].Cost);
    }

    [Fact]
    public void Hard_cap_and_overage_shape_revenue_and_cost()
    {
        var plan = new Plan { Id = "pro", MonthlyPrice = 20, Included = 10, OveragePrice = 0.5, HardCap = 15 };
        var r = MonteCarloEngine.Run(TestCatalog.Fixed(plan: plan), TestCatalog.Build(), Small);
        // 20 sessions requested, 15 served; 5 over the included 10 at $0.5.
        Assert.Equal(22.5, r.Plans[0].RevenuePerUser, 9);
        Assert.Equal(0.825 * 15 / 20, r.Plans[0].CostPerUser.P50, 9);
    }

    [Fact]
    public void Price_versions_change_monthly_costs()
    {
        var cheaper = new RateCard([TestCatalog.P(UsageUnits.InputTokens, 1.25m), TestCatalog.P(UsageUnits.OutputTokens, 7.5m)]);
        var r = MonteCarloEngine.Run(TestCatalog.Fixed(), TestCatalog.Build(cheaper, new DateOnly(2026, 9, 1)), Small);
        Assert.Equal(825, r.Months[0].Cost, 6);
        Assert.Equal(825, r.Months[1].Cost, 6);
        Assert.Equal(412.5, r.Months[2].Cost, 6);
    }

    [Fact]
    public void Cascade_pays_the_escalated_share_on_both_models()
    {
        var scenario = TestCatalog.Fixed(steps: 1) with
        {
            Models = [new ModelChoice { Alias = "cheap", ModelId = "gpt-5.4-mini" }, new ModelChoice { Alias = "strong", ModelId = "gpt-5.4" }],
            Routing = new Routing.Cascade("cheap", "strong", 0.2),
        };
        var r = MonteCarloEngine.Run(scenario, TestCatalog.Build(), Small);
        var cheap = (1000 * 0.75 + 500 * 4.5) / 1e6;
        var strong = (1000 * 2.5 + 500 * 15) / 1e6;
        Assert.Equal(20 * (cheap + 0.2 * strong), r.Plans[0].CostPerUser.P50, 9);
        Assert.Equal(2, r.CostByModel.Length);
        Assert.Equal(r.CostPerUser.Mean, r.CostByDimension.Total, 9);
    }

    [Fact]
    public void Anthropic_writes_cost_a_premium_and_reads_are_discounted()
    {
        var agent = new AgentLoop { SystemPromptTokens = 4000, StepGapSeconds = 10 };
        var scenario = TestCatalog.Fixed(steps: 5, model: "claude-opus-4-7", agent: agent, caching: new CachingSettings());
        var r = MonteCarloEngine.Run(scenario, TestCatalog.Build(), Small);
        Assert.True(r.CostByDimension.CacheWrite > 0);
        Assert.True(r.CostByDimension.Cached > 0);
        var uncached = MonteCarloEngine.Run(scenario with { Caching = new CachingSettings { Enabled = false } }, TestCatalog.Build(), Small);
        Assert.True(r.CostPerUser.Mean < uncached.CostPerUser.Mean);
    }

    [Fact]
    public void Context_cap_truncates_history()
    {
        var capped = TestCatalog.Fixed(steps: 30, agent: new AgentLoop { ContextCap = 8000 });
        var open = TestCatalog.Fixed(steps: 30);
        var a = MonteCarloEngine.Run(capped, TestCatalog.Build(), Small).CostPerUser.Mean;
        var b = MonteCarloEngine.Run(open, TestCatalog.Build(), Small).CostPerUser.Mean;
        Assert.True(a < b);
        var summarized = MonteCarloEngine.Run(capped with { Agent = new AgentLoop { ContextCap = 8000, ContextPolicy = ContextPolicy.Summarize, SummaryTokens = 1000 } }, TestCatalog.Build(), Small).CostPerUser.Mean;
        Assert.True(summarized < b);
    }

    [Fact]
    public void Invalid_scenarios_do_not_run()
    {
        var bad = TestCatalog.Fixed() with { Segments = [TestCatalog.Fixed().Segments[0] with { Share = 0.5, PlanId = "nope" }] };
        var ex = Assert.Throws<InferCost.Errors.InferCostException>(() => MonteCarloEngine.Run(bad, TestCatalog.Build(), Small));
        Assert.Contains("sum to 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unknown plan 'nope'", ex.Message, StringComparison.Ordinal);
    }
}
