using InferCost.Caching;

namespace InferCost.Core.Tests.Caching;

public class CacheHitModelTests
{
    // Stated tolerance: the analytic model is within 0.015 (absolute hit rate) of the event simulation.
    private const double Tolerance = 0.015;

    [Theory]
    [InlineData(1.0 / 600, 300)]   // one request per 10 min, 5-min TTL
    [InlineData(1.0 / 300, 300)]
    [InlineData(1.0 / 60, 300)]
    [InlineData(1.0 / 3600, 3600)] // one per hour, 1-h TTL
    [InlineData(1.0 / 7200, 300)]
    [InlineData(0.5, 300)]
    public void Poisson_model_agrees_with_event_simulation(double rate, double ttl)
    {
        var simulated = CacheEventSimulator.SimulatePoisson(rate, ttl, 200_000, 11);
        Assert.InRange(CacheHitModel.PoissonHitProbability(rate, ttl), simulated - Tolerance, simulated + Tolerance);
    }

    [Theory]
    [InlineData(10, 300, 8)]
    [InlineData(120, 300, 10)]
    [InlineData(400, 300, 6)]
    [InlineData(900, 3600, 5)]
    public void Session_model_agrees_with_event_simulation(double gap, double ttl, int steps)
    {
        var simulated = CacheEventSimulator.SimulateSessions(gap, ttl, steps, 30_000, 5);
        Assert.InRange(CacheHitModel.SessionHitProbability(gap, ttl), simulated - Tolerance, simulated + Tolerance);
    }

    [Theory]
    [InlineData(50, 1.0 / 7200, 300)]
    [InlineData(200, 1.0 / 86400, 300)]
    public void Shared_prefix_across_users_follows_the_summed_rate(int users, double perUser, double ttl)
    {
        var simulated = CacheEventSimulator.SimulateSharedPrefix(users, perUser, ttl, 30 * 86400, 3);
        Assert.InRange(CacheHitModel.PoissonHitProbability(users * perUser, ttl), simulated - Tolerance, simulated + Tolerance);
    }

    [Fact]
    public void Anthropic_rules_bill_writes_at_a_premium()
    {
        var five = CacheRules.For("anthropic", "claude-opus-4-7", new());
        var hour = CacheRules.For("anthropic", "claude-opus-4-7", new() { Extended = true });
        Assert.Equal(CacheMode.ExplicitBreakpoints, five.Mode);
        Assert.Equal(1.25, five.WritePremium);
        Assert.Equal(2.0, hour.WritePremium);
        Assert.Equal(3600, hour.TtlSeconds);
        Assert.Equal(CacheMode.Automatic, CacheRules.For("openai", "gpt-5.4", new()).Mode);
        Assert.True(CacheRules.For("google", "gemini-3.1-pro-preview", new() { ExplicitCache = true }).ExplicitStorage);
    }
}
