namespace InferCost.UsageAnalytics;

/// <summary>A positive quantity fitted as a log-normal by its median and 90th percentile.</summary>
/// <param name="Median">The median.</param>
/// <param name="P90">The 90th percentile (≥ median).</param>
/// <param name="Samples">How many observations the fit used.</param>
public sealed record LogNormalFit(double Median, double P90, long Samples)
{
    private const double Z90 = 1.2815515655446004;

    /// <summary>Gets μ of the underlying normal (ln median).</summary>
    public double Mu => Math.Log(Math.Max(Median, double.Epsilon));

    /// <summary>Gets σ of the underlying normal, from ln(p90 / median) / z₀.₉.</summary>
    public double Sigma => Median <= 0 ? 0 : Math.Log(Math.Max(P90, Median) / Median) / Z90;

    /// <summary>Fits from observations (their median and 90th percentile, linear interpolation); empty gives zeros.</summary>
    public static LogNormalFit From(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return new LogNormalFit(0, 0, 0);
        }

        var sorted = values.Order().ToArray();
        return new LogNormalFit(Quantile(sorted, 0.5), Quantile(sorted, 0.9), sorted.Length);
    }

    /// <summary>The <paramref name="q"/> quantile of sorted values (linear interpolation between order statistics).</summary>
    public static double Quantile(double[] sorted, double q)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
