using InferCost.Simulation;

namespace InferCost.Caching;

/// <summary>
/// An event-by-event prompt-cache simulation (ground truth for <see cref="CacheHitModel"/>): requests arrive one by
/// one; a prefix is cached until TTL seconds pass without use; each hit refreshes it.
/// </summary>
public static class CacheEventSimulator
{
    /// <summary>
    /// Simulates <paramref name="requests"/> Poisson arrivals at <paramref name="ratePerSecond"/> on one prefix and
    /// returns the share that hit (the first request always misses).
    /// </summary>
    public static double SimulatePoisson(double ratePerSecond, double ttlSeconds, int requests, ulong seed)
    {
        var rng = new Xoshiro256(seed, 1);
        var t = 0.0;
        var expires = double.NegativeInfinity;
        var hits = 0;
        for (var i = 0; i < requests; i++)
        {
            t += -Math.Log(rng.NextOpenDouble()) / ratePerSecond;
            if (t < expires)
            {
                hits++;
            }

            expires = t + ttlSeconds;
        }

        return (double)hits / requests;
    }

    /// <summary>
    /// Simulates sessions of <paramref name="steps"/> calls with exponential gaps of mean <paramref name="meanGapSeconds"/>,
    /// each session with its own history prefix, and returns the share of steps 2..n that found their history cached.
    /// Sessions start far apart (no cross-session reuse).
    /// </summary>
    public static double SimulateSessions(double meanGapSeconds, double ttlSeconds, int steps, int sessions, ulong seed)
    {
        var rng = new Xoshiro256(seed, 2);
        long hits = 0, eligible = 0;
        for (var s = 0; s < sessions; s++)
        {
            var t = 0.0;
            var expires = t + ttlSeconds; // step 1 writes the prefix the next step will read
            for (var k = 2; k <= steps; k++)
            {
                t += -Math.Log(rng.NextOpenDouble()) * meanGapSeconds;
                eligible++;
                if (t < expires)
                {
                    hits++;
                }

                expires = t + ttlSeconds;
            }
        }

        return eligible == 0 ? 0 : (double)hits / eligible;
    }

    /// <summary>
    /// Simulates <paramref name="users"/> users who each send requests sharing one global prefix, every user a
    /// Poisson stream at <paramref name="perUserRatePerSecond"/>, and returns the hit share of the shared prefix.
    /// Checks that merging independent streams gives the Poisson model at the summed rate.
    /// </summary>
    public static double SimulateSharedPrefix(int users, double perUserRatePerSecond, double ttlSeconds, double durationSeconds, ulong seed)
    {
        var times = new List<double>();
        for (var u = 0; u < users; u++)
        {
            var rng = new Xoshiro256(seed, (ulong)u + 100);
            var t = 0.0;
            while (true)
            {
                t += -Math.Log(rng.NextOpenDouble()) / perUserRatePerSecond;
                if (t > durationSeconds)
                {
                    break;
                }

                times.Add(t);
            }
        }

        times.Sort();
        var expires = double.NegativeInfinity;
        var hits = 0;
        foreach (var t in times)
        {
            if (t < expires)
            {
                hits++;
            }

            expires = t + ttlSeconds;
        }

        return times.Count == 0 ? 0 : (double)hits / times.Count;
    }
}
