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

    /// <summary>Parses 24 comma-separated relative loads, e.g. <c>0.3,0.2,…,1,0.9</c>.</summary>
    /// <exception cref="InferCostException">Not 24 non-negative numbers.</exception>
    public static DiurnalLoadCurve Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v))
            {
                throw new InferCostException($"--load-curve: '{part}' is not a number; expected 24 comma-separated hourly loads");
            }

            values.Add(v);
        }

        return new DiurnalLoadCurve(values);
    }

    /// <summary>
    /// Replicas per hour when the fleet follows this curve (scaled each hour), for users averaging
    /// <paramref name="meanConcurrentUsers"/> over the day.
    /// </summary>
    /// <param name="meanConcurrentUsers">Concurrent users averaged over the 24 hours.</param>
    /// <param name="usersPerReplica">Users one replica serves.</param>
    /// <param name="utilizationTarget">Share of a replica's capacity to plan on, (0, 1].</param>
    public IReadOnlyList<long> ReplicasByHour(decimal meanConcurrentUsers, int usersPerReplica, decimal utilizationTarget)
    {
        var mean = HourlyLoad.Average();
        return [.. HourlyLoad.Select(load => (long)Math.Ceiling(meanConcurrentUsers * (decimal)(load / mean) / (usersPerReplica * utilizationTarget)))];
    }
}
