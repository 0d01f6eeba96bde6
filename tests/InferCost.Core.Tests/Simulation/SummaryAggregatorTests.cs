using InferCost.Simulation;
using InferCost.Workloads;

namespace InferCost.Core.Tests.Simulation;

public class SummaryAggregatorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void SortAll_equals_Array_Sort(int threads)
    {
        var rng = new Xoshiro256(11, 0);
        var arrays = new[] { 0, 1, 5, 40_000, 100_003 }.Select(n => Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextGaussian() * 100, 1)).ToArray()).ToArray();
        arrays[3][17] = double.NaN;
        var expected = arrays.Select(a => { var c = (double[])a.Clone(); Array.Sort(c); return c; }).ToArray();
        var sorted = SummaryAggregator.SortAll(arrays, threads);
        for (var a = 0; a < arrays.Length; a++)
        {
            Assert.Equal(expected[a], sorted[a]);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void SortDoubles_equals_Array_Sort(int kind)
    {
        var rng = new Xoshiro256(13, (ulong)kind);
        var values = Enumerable.Range(0, 50_000).Select(_ => kind switch
        {
            0 => Math.Exp(rng.NextGaussian() * 3) / 1000, // positive costs over many orders of magnitude
            1 => (rng.NextGaussian() * 50) - 10, // margins of both signs
            2 => Math.Round(rng.NextGaussian(), 2), // many ties and zeros
            _ => rng.NextDouble() * 1e300 * (rng.NextDouble() < 0.5 ? -1 : 1),
        }).ToArray();
        values[3] = double.PositiveInfinity;
        values[4] = double.NegativeInfinity;
        values[5] = double.Epsilon;
        values[6] = -double.Epsilon;
        values[7] = 0;
        var expected = (double[])values.Clone();
        Array.Sort(expected);
        SummaryAggregator.SortDoubles(values);
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), values.Select(BitConverter.DoubleToInt64Bits));

        values[9] = -0.0;
        values[10] = double.NaN;
        expected = (double[])values.Clone();
        Array.Sort(expected);
        SummaryAggregator.SortDoubles(values);
        Assert.Equal(expected, values);
    }

    [Fact]
    public void Summaries_equal_a_sort_per_group_with_overage_and_two_segments_per_plan()
    {
        var template = TestCatalog.Fixed();
        var seg = template.Segments[0] with { Sessions = new Distribution.LogNormal(10, 40), Steps = new Distribution.LogNormal(3, 8), SessionStepCorrelation = 0.5 };
        var scenario = template with
        {
            Plans = [new Plan { Id = "flat", MonthlyPrice = 20 }, new Plan { Id = "metered", MonthlyPrice = 10, Included = 30, OveragePrice = 0.05 }],
            Segments =
            [
                seg with { Id = "a", Share = 0.5, PlanId = "flat" },
                seg with { Id = "b", Share = 0.2, PlanId = "metered", Sessions = new Distribution.LogNormal(20, 90) },
                seg with { Id = "c", Share = 0.3, PlanId = "flat", InputTokens = new Distribution.LogNormal(3000, 9000) },
            ],
        };
        foreach (var threads in new[] { 1, 2 })
        {
            var r = MonteCarloEngine.Run(scenario, TestCatalog.Build(), new SimulationOptions { Users = 150_000, Seed = 5, MaxDegreeOfParallelism = threads });
            var o = r.Outcomes;
            for (var p = 0; p < 2; p++)
            {
                var (cost, margin, revenue, unprofitable) = Naive(o, i => o.Plan[i] == p);
                Assert.Equal(cost, r.Plans[p].CostPerUser with { MeanCi95 = null });
                Assert.Equal(margin, r.Plans[p].MarginPerUser);
                Assert.Equal(revenue / r.Plans[p].Users, r.Plans[p].RevenuePerUser);
                Assert.Equal(unprofitable, r.Plans[p].UnprofitableShare);
            }

            for (var s = 0; s < 3; s++)
            {
                Assert.Equal(Naive(o, i => o.Segment[i] == s).Cost, r.Segments[s].CostPerUser);
            }

            var all = Naive(o, _ => true);
            Assert.Equal(all.Cost, r.CostPerUser with { MeanCi95 = null });
            Assert.Equal(all.Unprofitable, r.UnprofitableShare);
        }
    }

    private static (PercentileSummary Cost, PercentileSummary Margin, double Revenue, double Unprofitable) Naive(UserOutcomes o, Func<int, bool> include)
    {
        var users = Enumerable.Range(0, o.Count).Where(include).ToArray();
        var costs = users.Select(i => o.Cost[i]).ToArray();
        var margins = users.Select(i => o.Revenue[i] - o.Cost[i]).ToArray();
        var revenue = 0.0;
        foreach (var i in users)
        {
            revenue += o.Revenue[i];
        }

        Array.Sort(costs);
        Array.Sort(margins);
        Array.Reverse(margins);
        return (PercentileSummary.FromSorted(costs), PercentileSummary.FromSorted(margins), revenue, (double)margins.Count(m => m < 0) / users.Length);
    }
}
