using InferCost.Errors;

namespace InferCost.Serving;

/// <summary>Relative load for each hour of the day; sizing for the peak hour needs the peak-to-mean ratio.</summary>
public sealed record DiurnalLoadCurve
{
    /// <summary>Initializes a new instance of the <see cref="DiurnalLoadCurve"/> class.</summary>
    /// <param name="hourlyLoad">24 non-negative relative loads, hour 0 first; at least one positive.</param>
    /// <exception cref="InferCostException">Not 24 values, a negative value, or all zero.</exception>
    public DiurnalLoadCurve(IReadOnlyList<double> hourlyLoad)
    {
        ArgumentNullException.ThrowIfNull(hourlyLoad);
        if (hourlyLoad.Count != 24 || hourlyLoad.Any(v => v < 0 || !double.IsFinite(v)) || hourlyLoad.All(v => v == 0))
        {
            throw new InferCostException("a load curve needs 24 non-negative hourly values, at least one positive");
        }

        HourlyLoad = hourlyLoad.ToArray();
    }

    /// <summary>Gets a flat curve: the same load every hour.</summary>
    public static DiurnalLoadCurve Flat { get; } = new(Enumerable.Repeat(1.0, 24).ToArray());

    /// <summary>Gets the relative load per hour.</summary>
    public IReadOnlyList<double> HourlyLoad { get; }

    /// <summary>Gets the peak hour's load over the mean load.</summary>
    public double PeakToMean => HourlyLoad.Max() / HourlyLoad.Average();

    /// <summary>Gets the average share of peak capacity in use over a day (mean / peak).</summary>
    public double AverageUtilizationOfPeak => 1.0 / PeakToMean;
}
