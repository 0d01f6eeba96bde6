namespace InferCost.Serving;

/// <summary>An inference engine's efficiency factors, with where they come from.</summary>
/// <param name="Id">The id used on the command line (<c>vllm</c>, <c>sglang</c>, <c>trtllm</c>, <c>pytorch</c>, ...).</param>
/// <param name="Name">What the preset describes, in words.</param>
/// <param name="Factors">The efficiency factors.</param>
/// <param name="Source">Which published measurements the factors were fitted to, and what the engine's documentation says about its kernels.</param>
public sealed record EnginePreset(string Id, string Name, EfficiencyFactors Factors, string Source);
