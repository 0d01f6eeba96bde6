namespace InferCost.Simulation;

/// <summary>A 95 % confidence interval.</summary>
/// <param name="Low">Lower bound.</param>
/// <param name="High">Upper bound.</param>
public readonly record struct Interval(double Low, double High);

/// <summary>95 % confidence intervals on the percentiles of a <see cref="PercentileSummary"/> (order-statistic binomial intervals).</summary>
/// <param name="P50">Interval on the median.</param>
/// <param name="P90">Interval on p90.</param>
/// <param name="P95">Interval on p95.</param>
/// <param name="P99">Interval on p99.</param>
public sealed record PercentileIntervals(Interval P50, Interval P90, Interval P95, Interval P99);

/// <summary>The distribution of a per-user quantity: percentiles, maximum, mean, and confidence intervals on the percentiles.</summary>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P95">95th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="Max">Largest value.</param>
/// <param name="Mean">Mean.</param>
/// <param name="Ci95">95 % confidence intervals on the percentiles.</param>
public sealed record PercentileSummary(double P50, double P90, double P95, double P99, double Max, double Mean, PercentileIntervals Ci95)
{
    /// <summary>Gets an empty summary (no users).</summary>
    public static PercentileSummary Empty { get; } = new(0, 0, 0, 0, 0, 0, new PercentileIntervals(default, default, default, default));

    /// <summary>Summarises values sorted ascending.</summary>
    public static PercentileSummary FromSorted(ReadOnlySpan<double> sorted)
    {
        if (sorted.IsEmpty)
        {
            return Empty;
        }

        var sum = 0.0;
        foreach (var v in sorted)
        {
            sum += v;
        }

        return new PercentileSummary(
            Percentile(sorted, 0.50),
            Percentile(sorted, 0.90),
            Percentile(sorted, 0.95),
            Percentile(sorted, 0.99),
            sorted[^1],
            sum / sorted.Length,
            new PercentileIntervals(Ci(sorted, 0.50), Ci(sorted, 0.90), Ci(sorted, 0.95), Ci(sorted, 0.99)));
    }

    /// <summary>The <paramref name="p"/>-quantile of sorted values, linearly interpolated (Hyndman–Fan type 7).</summary>
    public static double Percentile(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.IsEmpty)
        {
            return 0;
        }

        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>
    /// A distribution-free 95 % interval on the <paramref name="p"/>-quantile: the order statistics at ranks
    /// n·p ∓ 1.96·√(n·p·(1−p)) (normal approximation to the binomial).
    /// </summary>
    public static Interval Ci(ReadOnlySpan<double> sorted, double p)
    {
        var n = sorted.Length;
        var half = 1.96 * Math.Sqrt(n * p * (1 - p));
        var lo = Math.Clamp((int)Math.Floor((n * p) - half) - 1, 0, n - 1);
        var hi = Math.Clamp((int)Math.Ceiling((n * p) + half) - 1, 0, n - 1);
        return new Interval(sorted[lo], sorted[hi]);
    }
}
