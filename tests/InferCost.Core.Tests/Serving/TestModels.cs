using InferCost.Serving;

namespace InferCost.Core.Tests.Serving;

/// <summary>Catalog entries copied for Core tests (Core cannot read catalog files).</summary>
internal static class TestModels
{
    public static ModelArchitecture Llama31_8B { get; } = new()
    {
        Id = "llama-3.1-8b", Name = "Llama 3.1 8B", Parameters = 8.03e9, ActiveParameters = 8.03e9, Layers = 32, HiddenSize = 4096,
        AttentionHeads = 32, KvHeads = 8, HeadDim = 128, FfnSize = 14336, VocabSize = 128256,
    };

    public static ModelArchitecture Llama31_70B { get; } = new()
    {
        Id = "llama-3.1-70b", Name = "Llama 3.1 70B", Parameters = 70.6e9, ActiveParameters = 70.6e9, Layers = 80, HiddenSize = 8192,
        AttentionHeads = 64, KvHeads = 8, HeadDim = 128, FfnSize = 28672, VocabSize = 128256,
    };

    public static ModelArchitecture Qwen3_30B_A3B { get; } = new()
    {
        Id = "qwen3-30b-a3b", Name = "Qwen3 30B-A3B", Parameters = 30.5e9, ActiveParameters = 3.3e9, Layers = 48, HiddenSize = 2048,
        AttentionHeads = 32, KvHeads = 4, HeadDim = 128, FfnSize = 6144, VocabSize = 151936, Experts = 128, ActiveExperts = 8, MoeFfnSize = 768,
    };

    public static ModelArchitecture DeepSeekV3 { get; } = new()
    {
        Id = "deepseek-v3", Name = "DeepSeek-V3", Parameters = 671e9, ActiveParameters = 37e9, Layers = 61, HiddenSize = 7168,
        AttentionHeads = 128, KvHeads = 128, HeadDim = 192, FfnSize = 18432, VocabSize = 129280, Attention = AttentionType.Mla,
        KvLoraRank = 512, QkRopeHeadDim = 64, Experts = 256, ActiveExperts = 8, MoeFfnSize = 2048, MoeLayers = 58,
    };

    public static GpuSpec H100 { get; } = new()
    {
        Id = "h100-sxm", Name = "H100 SXM", Aliases = ["h100"], MemoryGb = 80, MemoryBandwidthGbPerSecond = 3350, Bf16Tflops = 989,
        Fp8Tflops = 1979, Int8Tops = 1979, InterconnectGbPerSecond = 900, Source = "test",
    };

    public static GpuSpec A100 { get; } = new()
    {
        Id = "a100-80gb", Name = "A100 80GB", Aliases = ["a100"], MemoryGb = 80, MemoryBandwidthGbPerSecond = 2039, Bf16Tflops = 312,
        Int8Tops = 624, InterconnectGbPerSecond = 600, Source = "test",
    };
}
