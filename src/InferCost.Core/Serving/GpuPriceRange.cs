namespace InferCost.Serving;

/// <summary>A range of rental prices in USD per GPU-hour.</summary>
/// <param name="Low">The lowest price seen.</param>
/// <param name="High">The highest price seen.</param>
public sealed record GpuPriceRange(decimal Low, decimal High)
{
    /// <summary>Gets the lowest price seen.</summary>
    public decimal Low { get; } = Low >= 0 && Low <= High ? Low : throw new ArgumentOutOfRangeException(nameof(Low), "need 0 <= low <= high");

    /// <summary>Gets the highest price seen.</summary>
    public decimal High { get; } = High;

    /// <inheritdoc/>
    public override string ToString() => $"${Low:0.00}-${High:0.00}/GPU-h";
}

/// <summary>Typical rental prices for a GPU, with where they come from.</summary>
/// <param name="OnDemand">On-demand price range.</param>
/// <param name="Reserved">Reserved (committed) price range.</param>
/// <param name="Source">Where the prices were read.</param>
/// <param name="AsOf">When they were read.</param>
public sealed record GpuPricing(GpuPriceRange OnDemand, GpuPriceRange Reserved, string Source, DateOnly AsOf);
