namespace InferCost.Serving;

/// <summary>
/// Achieved-versus-peak factors and fixed costs the performance model applies to datasheet numbers.
/// <see cref="Calibrated"/> holds the current-engine defaults; <see cref="EnginePresets"/> holds one set per engine,
/// each fitted to that engine's published measurements (docs/calibration.md).
/// </summary>
public sealed record EfficiencyFactors
{
    /// <summary>
    /// The factors of a current engine with CUDA graphs, paged/flash-decoding attention and chunked prefill
    /// (the <c>vllm</c> preset, see <see cref="EnginePresets"/>).
    /// </summary>
    public static EfficiencyFactors Calibrated => EnginePresets.Default.Factors;

    /// <summary>Gets the most of peak memory bandwidth a decode step achieves on large transfers.</summary>
    public double MemoryBandwidth { get; init; } = 0.85;

    /// <summary>
    /// Gets the bytes one GPU moves per layer per step, in MB, at which the achieved bandwidth is half of
    /// <see cref="MemoryBandwidth"/>: η(x) = η_max · x / (x + x₀). Small per-kernel transfers (a small model split over
    /// many GPUs) do not saturate HBM. 0 turns the effect off.
    /// </summary>
    public double BandwidthHalfSaturationMegabytes { get; init; }

    /// <summary>Gets the share of peak BF16/FP16 FLOP/s matrix math achieves.</summary>
    public double Bf16Compute { get; init; } = 0.65;

    /// <summary>Gets the share of peak FP8/INT8 FLOP/s matrix math achieves.</summary>
    public double Fp8Compute { get; init; } = 0.50;

    /// <summary>Gets the share of peak FLOP/s attention kernels achieve (at the KV cache's precision where the engine has FP8 attention).</summary>
    public double AttentionCompute { get; init; } = 0.50;

    /// <summary>Gets whether prefill attention runs at the FP8 tensor peak when the KV cache is FP8 (FP8 context FMHA).</summary>
    public bool Fp8Attention { get; init; }

    /// <summary>Gets the fixed time per layer per decode step (kernel launches, norms), in microseconds; CUDA graphs shrink it.</summary>
    public double DecodeOverheadPerLayerMicroseconds { get; init; } = 75;

    /// <summary>Gets the time per sequence per decode step (sampling, scheduling, bookkeeping), in microseconds.</summary>
    public double DecodeOverheadPerSequenceMicroseconds { get; init; }

    /// <summary>Gets the fixed time per layer per prefill pass, in microseconds.</summary>
    public double PrefillOverheadPerLayerMicroseconds { get; init; } = 140;

    /// <summary>Gets the latency of one tensor-parallel all-reduce in a prefill pass, in microseconds.</summary>
    public double AllReduceLatencyMicroseconds { get; init; } = 40;

    /// <summary>
    /// Gets the latency of one tensor-parallel all-reduce in a decode step, in microseconds: decode all-reduces are tiny,
    /// so synchronisation across GPUs, not bandwidth, sets their cost.
    /// </summary>
    public double DecodeAllReduceLatencyMicroseconds { get; init; } = 20;

    /// <summary>
    /// Gets the share of the per-direction link bandwidth (half the catalog's bidirectional figure: 450 GB/s on NVLink 4)
    /// a ring all-reduce achieves.
    /// </summary>
    public double InterconnectBandwidth { get; init; } = 0.80;

    /// <summary>
    /// Gets the tokens of context per sequence at which decode attention reads the KV cache at half of
    /// <see cref="MemoryBandwidth"/> at batch 1: η_kv = η / (1 + L / (B · L½)). Attention over one long sequence has
    /// too few thread blocks to fill the GPU unless the kernel splits the sequence (flash-decoding), which raises L½.
    /// <see cref="double.PositiveInfinity"/> turns the effect off.
    /// </summary>
    public double KvReadHalfEfficiencyTokens { get; init; } = double.PositiveInfinity;

    /// <summary>
    /// Gets whether decode attention reads each KV head once for its whole query group (grouped-query kernels such as
    /// FlashInfer or TensorRT-LLM XQA). When <see langword="false"/>, every query head reads its KV head again, so GQA
    /// saves memory but not bandwidth: how the 2023 TensorRT-LLM releases in the calibration data behaved.
    /// </summary>
    public bool SharedKvReadsInDecode { get; init; } = true;

    /// <summary>
    /// Gets the share of GPU memory the engine may use for weights and KV cache (vLLM's <c>gpu_memory_utilization</c>,
    /// default 0.90); the rest is left for activations, workspace and the runtime.
    /// </summary>
    public double MemoryUtilization { get; init; } = 0.90;

    /// <summary>Gets whether the engine mixes prompt chunks into decode steps (chunked prefill), so the weights are read once for both.</summary>
    public bool ChunkedPrefill { get; init; } = true;

    /// <summary>Share of peak FLOP/s matrix math achieves in <paramref name="precision"/>.</summary>
    public double ComputeFor(Precision precision) => precision is Precision.Fp8 or Precision.Int8 or Precision.Fp4 ? Fp8Compute : Bf16Compute;

    /// <summary>Achieved memory bandwidth share when one GPU moves <paramref name="bytesPerLayerPerGpu"/> bytes per layer.</summary>
    public double BandwidthFor(double bytesPerLayerPerGpu)
    {
        if (BandwidthHalfSaturationMegabytes <= 0)
        {
            return MemoryBandwidth;
        }

        var mb = bytesPerLayerPerGpu / 1e6;
        return MemoryBandwidth * mb / (mb + BandwidthHalfSaturationMegabytes);
    }
}
