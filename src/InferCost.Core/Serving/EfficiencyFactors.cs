namespace InferCost.Serving;

/// <summary>
/// Achieved-versus-peak factors and fixed costs the performance model applies to datasheet numbers.
/// <see cref="Calibrated"/> holds the values fitted to the published measurements in docs/calibration.md.
/// </summary>
public sealed record EfficiencyFactors
{
    /// <summary>
    /// The factors fitted to the published measurements in catalog/serving-calibration.yaml
    /// (see docs/calibration.md for the fit and its errors).
    /// </summary>
    public static EfficiencyFactors Calibrated { get; } = new();

    /// <summary>Gets the share of peak memory bandwidth a decode step achieves reading weights and KV cache.</summary>
    public double MemoryBandwidth { get; init; } = 0.85;

    /// <summary>Gets the share of peak BF16/FP16 FLOP/s matrix math achieves.</summary>
    public double Bf16Compute { get; init; } = 0.65;

    /// <summary>Gets the share of peak FP8/INT8 FLOP/s matrix math achieves (lower: kernels reach less of the doubled peak).</summary>
    public double Fp8Compute { get; init; } = 0.50;

    /// <summary>Gets the share of peak FLOP/s attention kernels achieve.</summary>
    public double AttentionCompute { get; init; } = 0.50;

    /// <summary>Gets the fixed time per layer per decode step (kernel launches, norms, sampling), in microseconds.</summary>
    public double DecodeOverheadPerLayerMicroseconds { get; init; } = 75;

    /// <summary>Gets the fixed time per layer per prefill pass, in microseconds.</summary>
    public double PrefillOverheadPerLayerMicroseconds { get; init; } = 140;

    /// <summary>Gets the latency of one tensor-parallel all-reduce in a prefill pass, in microseconds.</summary>
    public double AllReduceLatencyMicroseconds { get; init; } = 40;

    /// <summary>
    /// Gets the latency of one tensor-parallel all-reduce in a decode step, in microseconds: decode all-reduces are tiny,
    /// so synchronisation across GPUs, not bandwidth, sets their cost.
    /// </summary>
    public double DecodeAllReduceLatencyMicroseconds { get; init; } = 20;

    /// <summary>Gets the share of peak interconnect bandwidth all-reduces achieve.</summary>
    public double InterconnectBandwidth { get; init; } = 0.70;

    /// <summary>
    /// Gets whether decode attention reads each KV head once for its whole query group (grouped-query kernels such as
    /// FlashInfer or TensorRT-LLM XQA). When <see langword="false"/>, every query head reads its KV head again, so GQA
    /// saves memory but not bandwidth: how the 2023 TensorRT-LLM releases in the calibration data behaved.
    /// </summary>
    public bool SharedKvReadsInDecode { get; init; } = true;

    /// <summary>Gets the share of GPU memory kept back for activations, workspace and the runtime.</summary>
    public double ReservedMemoryShare { get; init; } = 0.10;

    /// <summary>Share of peak FLOP/s matrix math achieves in <paramref name="precision"/>.</summary>
    public double ComputeFor(Precision precision) => precision is Precision.Fp8 or Precision.Int8 ? Fp8Compute : Bf16Compute;
}
