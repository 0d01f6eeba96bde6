namespace InferCost.Serving;

/// <summary>One decode step of <see cref="Batch"/> sequences each holding <see cref="Context"/> tokens.</summary>
/// <param name="Batch">Sequences decoding together.</param>
/// <param name="Context">Tokens of context each sequence holds.</param>
/// <param name="StepMs">Milliseconds per step (one new token for every sequence).</param>
/// <param name="TokensPerSecond">Tokens per second, all sequences together.</param>
/// <param name="Bound">Whether memory or compute limits the step.</param>
/// <param name="KvMemoryGb">KV cache the batch holds, GB, all GPUs together.</param>
/// <param name="WeightMemoryGb">Weights, GB, all GPUs together.</param>
/// <param name="MaxSequences">Sequences of this context that fit in memory.</param>
public sealed record DecodeEstimate(
    int Batch,
    int Context,
    double StepMs,
    double TokensPerSecond,
    PerformanceBound Bound,
    double KvMemoryGb,
    double WeightMemoryGb,
    int MaxSequences)
{
    /// <summary>Gets tokens per second each sequence sees.</summary>
    public double TokensPerSecondPerSequence => TokensPerSecond / Batch;
}
