namespace InferCost.Serving;

/// <summary>
/// A deployment in steady state with <see cref="ConcurrentSequences"/> requests in flight (continuous batching):
/// each cycle prefills that many prompts and decodes their outputs.
/// </summary>
/// <param name="ConcurrentSequences">Requests in flight (the decode batch).</param>
/// <param name="OutputTokensPerSecond">Generated tokens per second, whole deployment.</param>
/// <param name="InputTokensPerSecond">Prompt tokens per second, whole deployment.</param>
/// <param name="TokensPerUserPerSecond">Generated tokens per second each user sees.</param>
/// <param name="TimeToFirstTokenMs">Approximate time to first token: one prompt's prefill plus one decode step.</param>
/// <param name="PrefillShare">Share of GPU time spent in prefill (the rest decodes).</param>
/// <param name="DecodeStepMs">Milliseconds per decode step at this batch.</param>
public sealed record ServingOperatingPoint(
    int ConcurrentSequences,
    double OutputTokensPerSecond,
    double InputTokensPerSecond,
    double TokensPerUserPerSecond,
    double TimeToFirstTokenMs,
    double PrefillShare,
    double DecodeStepMs);
