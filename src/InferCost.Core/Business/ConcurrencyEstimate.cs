using InferCost.Errors;

namespace InferCost.Business;

/// <summary>
/// Turns monthly users into concurrent generation streams (seed 002's distinction: 50 active users means 50 generating
/// at once, not 50 monthly users): average streams = users × active minutes a day / 1,440; peak = average × peak factor.
/// </summary>
public static class ConcurrencyEstimate
{
    /// <summary>Minutes in a day.</summary>
    public const decimal MinutesPerDay = 1440m;

    /// <summary>Average concurrent streams over a day.</summary>
    /// <exception cref="InferCostException">A value is negative or minutes exceed a day.</exception>
    public static decimal AverageConcurrentStreams(long monthlyUsers, decimal activeMinutesPerUserPerDay)
    {
        if (monthlyUsers < 0 || activeMinutesPerUserPerDay < 0 || activeMinutesPerUserPerDay > MinutesPerDay)
        {
            throw new InferCostException("--monthly-users must be >= 0 and --active-minutes-per-day between 0 and 1440");
        }

        return monthlyUsers * activeMinutesPerUserPerDay / MinutesPerDay;
    }

    /// <summary>Concurrent streams at the daily peak.</summary>
    public static decimal PeakConcurrentStreams(long monthlyUsers, decimal activeMinutesPerUserPerDay, decimal peakFactor)
    {
        if (peakFactor < 1)
        {
            throw new InferCostException($"--peak-factor must be >= 1 (got {peakFactor})");
        }

        return AverageConcurrentStreams(monthlyUsers, activeMinutesPerUserPerDay) * peakFactor;
    }
}
