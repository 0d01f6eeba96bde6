namespace InferCost.Caching;

/// <summary>
/// The analytic cache-hit model. A cached prefix lives until <c>TTL</c> seconds pass without a request using it
/// (every hit refreshes it). A request hits when the previous request with the same prefix came less than TTL
/// earlier, so with gaps G between requests, P(hit) = P(G &lt; TTL).
/// </summary>
/// <remarks>
/// For Poisson arrivals at rate λ per prefix the gaps are exponential: P(hit) = 1 − e^(−λ·TTL). Within a session,
/// steps follow each other with a mean gap g (exponential), so step k ≥ 2 finds the history cached with
/// probability 1 − e^(−TTL/g). Validated against <see cref="CacheEventSimulator"/> in the tests.
/// </remarks>
public static class CacheHitModel
{
    /// <summary>P(hit) for a prefix requested as a Poisson stream at <paramref name="ratePerSecond"/>.</summary>
    public static double PoissonHitProbability(double ratePerSecond, double ttlSeconds)
        => ratePerSecond <= 0 || ttlSeconds <= 0 ? 0 : -double.ExpM1(-ratePerSecond * ttlSeconds);

    /// <summary>P(hit) for the next step of a session when steps are <paramref name="meanGapSeconds"/> apart on average (exponential gaps).</summary>
    public static double SessionHitProbability(double meanGapSeconds, double ttlSeconds)
        => meanGapSeconds <= 0 ? 1 : PoissonHitProbability(1 / meanGapSeconds, ttlSeconds);
}
