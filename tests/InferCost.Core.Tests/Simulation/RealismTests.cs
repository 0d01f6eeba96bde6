using InferCost.Caching;
using InferCost.Simulation;
using InferCost.Workloads;

namespace InferCost.Core.Tests.Simulation;

public class RealismTests
{
    private static readonly SimulationOptions Small = new() { Users = 2000, Seed = 7 };

    private static Scenario Lognormal(double noise = 0.3, double elasticity = 0, double churn = 0) => TestCatalog.Fixed() with
    {
        Horizon = new Horizon { Months = 12, Start = new DateOnly(2026, 7, 1), MonthNoise = noise, ChurnUsageElasticity = elasticity, MonthlyChurn = churn },
        Segments = [TestCatalog.Fixed().Segments[0] with { Sessions = new Distribution.LogNormal(10, 40) }],
    };

    [Fact]
    public void A_users_months_differ_with_month_noise_and_not_without()
    {
        var noisy = MonteCarloEngine.Run(Lognormal(0.3), TestCatalog.Build(), Small with { KeepMonthlyCosts = true });
        var months = noisy.Outcomes.MonthCost!;
        Assert.NotEqual(months[0][5], months[1][5]);
        Assert.True(noisy.Months.Select(m => m.GrossMargin).Distinct().Count() > 6);

        var flat = MonteCarloEngine.Run(Lognormal(0), TestCatalog.Build(), Small with { KeepMonthlyCosts = true });
        Assert.Equal(flat.Outcomes.MonthCost![0][5], flat.Outcomes.MonthCost[1][5]);
        Assert.Single(flat.Months.Select(m => Math.Round(m.GrossMargin!.Value, 12)).Distinct());
    }

    [Fact]
    public void Month_noise_has_mean_one_so_the_expected_cost_stays()
    {
        // Fixed usage: every user costs 0.825 a month without noise; the noise factor has mean 1.
        var scenario = TestCatalog.Fixed() with { Horizon = new Horizon { Months = 1, Start = new DateOnly(2026, 7, 1), MonthNoise = 0.5 } };
        var r = MonteCarloEngine.Run(scenario, TestCatalog.Build(), new SimulationOptions { Users = 100_000, Seed = 3 });
        Assert.InRange(r.CostPerUser.Mean, 0.825 * 0.99, 0.825 * 1.01);
        Assert.True(r.CostPerUser.P95 > 0.825 * 1.5);
    }

    [Fact]
    public void Usage_dependent_churn_leaves_heavier_users_active()
    {
        var even = MonteCarloEngine.Run(Lognormal(0.3, 0, 0.05), TestCatalog.Build(), Small);
        var skewed = MonteCarloEngine.Run(Lognormal(0.3, 1, 0.05), TestCatalog.Build(), Small);
        double PerUser(SimulationResult r, int m) => r.Months[m].Cost / r.Months[m].ActiveUsers;
        Assert.Equal(PerUser(even, 0), PerUser(skewed, 0), 9);
        Assert.True(PerUser(skewed, 11) > PerUser(even, 11) * 1.2);
        Assert.Equal(even.Months[11].ActiveUsers, skewed.Months[11].ActiveUsers, 6);
    }

    [Fact]
    public void Explicit_cache_storage_is_a_fixed_monthly_cost_that_does_not_grow_with_users()
    {
        var agent = new AgentLoop { SystemPromptTokens = 10_000 };
        var scenario = TestCatalog.Fixed(model: "gemini-3.1-pro-preview", agent: agent, caching: new CachingSettings { ExplicitCache = true });
        var small = MonteCarloEngine.Run(scenario, TestCatalog.Build(), Small);
        var large = MonteCarloEngine.Run(scenario with { Users = 100_000 }, TestCatalog.Build(), Small);

        // 10,000 tokens × $4.5 per 1M token-hours × 730.485 h = $32.87 a month, whatever the user count.
        var storage = 10_000 * 4.5 / 1e6 * CompiledScenario.HoursPerMonth;
        Assert.Equal(storage, small.FixedMonthlyCost, 9);
        Assert.Equal(storage, large.FixedMonthlyCost, 9);
        var variable = small.CostPerUser.Mean;
        Assert.Equal((variable * 1000) + storage, small.Months[0].Cost, 6);
        Assert.Equal((variable * 100_000) + storage, large.Months[0].Cost, 4);
    }

    [Fact]
    public void Each_user_gets_the_cache_hit_rate_of_their_own_call_rate()
    {
        // The system prompt is per user (shared_prefix: false): a user with 2,000 one-call sessions a month hits far
        // more often than one with a single session.
        var agent = new AgentLoop { SystemPromptTokens = 4000 };
        var caching = new CachingSettings { SharedPrefix = false };
        var baseSeg = TestCatalog.Fixed(steps: 1, agent: agent, caching: caching);
        var scenario = baseSeg with
        {
            Segments =
            [
                baseSeg.Segments[0] with { Id = "light", Share = 0.5, Sessions = new Distribution.Fixed(1) },
                baseSeg.Segments[0] with { Id = "heavy", Share = 0.5, Sessions = new Distribution.Fixed(2000) },
            ],
        };
        var r = MonteCarloEngine.Run(scenario, TestCatalog.Build(), Small);
        double PerSession(double sessions)
        {
            var hit = -double.ExpM1(-sessions / CompiledScenario.SecondsPerMonth * 300);
            return ((4000 * ((hit * 0.25) + ((1 - hit) * 2.5))) + (1000 * 2.5) + (500 * 15)) / 1e6;
        }

        Assert.Equal(PerSession(1), r.Segments[0].CostPerUser.Mean, 12);
        Assert.Equal(PerSession(2000) * 2000, r.Segments[1].CostPerUser.Mean, 9);
        Assert.True(PerSession(2000) < PerSession(1) * 0.95);
    }

    [Fact]
    public void Shared_system_prompt_and_per_user_context_report_their_own_hit_rates()
    {
        var agent = new AgentLoop { SystemPromptTokens = 3000, UserContextTokens = 2000, StepGapSeconds = 20 };
        var scenario = TestCatalog.Fixed(steps: 4, agent: agent, caching: new CachingSettings()) with { Users = 200 };
        var r = MonteCarloEngine.Run(scenario, TestCatalog.Build(), Small);
        var system = r.CacheHitRates.Single(h => h.Part == "system_prompt_and_tools");
        var user = r.CacheHitRates.Single(h => h.Part == "user_context");
        Assert.True(system.Shared);
        Assert.False(user.Shared);

        // 200 users × 80 calls a month (20 sessions × 4 steps) on one prefix vs 80 for one user's context, TTL 5 min.
        Assert.Equal(-double.ExpM1(-200 * 80 / CompiledScenario.SecondsPerMonth * 300), system.HitRate, 9);
        Assert.Equal(-double.ExpM1(-80 / CompiledScenario.SecondsPerMonth * 300), user.HitRate, 9);
    }

    [Fact]
    public void OpenAI_overflow_above_15_requests_a_minute_lowers_the_shared_prefix_hit_rate()
    {
        var openai = CacheRules.For("openai", "gpt-5.4", new CachingSettings());
        var anthropic = CacheRules.For("anthropic", "claude-opus-4-7", new CachingSettings());
        Assert.Equal(15, openai.OverflowAbovePerMinute);
        Assert.Null(anthropic.OverflowAbovePerMinute);

        // 60 a minute: a quarter of requests within the limit hit (≈ 1), three quarters overflow and hit at 0.5.
        Assert.Equal(0.25 + (0.75 * 0.5), openai.PrefixHitRate(1.0, 0.5), 9);
        Assert.Equal(1.0, anthropic.PrefixHitRate(1.0, 0.5), 9);
        Assert.Equal(-double.ExpM1(-10.0 / 60 * 300), openai.PrefixHitRate(10.0 / 60, 0.5), 12);
    }

    [Fact]
    public void Exact_percentile_intervals_cover_the_true_percentile_at_200_users()
    {
        // Lognormal(μ = 0, σ = 1.2): the true p-quantile is exp(1.2·z_p).
        var ps = new[] { 0.50, 0.90, 0.95, 0.99 };
        var truth = ps.Select(p => Math.Exp(1.2 * NormalMath.InverseCdf(p))).ToArray();
        var covered = new int[ps.Length];
        const int Runs = 1000;
        for (var seed = 0; seed < Runs; seed++)
        {
            var rng = new Xoshiro256((ulong)seed, 99);
            var sample = new double[200];
            for (var i = 0; i < sample.Length; i++)
            {
                sample[i] = Math.Exp(1.2 * rng.NextGaussian());
            }

            Array.Sort(sample);
            var s = PercentileSummary.FromSorted(sample);
            var intervals = new[] { s.Ci95.P50, s.Ci95.P90, s.Ci95.P95, s.Ci95.P99 };
            for (var k = 0; k < ps.Length; k++)
            {
                covered[k] += intervals[k].Covers(truth[k]) ? 1 : 0;
            }
        }

        foreach (var c in covered)
        {
            Assert.True(c >= 0.93 * Runs, $"coverage {c}/{Runs}");
        }
    }

    [Fact]
    public void Order_statistic_ranks_match_the_binomial_tails()
    {
        // n = 20, p = 0.5: P(B ≤ 5) = 0.0207 ≤ 0.025 < P(B ≤ 6) = 0.0577, so l = 6; by symmetry u = 15.
        Assert.Equal((6, 15), PercentileSummary.OrderStatisticRanks(20, 0.5, 0.025));

        // n = 200, p = 0.99: P(B = 200) = 0.99^200 = 0.134 > 0.025, so no rank bounds it from above.
        var (_, high) = PercentileSummary.OrderStatisticRanks(200, 0.99, 0.025);
        Assert.Equal(201, high);
    }

    [Fact]
    public void Gross_margin_interval_covers_the_large_sample_margin()
    {
        var scenario = TestCatalog.Fixed() with { Segments = [TestCatalog.Fixed().Segments[0] with { Sessions = new Distribution.LogNormal(200, 900) }] };
        var truth = MonteCarloEngine.Run(scenario, TestCatalog.Build(), new SimulationOptions { Users = 400_000, Seed = 1 }).GrossMargin!.Value;
        var covered = 0;
        const int Runs = 40;
        for (var seed = 100; seed < 100 + Runs; seed++)
        {
            var r = MonteCarloEngine.Run(scenario, TestCatalog.Build(), new SimulationOptions { Users = 2000, Seed = (ulong)seed });
            covered += r.GrossMarginCi95!.Value.Covers(truth) ? 1 : 0;
            Assert.NotNull(r.Plans[0].GrossMarginCi95);
            Assert.NotNull(r.CostPerUser.MeanCi95);
            Assert.NotNull(r.UnprofitableShareCi95);
        }

        Assert.True(covered >= 0.85 * Runs, $"coverage {covered}/{Runs}");
    }

    [Fact]
    public void Price_plan_price_holds_on_a_fresh_seed_with_at_least_90_percent_probability()
    {
        var scenario = TestCatalog.Fixed() with { Segments = [TestCatalog.Fixed().Segments[0] with { Sessions = new Distribution.LogNormal(20, 120) }] };
        var held = 0;
        const int Runs = 100;
        for (var seed = 1; seed <= Runs; seed++)
        {
            var options = new SimulationOptions { Users = 1000, Seed = (ulong)seed };
            var design = MonteCarloEngine.Run(scenario, TestCatalog.Build(), options);
            var validation = MonteCarloEngine.Run(scenario, TestCatalog.Build(), options with { Seed = PlanDesigner.ValidationSeed(options.Seed) });
            var plan = PlanDesigner.Design(scenario, design, validation, "pro", 95, 0.6);
            Assert.NotNull(plan.ValidatedShare);
            Assert.True(plan.SafetyPercentile > 95);

            // A fresh set of users the design never saw.
            var fresh = MonteCarloEngine.Run(scenario, TestCatalog.Build(), options with { Seed = (ulong)(seed + 1_000_000) });
            var keep = Enumerable.Range(0, fresh.Users).Count(i => fresh.Outcomes.Cost[i] <= plan.RequiredPrice * (1 - 0.6));
            held += keep >= 0.95 * fresh.Users ? 1 : 0;
        }

        Assert.True(held >= 90, $"held on {held} of {Runs} fresh seeds");
    }

    [Fact]
    public void Usage_caps_are_whole_units_rounded_toward_safety()
    {
        var scenario = TestCatalog.Fixed() with { Segments = [TestCatalog.Fixed().Segments[0] with { Sessions = new Distribution.LogNormal(200, 1500) }] };
        var r = MonteCarloEngine.Run(scenario, TestCatalog.Build(), Small);
        var plan = PlanDesigner.Design(scenario, r, "pro", 95, 0.6);
        Assert.NotNull(plan.UsageCap);
        Assert.Equal(Math.Floor(plan.UsageCap!.Value), plan.UsageCap.Value);
    }

    [Fact]
    public void Warns_on_pareto_without_a_mean_binding_caps_and_dominant_top_users()
    {
        var pareto = TestCatalog.Fixed() with { Segments = [TestCatalog.Fixed().Segments[0] with { Sessions = new Distribution.Pareto(5, 0.9) }] };
        var r = MonteCarloEngine.Run(pareto, TestCatalog.Build(), Small);
        Assert.Contains(r.Warnings, w => w.Contains("alpha 0.9", StringComparison.Ordinal));
        Assert.Contains(r.Warnings, w => w.Contains("top 0.1 %", StringComparison.Ordinal) && w.Contains("hard_cap", StringComparison.Ordinal));
        Assert.True(r.TopUsers!.ShareOfCost > 0.1);

        var capped = TestCatalog.Fixed(plan: new Plan { Id = "pro", MonthlyPrice = 20, HardCap = 10 });
        var c = MonteCarloEngine.Run(capped, TestCatalog.Build(), Small);
        Assert.Contains(c.Warnings, w => w.Contains("binds for 100 %", StringComparison.Ordinal));
        Assert.Equal(1, c.Plans[0].CappedShare);
    }

    [Fact]
    public void Sensitivity_accepts_a_zero_change()
    {
        var r = SensitivityAnalysis.Run(TestCatalog.Fixed(), TestCatalog.Build(), Small, 0);
        Assert.All(r.Bars, b => Assert.Equal(0, b.Swing));
    }
}
