namespace InferCost.Serving;

/// <summary>A prefill pass over <see cref="Batch"/> prompts of <see cref="PromptTokens"/> tokens each.</summary>
/// <param name="Batch">Prompts processed together.</param>
/// <param name="PromptTokens">Tokens per prompt.</param>
/// <param name="Ms">Milliseconds for the pass.</param>
/// <param name="TokensPerSecond">Prompt tokens per second, all prompts together.</param>
/// <param name="Bound">Whether memory or compute limits the pass.</param>
/// <param name="KvMemoryGb">KV cache the prompts leave behind, GB, all GPUs together.</param>
/// <param name="WeightMemoryGb">Weights, GB, all GPUs together.</param>
/// <param name="MaxSequences">Sequences of this length that fit in memory.</param>
public sealed record PrefillEstimate(
    int Batch,
    int PromptTokens,
    double Ms,
    double TokensPerSecond,
    PerformanceBound Bound,
    double KvMemoryGb,
    double WeightMemoryGb,
    int MaxSequences);
