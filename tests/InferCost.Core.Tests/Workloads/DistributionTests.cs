using InferCost.Simulation;
using InferCost.Workloads;

namespace InferCost.Core.Tests.Workloads;

public class DistributionTests
{
    [Fact]
    public void Lognormal_from_median_and_p90_hits_both()
    {
        var d = new Distribution.LogNormal(10, 30);
        Assert.Equal(10, d.Quantile(0.5), 6);
        Assert.Equal(30, d.Quantile(0.9), 4);
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(0.3)]
    [InlineData(0.975)]
    public void Normal_cdf_inverts_the_quantile(double p) => Assert.Equal(p, NormalMath.Cdf(NormalMath.InverseCdf(p)), 6);

    [Fact]
    public void Sample_means_converge()
    {
        Distribution[] all = [new Distribution.Pareto(2, 3), new Distribution.Normal(10, 2), new Distribution.LogNormal(5, 12),
            new Distribution.Empirical([new(1, 1), new(10, 3)]), new Distribution.Capped(new Distribution.Pareto(1, 1.2), 50)];
        foreach (var d in all)
        {
            var rng = new Xoshiro256(1, 2);
            var sum = 0.0;
            const int N = 400_000;
            for (var i = 0; i < N; i++)
            {
                sum += d.Sample(ref rng);
            }

            Assert.InRange(sum / N, d.Mean * 0.98, d.Mean * 1.02);
        }
    }
}
