using InferCost.Errors;

namespace InferCost.Serving;

/// <summary>What a deployment must serve: request shape and the speed each user must see.</summary>
public sealed record ServingWorkload
{
    /// <summary>Initializes a new instance of the <see cref="ServingWorkload"/> class.</summary>
    /// <param name="inputTokens">Prompt tokens per request (ISL).</param>
    /// <param name="outputTokens">Generated tokens per request (OSL).</param>
    /// <param name="minTokensPerUserPerSecond">The decode speed each user must see, or <see langword="null"/> for maximum throughput.</param>
    /// <param name="maxTimeToFirstTokenMs">The time-to-first-token target, or <see langword="null"/> for none.</param>
    /// <exception cref="InferCostException">A length or target is not positive.</exception>
    public ServingWorkload(int inputTokens, int outputTokens, double? minTokensPerUserPerSecond = null, double? maxTimeToFirstTokenMs = null)
    {
        if (inputTokens < 1 || outputTokens < 1)
        {
            throw new InferCostException($"--isl and --osl must be at least 1 (got {inputTokens} and {outputTokens})");
        }

        if (minTokensPerUserPerSecond is <= 0 || maxTimeToFirstTokenMs is <= 0)
        {
            throw new InferCostException("--tok-per-user and --ttft-ms must be positive");
        }

        InputTokens = inputTokens;
        OutputTokens = outputTokens;
        MinTokensPerUserPerSecond = minTokensPerUserPerSecond;
        MaxTimeToFirstTokenMs = maxTimeToFirstTokenMs;
    }

    /// <summary>Gets the prompt tokens per request.</summary>
    public int InputTokens { get; }

    /// <summary>Gets the generated tokens per request.</summary>
    public int OutputTokens { get; }

    /// <summary>Gets the decode speed each user must see, if any.</summary>
    public double? MinTokensPerUserPerSecond { get; }

    /// <summary>Gets the time-to-first-token target, if any.</summary>
    public double? MaxTimeToFirstTokenMs { get; }
}
