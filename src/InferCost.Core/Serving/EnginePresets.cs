using InferCost.Errors;

namespace InferCost.Serving;

/// <summary>
/// Efficiency presets per inference engine. Each preset's numbers were fitted (<c>infercost perf calibrate</c>, least
/// squares on log error) to the published measurements of that engine in catalog/serving-calibration.yaml; where an
/// engine has too few published points, the preset starts from the nearest engine's and changes only what its
/// documentation says differs. docs/calibration.md lists the sources and the fit errors.
/// </summary>
public static class EnginePresets
{
    /// <summary>
    /// TensorRT-LLM (current, in-flight batching, CUDA graphs, XQA grouped-query decode kernels, FP8 context FMHA, chunked
    /// context): fitted to NVIDIA NIM 1.8.0 single-stream points (TensorRT-LLM backend) and carried over from the 2023
    /// TensorRT-LLM fit for the large-batch terms.
    /// </summary>
    public static EnginePreset Trtllm { get; } = new(
        "trtllm",
        "TensorRT-LLM (in-flight batching, CUDA graphs, XQA, FP8 FMHA)",
        new EfficiencyFactors
        {
            MemoryBandwidth = 0.842,
            BandwidthHalfSaturationMegabytes = 1.01,
            Bf16Compute = 0.65,
            Fp8Compute = 0.52,
            AttentionCompute = 0.49,
            Fp8Attention = true,
            DecodeOverheadPerLayerMicroseconds = 49.7,
            DecodeOverheadPerSequenceMicroseconds = 6.0,
            PrefillOverheadPerLayerMicroseconds = 87.2,
            AllReduceLatencyMicroseconds = 16.6,
            DecodeAllReduceLatencyMicroseconds = 13.2,
            InterconnectBandwidth = 0.8,
            KvReadHalfEfficiencyTokens = 217_600,
            SharedKvReadsInDecode = true,
            ChunkedPrefill = true,
        },
        "NIM 1.8.0 benchmarks (docs.nvidia.com/nim/benchmarking/llm/1.0.0/performance); TensorRT-LLM docs: XQA kernels, FP8 context FMHA, CUDA graphs");

    /// <summary>TensorRT-LLM v0.5–v0.9 gptSessionBenchmark (2023–24, static batching, no XQA by default): the original calibration set.</summary>
    public static EnginePreset Trtllm2023 { get; } = new(
        "trtllm-2023",
        "TensorRT-LLM v0.5-v0.9 static batching (2023-24)",
        new EfficiencyFactors
        {
            MemoryBandwidth = 0.95,
            BandwidthHalfSaturationMegabytes = 0.27,
            Bf16Compute = 0.666,
            Fp8Compute = 0.519,
            AttentionCompute = 0.926,
            Fp8Attention = false,
            DecodeOverheadPerLayerMicroseconds = 53.0,
            DecodeOverheadPerSequenceMicroseconds = 18.7,
            PrefillOverheadPerLayerMicroseconds = 148.5,
            AllReduceLatencyMicroseconds = 49.2,
            DecodeAllReduceLatencyMicroseconds = 10.3,
            InterconnectBandwidth = 0.78,
            KvReadHalfEfficiencyTokens = 1_745_000,
            SharedKvReadsInDecode = false,
            ChunkedPrefill = false,
        },
        "TensorRT-LLM performance.md v0.5.0, v0.6.1, v0.9.0 (github.com/NVIDIA/TensorRT-LLM)");

    /// <summary>vLLM (V1 engine: CUDA graphs, FlashAttention/FlashInfer paged attention with split-KV decode, chunked prefill).</summary>
    public static EnginePreset Vllm { get; } = new(
        "vllm",
        "vLLM (CUDA graphs, paged FlashAttention/FlashInfer, chunked prefill)",
        new EfficiencyFactors
        {
            MemoryBandwidth = 0.822,
            BandwidthHalfSaturationMegabytes = 1.02,
            Bf16Compute = 0.65,
            Fp8Compute = 0.55,
            AttentionCompute = 0.5,
            Fp8Attention = false,
            DecodeOverheadPerLayerMicroseconds = 85.9,
            DecodeOverheadPerSequenceMicroseconds = 8.1,
            PrefillOverheadPerLayerMicroseconds = 140,
            AllReduceLatencyMicroseconds = 20,
            DecodeAllReduceLatencyMicroseconds = 10,
            InterconnectBandwidth = 0.8,
            KvReadHalfEfficiencyTokens = 171_600,
            SharedKvReadsInDecode = true,
            ChunkedPrefill = true,
        },
        "vLLM 0.4.2 batch-1 decode steps at 1k and 200k tokens (github.com/InternLM/lmdeploy/issues/1608); vLLM docs: CUDA graphs, chunked prefill on by default in V1");

    /// <summary>SGLang (CUDA graphs, FlashInfer attention, chunked prefill, overlap scheduler): vLLM's fit with less per-sequence CPU time.</summary>
    public static EnginePreset Sglang { get; } = new(
        "sglang",
        "SGLang (CUDA graphs, FlashInfer, overlap scheduler)",
        Vllm.Factors with { DecodeOverheadPerSequenceMicroseconds = 4 },
        "SGLang docs: CUDA graphs, FlashInfer backend, zero-overhead (overlap) batch scheduler hides CPU scheduling behind GPU work; starts from the vllm preset");

    /// <summary>Plain PyTorch with torch.compile and CUDA graphs (gpt-fast), batch-1 oriented; no chunked prefill.</summary>
    public static EnginePreset Pytorch { get; } = new(
        "pytorch",
        "PyTorch torch.compile + CUDA graphs (gpt-fast)",
        new EfficiencyFactors
        {
            MemoryBandwidth = 0.709,
            BandwidthHalfSaturationMegabytes = 1.07,
            Bf16Compute = 0.65,
            Fp8Compute = 0.55,
            AttentionCompute = 0.5,
            Fp8Attention = false,
            DecodeOverheadPerLayerMicroseconds = 82.3,
            DecodeOverheadPerSequenceMicroseconds = 9.3,
            PrefillOverheadPerLayerMicroseconds = 142.4,
            AllReduceLatencyMicroseconds = 12.3,
            DecodeAllReduceLatencyMicroseconds = 1.44,
            InterconnectBandwidth = 0.82,
            KvReadHalfEfficiencyTokens = 37_200,
            SharedKvReadsInDecode = true,
            ChunkedPrefill = false,
        },
        "gpt-fast README (github.com/pytorch-labs/gpt-fast at 0f925b5 and 056f8fb): Llama 2 7B/70B and Mixtral batch 1, BF16/INT8/INT4, TP 1-8 on A100");

    /// <summary>LMDeploy TurboMind (persistent batch, CUDA kernels in C++), as published for v0.1 and v0.4.</summary>
    public static EnginePreset Lmdeploy { get; } = new(
        "lmdeploy",
        "LMDeploy TurboMind",
        new EfficiencyFactors
        {
            MemoryBandwidth = 0.823,
            BandwidthHalfSaturationMegabytes = 1.78,
            Bf16Compute = 0.785,
            Fp8Compute = 0.55,
            AttentionCompute = 0.111,
            Fp8Attention = false,
            DecodeOverheadPerLayerMicroseconds = 45.5,
            DecodeOverheadPerSequenceMicroseconds = 77.1,
            PrefillOverheadPerLayerMicroseconds = 246.1,
            AllReduceLatencyMicroseconds = 15.4,
            DecodeAllReduceLatencyMicroseconds = 45.2,
            InterconnectBandwidth = 0.287,
            KvReadHalfEfficiencyTokens = 43_540,
            SharedKvReadsInDecode = true,
            ChunkedPrefill = false,
        },
        "LMDeploy v0.1.0a1 A100 FP16 profile_generation tables; LMDeploy 0.4.1 user report in issue #1608");

    /// <summary>Gets the preset used when none is named (<c>vllm</c>).</summary>
    public static EnginePreset Default => Vllm;

    /// <summary>Gets every preset.</summary>
    public static IReadOnlyList<EnginePreset> All { get; } = [Vllm, Sglang, Trtllm, Pytorch, Trtllm2023, Lmdeploy];

    /// <summary>The preset named <paramref name="id"/> (case-insensitive).</summary>
    /// <exception cref="InferCostException">No preset has that id.</exception>
    public static EnginePreset Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return All.FirstOrDefault(p => string.Equals(p.Id, id.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new InferCostException($"unknown engine '{id}': use {string.Join(", ", All.Select(p => p.Id))}");
    }
}
