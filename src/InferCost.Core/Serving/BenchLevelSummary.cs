using InferCost.Errors;

namespace InferCost.Serving;

/// <summary>Measurements at one concurrency level, turned into cost per 1M tokens at a GPU price.</summary>
/// <param name="Concurrency">Requests kept in flight.</param>
/// <param name="Requests">Requests completed.</param>
/// <param name="TtftP50Ms">Median time to first token.</param>
/// <param name="TtftP95Ms">95th-percentile time to first token.</param>
/// <param name="ItlP50Ms">Median inter-token latency.</param>
/// <param name="ItlP95Ms">95th-percentile inter-token latency.</param>
/// <param name="OutputTokensPerSecond">Generated tokens per second, all requests together, over the level's wall time.</param>
/// <param name="InputTokensPerSecond">Prompt tokens per second over the level's wall time.</param>
/// <param name="TokensPerUserPerSecond">Median decode speed one request saw (1000 / median ITL).</param>
/// <param name="CostPerMillionOutputTokens">USD per 1M generated tokens at the GPU price (all GPU time charged to output).</param>
public sealed record BenchLevelSummary(
    int Concurrency,
    int Requests,
    double TtftP50Ms,
    double TtftP95Ms,
    double ItlP50Ms,
    double ItlP95Ms,
    double OutputTokensPerSecond,
    double InputTokensPerSecond,
    double TokensPerUserPerSecond,
    decimal? CostPerMillionOutputTokens)
{
    /// <summary>Summarises <paramref name="samples"/> measured over <paramref name="wallSeconds"/>.</summary>
    /// <param name="concurrency">Requests kept in flight.</param>
    /// <param name="samples">One sample per completed request.</param>
    /// <param name="wallSeconds">Seconds from the first request sent to the last stream ended.</param>
    /// <param name="gpus">GPUs behind the server (for cost).</param>
    /// <param name="gpuHourPrice">USD per GPU-hour, or <see langword="null"/> for no cost.</param>
    /// <exception cref="InferCostException">No request completed.</exception>
    public static BenchLevelSummary Summarize(int concurrency, IReadOnlyList<BenchSample> samples, double wallSeconds, int gpus, decimal? gpuHourPrice)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0 || wallSeconds <= 0)
        {
            throw new InferCostException($"no request completed at concurrency {concurrency}");
        }

        var ttft = samples.Select(s => s.TimeToFirstTokenMs).ToArray();
        var itl = samples.SelectMany(s => s.InterTokenLatenciesMs).ToArray();
        var output = samples.Sum(s => (double)s.OutputTokens) / wallSeconds;
        var input = samples.Sum(s => (double)s.InputTokens) / wallSeconds;
        var itl50 = Percentiles.Of(itl, 0.50);
        decimal? cost = gpuHourPrice is { } price && output > 0
            ? Math.Round((decimal)((double)(price * gpus) / 3600.0 / output * 1e6), 6)
            : null;
        return new BenchLevelSummary(
            concurrency,
            samples.Count,
            Percentiles.Of(ttft, 0.50),
            Percentiles.Of(ttft, 0.95),
            itl50,
            Percentiles.Of(itl, 0.95),
            output,
            input,
            itl50 > 0 ? 1000.0 / itl50 : 0,
            cost);
    }
}

/// <summary>Percentiles by linear interpolation between closest ranks.</summary>
public static class Percentiles
{
    /// <summary>The <paramref name="q"/> quantile (0–1) of <paramref name="values"/>; 0 when empty.</summary>
    public static double Of(IReadOnlyCollection<double> values, double q)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        var rank = q * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}
