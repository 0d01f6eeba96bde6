namespace InferCost.Serving;

/// <summary>One GPU model's datasheet numbers the serving model needs.</summary>
public sealed record GpuSpec
{
    /// <summary>Gets the catalog id, e.g. <c>h100-sxm</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the display name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets other ids the GPU answers to (<c>h100</c> for <c>h100-sxm</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Gets the memory per GPU in GB (10^9 bytes).</summary>
    public required double MemoryGb { get; init; }

    /// <summary>Gets the peak memory bandwidth in GB/s.</summary>
    public required double MemoryBandwidthGbPerSecond { get; init; }

    /// <summary>Gets the dense BF16 tensor throughput in TFLOP/s.</summary>
    public required double Bf16Tflops { get; init; }

    /// <summary>Gets the dense FP8 tensor throughput in TFLOP/s, or <see langword="null"/> without FP8 tensor cores.</summary>
    public double? Fp8Tflops { get; init; }

    /// <summary>Gets the dense FP4 tensor throughput in TFLOP/s, or <see langword="null"/> without FP4 tensor cores.</summary>
    public double? Fp4Tflops { get; init; }

    /// <summary>Gets the dense INT8 tensor throughput in TOP/s, when listed.</summary>
    public double? Int8Tops { get; init; }

    /// <summary>Gets the GPU-to-GPU link, in words.</summary>
    public string Interconnect { get; init; } = "";

    /// <summary>Gets the GPU-to-GPU bandwidth per GPU in GB/s, both directions together (NVLink 4: 900, i.e. 450 each way).</summary>
    public required double InterconnectGbPerSecond { get; init; }

    /// <summary>Gets typical rental prices, when a sourced figure exists.</summary>
    public GpuPricing? Pricing { get; init; }

    /// <summary>Gets where the specs come from.</summary>
    public required string Source { get; init; }

    /// <summary>Gets when the specs were read.</summary>
    public DateOnly AsOf { get; init; }

    /// <summary>Peak dense matrix throughput in FLOP/s for math done in <paramref name="precision"/>.</summary>
    /// <remarks>FP8, FP4 and INT8 use their tensor cores where the GPU has them (FP4 falls back to FP8); INT4 is weight-only and runs at BF16 rate.</remarks>
    public double PeakFlops(Precision precision) => 1e12 * precision switch
    {
        Precision.Fp8 => Fp8Tflops ?? Bf16Tflops,
        Precision.Int8 => Int8Tops ?? Bf16Tflops,
        Precision.Fp4 => Fp4Tflops ?? Fp8Tflops ?? Bf16Tflops,
        _ => Bf16Tflops,
    };

    /// <summary>Gets the memory per GPU in bytes.</summary>
    public double MemoryBytes => MemoryGb * 1e9;

    /// <summary>Gets the GPU-to-GPU bandwidth in one direction, bytes per second: what a ring all-reduce can use.</summary>
    public double InterconnectBytesPerSecondPerDirection => InterconnectGbPerSecond * 1e9 / 2.0;

    /// <summary>Gets the peak memory bandwidth in bytes per second.</summary>
    public double MemoryBandwidthBytesPerSecond => MemoryBandwidthGbPerSecond * 1e9;

    /// <summary>Whether <paramref name="id"/> is this GPU's id or one of its aliases (case-insensitive).</summary>
    public bool AnswersTo(string id) =>
        string.Equals(Id, id, StringComparison.OrdinalIgnoreCase)
        || Aliases.Any(a => string.Equals(a, id, StringComparison.OrdinalIgnoreCase));
}
