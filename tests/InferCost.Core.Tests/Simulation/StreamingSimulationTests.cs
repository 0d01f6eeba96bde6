using InferCost.Simulation;
using InferCost.Workloads;

namespace InferCost.Core.Tests.Simulation;

/// <summary>
/// Runs above <see cref="SimulationOptions.ExactPercentileUsers"/> stream through quantile sketches: thread-count
/// invariance, and agreement with the exact run on the same users within the stated rank error.
/// </summary>
public class StreamingSimulationTests
{
    // Two full blocks and a partial one, so that block boundaries cut segments.
    private const int Users = (2 * MonteCarloEngine.BlockSize) + 30_001;

    [Fact]
    public void A_streamed_run_gives_the_same_result_on_one_two_or_three_threads()
    {
        var scenario = Scenario();
        var runs = new[] { 1, 2, 3 }.Select(t => MonteCarloEngine.Run(scenario, TestCatalog.Build(), Options(t))).ToArray();
        foreach (var other in runs[1..])
        {
            AssertSame(runs[0], other);
        }
    }

    [Fact]
    public void A_streamed_run_matches_the_exact_run_on_the_same_users_within_its_stated_rank_error()
    {
        var scenario = Scenario();
        var exact = MonteCarloEngine.Run(scenario, TestCatalog.Build(), new SimulationOptions { Users = Users, Seed = 5, MaxDegreeOfParallelism = 2 });
        var streamed = MonteCarloEngine.Run(scenario, TestCatalog.Build(), Options(2));

        Assert.True(exact.PercentileAccuracy!.Exact);
        Assert.Equal(0, exact.PercentileAccuracy.RankError);
        var accuracy = streamed.PercentileAccuracy!;
        Assert.False(accuracy.Exact);
        Assert.InRange(accuracy.RankError, 1e-9, 0.01);

        // Everything but percentiles is exact: same counts, shares and (up to summation order) means and totals.
        Assert.Equal(exact.UnprofitableShare, streamed.UnprofitableShare);
        Assert.Equal(exact.CostPerUser.Max, streamed.CostPerUser.Max);
        Assert.Equal(exact.CostPerUser.Mean, streamed.CostPerUser.Mean, 1e-9);
        Assert.Equal(exact.GrossMargin!.Value, streamed.GrossMargin!.Value, 1e-9);
        Assert.Equal(exact.TopUsers!.ShareOfCost, streamed.TopUsers!.ShareOfCost, 1e-9);
        Assert.Equal(exact.TopUsers.Plan, streamed.TopUsers.Plan);
        for (var m = 0; m < exact.Months.Length; m++)
        {
            Assert.Equal(exact.Months[m].Cost, streamed.Months[m].Cost, exact.Months[m].Cost * 1e-9);
        }

        var o = exact.Outcomes;
        AssertRanks(o.Cost, streamed.CostPerUser, accuracy.RankError, descending: false);
        for (var p = 0; p < exact.Plans.Length; p++)
        {
            var users = Enumerable.Range(0, o.Count).Where(i => o.Plan[i] == p).ToArray();
            Assert.Equal(exact.Plans[p].Users, streamed.Plans[p].Users);
            Assert.Equal(exact.Plans[p].UnprofitableShare, streamed.Plans[p].UnprofitableShare);
            AssertRanks([.. users.Select(i => o.Cost[i])], streamed.Plans[p].CostPerUser, accuracy.RankError, descending: false);
            AssertRanks([.. users.Select(i => o.Revenue[i] - o.Cost[i])], streamed.Plans[p].MarginPerUser, accuracy.RankError, descending: true);
        }

        for (var s = 0; s < exact.Segments.Length; s++)
        {
            Assert.Equal(exact.Segments[s].SessionsPerUser, streamed.Segments[s].SessionsPerUser, 1e-9);
            AssertRanks([.. Enumerable.Range(0, o.Count).Where(i => o.Segment[i] == s).Select(i => o.Cost[i])], streamed.Segments[s].CostPerUser, accuracy.RankError, descending: false);
        }
    }

    [Fact]
    public void Runs_that_keep_per_user_data_never_stream()
    {
        var r = MonteCarloEngine.Run(Scenario(), TestCatalog.Build(), new SimulationOptions { Users = 5000, Seed = 5, ExactPercentileUsers = 1000, KeepUserOutcomes = true });
        Assert.True(r.PercentileAccuracy!.Exact);
        Assert.Equal(5000, r.Outcomes.Count);
    }

    private static SimulationOptions Options(int threads) => new() { Users = Users, Seed = 5, MaxDegreeOfParallelism = threads, ExactPercentileUsers = 100_000 };

    /// <summary>Each reported percentile lies, in the exact sorted values, within rankError·n ranks of its target.</summary>
    private static void AssertRanks(double[] values, PercentileSummary summary, double rankError, bool descending)
    {
        var sorted = values.Order().ToArray();
        if (descending)
        {
            Array.Reverse(sorted);
        }

        var n = sorted.Length;
        var e = (rankError * n) + 2; // + the interpolation's neighbouring rank
        foreach (var (p, v) in new[] { (0.50, summary.P50), (0.90, summary.P90), (0.95, summary.P95), (0.99, summary.P99) })
        {
            // v holds ranks (values before v) + 1 … (values before or at v) in the reported order.
            var target = ((n - 1) * p) + 1;
            var before = sorted.Count(x => descending ? x > v : x < v);
            var upTo = sorted.Count(x => descending ? x >= v : x <= v);
            Assert.True(upTo >= target - e && before + 1 <= target + e, $"p{p * 100} = {v}: ranks {before + 1}..{upTo} of {n}, target {target} ± {e}");
        }

        Assert.Equal(sorted[^1], summary.Max);
    }

    private static void AssertSame(SimulationResult a, SimulationResult b)
    {
        Assert.Equal(a.CostPerUser, b.CostPerUser);
        Assert.Equal(a.GrossMargin, b.GrossMargin);
        Assert.Equal(a.GrossMarginCi95, b.GrossMarginCi95);
        Assert.Equal(a.UnprofitableShareCi95, b.UnprofitableShareCi95);
        Assert.Equal(a.TopUsers, b.TopUsers);
        Assert.Equal(a.PercentileAccuracy, b.PercentileAccuracy);
        Assert.Equal(a.Plans.AsEnumerable(), b.Plans.AsEnumerable());
        Assert.Equal(a.Segments.AsEnumerable(), b.Segments.AsEnumerable());
        Assert.Equal(a.Months.AsEnumerable(), b.Months.AsEnumerable());
        Assert.Equal(a.CostByModel.AsEnumerable(), b.CostByModel.AsEnumerable());
        Assert.Equal(a.CacheHitRates.AsEnumerable(), b.CacheHitRates.AsEnumerable());
        Assert.Equal(a.CostByDimension, b.CostByDimension);
    }

    private static Scenario Scenario()
    {
        var template = TestCatalog.Fixed();
        var seg = template.Segments[0] with { Sessions = new Distribution.LogNormal(10, 40), Steps = new Distribution.LogNormal(3, 8), SessionStepCorrelation = 0.5 };
        return template with
        {
            Plans = [new Plan { Id = "flat", MonthlyPrice = 20 }, new Plan { Id = "metered", MonthlyPrice = 10, Included = 30, OveragePrice = 0.05 }],
            Segments =
            [
                seg with { Id = "a", Share = 0.5, PlanId = "flat" },
                seg with { Id = "b", Share = 0.2, PlanId = "metered", Sessions = new Distribution.LogNormal(20, 90) },
                seg with { Id = "c", Share = 0.3, PlanId = "flat", InputTokens = new Distribution.LogNormal(3000, 9000) },
            ],
        };
    }
}
