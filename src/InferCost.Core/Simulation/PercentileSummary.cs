namespace InferCost.Simulation;

/// <summary>A 95 % confidence interval.</summary>
/// <param name="Low">Lower bound.</param>
/// <param name="High">Upper bound.</param>
public readonly record struct Interval(double Low, double High)
{
    /// <summary>
    /// Gets <see langword="true"/> when the sample is too small to bound the interval from above: the exact
    /// interval's upper rank lies past the largest value, so the true value may be anywhere above <see cref="High"/>
    /// (the sample maximum). <see langword="null"/> when bounded.
    /// </summary>
    public bool? HighUnbounded { get; init; }

    /// <summary>Gets <see langword="true"/> when the lower rank lies before the smallest value (<see cref="Low"/> is the sample minimum).</summary>
    public bool? LowUnbounded { get; init; }

    /// <summary>Whether <paramref name="value"/> lies in the interval (an unbounded side covers everything beyond it).</summary>
    public bool Covers(double value) => (Low <= value || LowUnbounded == true) && (value <= High || HighUnbounded == true);
}

/// <summary>95 % confidence intervals on the percentiles of a <see cref="PercentileSummary"/> (exact order-statistic intervals).</summary>
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
/// <remarks>
/// Every percentile and percentile interval in InferCost is computed here (one place, so that a quantile sketch can
/// replace exact order statistics above a size threshold without touching callers).
/// </remarks>
public sealed record PercentileSummary(double P50, double P90, double P95, double P99, double Max, double Mean, PercentileIntervals Ci95)
{
    /// <summary>Gets an empty summary (no users).</summary>
    public static PercentileSummary Empty { get; } = new(0, 0, 0, 0, 0, 0, new PercentileIntervals(default, default, default, default));

    /// <summary>Gets a 95 % interval on <see cref="Mean"/> (grouped bootstrap; see <c>docs/simulation.md</c>), when computed.</summary>
    public Interval? MeanCi95 { get; init; }

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

    /// <summary>
    /// Summarises the values a quantile sketch saw: pN is the type-7 interpolation between the values the sketch gives
    /// at the two ranks around (n − 1)·N %, each within <see cref="SketchView.MaxRankError"/> ranks of the exact one;
    /// each 95 % interval takes the exact order-statistic ranks (see <see cref="Ci(ReadOnlySpan{double}, double)"/>) widened by that bound on both
    /// sides, so it still covers the true percentile with at least 95 %. Max and mean are exact.
    /// </summary>
    public static PercentileSummary FromSketch(SketchView sketch)
    {
        ArgumentNullException.ThrowIfNull(sketch);
        if (sketch.Count == 0)
        {
            return Empty;
        }

        return new PercentileSummary(
            SketchPercentile(sketch, 0.50),
            SketchPercentile(sketch, 0.90),
            SketchPercentile(sketch, 0.95),
            SketchPercentile(sketch, 0.99),
            sketch.Max,
            sketch.Sum / sketch.Count,
            new PercentileIntervals(SketchCi(sketch, 0.50), SketchCi(sketch, 0.90), SketchCi(sketch, 0.95), SketchCi(sketch, 0.99)));
    }

    /// <summary>
    /// The summary of the negated values (a sketch of −x gives the summary of x in descending order, as margins are
    /// reported): every percentile, interval end, the maximum and the mean change sign.
    /// </summary>
    public PercentileSummary Negated() => new(
        -P50,
        -P90,
        -P95,
        -P99,
        -Max,
        -Mean,
        new PercentileIntervals(Negate(Ci95.P50), Negate(Ci95.P90), Negate(Ci95.P95), Negate(Ci95.P99)));

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
    /// The exact distribution-free 95 % interval on the <paramref name="p"/>-quantile: the order statistics
    /// X₍l₎ and X₍u₎ with P(B ≤ l − 1) ≤ 2.5 % and P(B ≥ u) ≤ 2.5 % for B ~ Binomial(n, p), the number of sample
    /// values below the true quantile; so P(X₍l₎ ≤ x_p ≤ X₍u₎) ≥ 95 % for any continuous distribution. When u would
    /// exceed n (small samples, high percentiles) the upper side is unbounded and <see cref="Interval.High"/> is the
    /// sample maximum, flagged by <see cref="Interval.HighUnbounded"/>.
    /// </summary>
    public static Interval Ci(ReadOnlySpan<double> sorted, double p)
    {
        var n = sorted.Length;
        if (n == 0)
        {
            return default;
        }

        var (l, u) = OrderStatisticRanks(n, p, 0.025);
        var low = new Interval(sorted[Math.Clamp(l, 1, n) - 1], sorted[Math.Clamp(u, 1, n) - 1]);
        return low with { LowUnbounded = l < 1 ? true : null, HighUnbounded = u > n ? true : null };
    }

    private static double SketchPercentile(SketchView sketch, double p)
    {
        var h = (sketch.Count - 1) * p;
        var lo = (long)Math.Floor(h);
        var low = sketch.AtRank(lo + 1);
        var high = sketch.AtRank(Math.Min(lo + 2, sketch.Count));
        return low + ((h - lo) * (high - low));
    }

    private static Interval SketchCi(SketchView sketch, double p)
    {
        var n = sketch.Count;
        var (l, u) = OrderStatisticRanks((int)Math.Min(n, int.MaxValue), p, 0.025);
        var low = l - sketch.MaxRankError;
        var high = u + sketch.MaxRankError;
        var interval = new Interval(sketch.AtRank(Math.Clamp(low, 1, n)), sketch.AtRank(Math.Clamp(high, 1, n)));
        return interval with { LowUnbounded = low < 1 ? true : null, HighUnbounded = high > n ? true : null };
    }

    private static Interval Negate(Interval i) => new Interval(-i.Low, -i.High) { LowUnbounded = i.LowUnbounded, HighUnbounded = i.HighUnbounded };

    /// <summary>
    /// 1-based ranks (l, u) of the exact order-statistic interval on the p-quantile from n values, each tail at most
    /// <paramref name="tail"/>: l is the largest rank with P(B ≤ l − 1) ≤ tail (0 when none), u the smallest with
    /// P(B ≥ u) ≤ tail (n + 1 when none), B ~ Binomial(n, p).
    /// </summary>
    public static (int Low, int High) OrderStatisticRanks(int n, double p, double tail)
    {
        // The binomial pmf around its mode, by the ratio recurrence, until terms vanish next to the peak.
        var mode = Math.Clamp((int)Math.Floor((n + 1) * p), 0, n);
        var ratio = p / (1 - p);
        var from = mode;
        var to = mode;
        var left = new List<double> { 1.0 };
        var right = new List<double>();
        var v = 1.0;
        for (var k = mode; k > 0; k--)
        {
            v *= k / ((n - k + 1) * ratio); // pmf(k − 1) / pmf(k)
            if (v < 1e-18)
            {
                break;
            }

            left.Add(v);
            from = k - 1;
        }

        v = 1.0;
        for (var k = mode; k < n; k++)
        {
            v *= (n - k) / (k + 1.0) * ratio; // pmf(k + 1) / pmf(k)
            if (v < 1e-18)
            {
                break;
            }

            right.Add(v);
            to = k + 1;
        }

        var pmf = new double[to - from + 1];
        for (var i = 0; i < left.Count; i++)
        {
            pmf[mode - i - from] = left[i];
        }

        for (var i = 0; i < right.Count; i++)
        {
            pmf[mode + 1 + i - from] = right[i];
        }

        var total = 0.0;
        foreach (var x in pmf)
        {
            total += x;
        }

        // l: largest r with CDF(r − 1) ≤ tail; CDF(k) = P(B ≤ k), zero below the window.
        var lowRank = from; // CDF(from − 1) ≈ 0, so rank `from` qualifies
        var cdf = 0.0;
        for (var k = from; k <= to; k++)
        {
            cdf += pmf[k - from] / total;
            if (cdf <= tail)
            {
                lowRank = k + 1;
            }
            else
            {
                break;
            }
        }

        // u: smallest r with P(B ≥ r) ≤ tail; P(B ≥ to + 1) ≈ 0.
        var highRank = to + 1;
        var upper = 0.0;
        for (var k = to; k >= from; k--)
        {
            upper += pmf[k - from] / total; // P(B ≥ k)
            if (upper <= tail)
            {
                highRank = k;
            }
            else
            {
                break;
            }
        }

        return (lowRank, highRank);
    }
}
