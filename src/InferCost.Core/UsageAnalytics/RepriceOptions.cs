using System.Collections.Immutable;

namespace InferCost.UsageAnalytics;

/// <summary>What-ifs applied when the same traffic is priced on another model.</summary>
public sealed record RepriceOptions
{
    /// <summary>Gets no what-ifs: the traffic as it was.</summary>
    public static RepriceOptions None { get; } = new();

    /// <summary>
    /// Gets the share of input tokens read from the prompt cache on the alternative (0–1), or <see langword="null"/>
    /// to keep each record's own cache reads. Cache reads become ⌊input × R⌋; cache writes are kept where they still fit.
    /// </summary>
    public decimal? CacheHit { get; init; }

    /// <summary>
    /// Gets the share of traffic sent through the batch API on the alternative (0–1), or <see langword="null"/> to keep
    /// each record's own batch flag. Token prices are multiplied by <c>1 − S + S × batch multiplier</c>.
    /// </summary>
    public decimal? BatchShare { get; init; }

    /// <summary>
    /// Gets output-token efficiency factors by alternative model id: a model that needs 0.8× the output tokens for the
    /// same task has factor 0.8 (output and reasoning tokens are multiplied by it). Absent means 1.
    /// </summary>
    public ImmutableDictionary<string, decimal> Efficiency { get; init; } = ImmutableDictionary<string, decimal>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A share is outside 0–1 or a factor is not positive.</exception>
    public void Validate()
    {
        if (CacheHit is < 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(CacheHit), CacheHit, "The cache hit rate must be between 0 and 1.");
        }

        if (BatchShare is < 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchShare), BatchShare, "The batch share must be between 0 and 1.");
        }

        foreach (var (model, factor) in Efficiency)
        {
            if (factor <= 0m)
            {
                throw new ArgumentOutOfRangeException(nameof(Efficiency), factor, $"The efficiency factor of {model} must be positive.");
            }
        }
    }
}
