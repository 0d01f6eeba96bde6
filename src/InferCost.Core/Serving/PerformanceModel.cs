using InferCost.Errors;

namespace InferCost.Serving;

/// <summary>
/// A roofline model of LLM inference on GPUs: decode steps read the weights and every sequence's KV cache and do
/// 2 · active parameters FLOPs per sequence; prefill does 2 · active parameters FLOPs per prompt token plus attention
/// that grows with the square of the prompt; tensor parallelism adds two all-reduces per layer.
/// </summary>
public sealed class PerformanceModel
{
    /// <summary>Initializes a new instance of the <see cref="PerformanceModel"/> class.</summary>
    public PerformanceModel(EfficiencyFactors factors)
    {
        ArgumentNullException.ThrowIfNull(factors);
        Factors = factors;
    }

    /// <summary>Gets the model with the calibrated efficiency factors.</summary>
    public static PerformanceModel Calibrated { get; } = new(EfficiencyFactors.Calibrated);

    /// <summary>Gets the efficiency factors in use.</summary>
    public EfficiencyFactors Factors { get; }

    /// <summary>Bytes free for KV cache across the replica: (memory − reserve) · GPUs − weights.</summary>
    public double KvCapacityBytes(Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var usable = deployment.Gpu.MemoryBytes * (1.0 - Factors.ReservedMemoryShare) * deployment.GpuCount;
        return usable - deployment.Model.WeightBytes(deployment.WeightPrecision);
    }

    /// <summary>How many sequences of <paramref name="tokensPerSequence"/> tokens fit in the KV memory left after the weights.</summary>
    public int MaxSequences(Deployment deployment, int tokensPerSequence)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var free = KvCapacityBytes(deployment);
        if (free <= 0)
        {
            return 0;
        }

        var perSequence = deployment.Model.KvBytesPerToken(deployment.KvPrecision) * Math.Max(tokensPerSequence, 1);
        return (int)Math.Min(int.MaxValue, Math.Floor(free / perSequence));
    }

    /// <summary>One decode step of <paramref name="batch"/> sequences each holding <paramref name="context"/> tokens.</summary>
    /// <exception cref="InferCostException">The weights or the batch do not fit in memory.</exception>
    public DecodeEstimate Decode(Deployment deployment, int batch, int context)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ValidateShape(batch, context, "--context");
        var max = EnsureFits(deployment, batch, context);
        var (seconds, bound) = DecodeStep(deployment, batch, context);
        return new DecodeEstimate(
            batch,
            context,
            seconds * 1e3,
            batch / seconds,
            bound,
            KvGb(deployment, batch, context),
            deployment.Model.WeightBytes(deployment.WeightPrecision) / 1e9,
            max);
    }

    /// <summary>A prefill pass over <paramref name="batch"/> prompts of <paramref name="promptTokens"/> tokens.</summary>
    /// <exception cref="InferCostException">The weights or the batch do not fit in memory.</exception>
    public PrefillEstimate Prefill(Deployment deployment, int batch, int promptTokens)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ValidateShape(batch, promptTokens, "--context");
        var max = EnsureFits(deployment, batch, promptTokens);
        var (seconds, bound) = PrefillPass(deployment, batch, promptTokens);
        return new PrefillEstimate(
            batch,
            promptTokens,
            seconds * 1e3,
            (double)batch * promptTokens / seconds,
            bound,
            KvGb(deployment, batch, promptTokens),
            deployment.Model.WeightBytes(deployment.WeightPrecision) / 1e9,
            max);
    }

    /// <summary>
    /// Seconds for a static batch: prefill of <paramref name="batch"/> prompts of <paramref name="inputTokens"/> tokens, then
    /// <paramref name="outputTokens"/> decode steps with the context growing by one token a step.
    /// </summary>
    public double StaticBatchSeconds(Deployment deployment, int batch, int inputTokens, int outputTokens)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var total = PrefillPass(deployment, batch, inputTokens).Seconds;
        for (var k = 0; k < outputTokens; k++)
        {
            total += DecodeStep(deployment, batch, inputTokens + k).Seconds;
        }

        return total;
    }

    /// <summary>Seconds and bound of one decode step, without the memory-fit check.</summary>
    public (double Seconds, PerformanceBound Bound) DecodeStep(Deployment deployment, double batch, double context)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var model = deployment.Model;
        var gpu = deployment.Gpu;
        var n = deployment.GpuCount;

        var kvReadsPerStoredByte = Factors.SharedKvReadsInDecode || model.Attention != AttentionType.Gqa
            ? 1.0
            : (double)model.AttentionHeads / model.KvHeads;
        var bytes = model.WeightBytesRead(deployment.WeightPrecision, batch)
            + (batch * context * model.KvBytesPerToken(deployment.KvPrecision) * kvReadsPerStoredByte);
        var memorySeconds = bytes / (n * gpu.MemoryBandwidthBytesPerSecond * Factors.MemoryBandwidth);

        var computeSeconds = MathSeconds(deployment, batch, batch * model.AttentionFlopsPerContextToken * context);
        var seconds = Math.Max(memorySeconds, computeSeconds)
            + AllReduceSeconds(deployment, batch, Factors.DecodeAllReduceLatencyMicroseconds)
            + (model.Layers * Factors.DecodeOverheadPerLayerMicroseconds * 1e-6);
        return (seconds, memorySeconds >= computeSeconds ? PerformanceBound.Memory : PerformanceBound.Compute);
    }

    /// <summary>Seconds and bound of one prefill pass, without the memory-fit check.</summary>
    public (double Seconds, PerformanceBound Bound) PrefillPass(Deployment deployment, double batch, double promptTokens)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var model = deployment.Model;
        var gpu = deployment.Gpu;
        var n = deployment.GpuCount;
        var tokens = batch * promptTokens;

        // Causal attention: token i attends to i earlier tokens, so a prompt of L tokens costs about L²/2 context-token pairs.
        var attentionFlops = batch * model.AttentionFlopsPerContextToken * promptTokens * promptTokens / 2.0;
        var computeSeconds = MathSeconds(deployment, tokens, attentionFlops);
        var bytes = model.WeightBytesRead(deployment.WeightPrecision, tokens)
            + (tokens * model.KvBytesPerToken(deployment.KvPrecision));
        var memorySeconds = bytes / (n * gpu.MemoryBandwidthBytesPerSecond * Factors.MemoryBandwidth);
        var seconds = Math.Max(memorySeconds, computeSeconds)
            + AllReduceSeconds(deployment, tokens, Factors.AllReduceLatencyMicroseconds)
            + (model.Layers * Factors.PrefillOverheadPerLayerMicroseconds * 1e-6);
        return (seconds, memorySeconds >= computeSeconds ? PerformanceBound.Memory : PerformanceBound.Compute);
    }

    private double MathSeconds(Deployment deployment, double tokens, double attentionFlops)
    {
        var gpu = deployment.Gpu;
        var n = deployment.GpuCount;
        var precision = deployment.ComputePrecision;
        var dense = tokens * deployment.Model.DenseFlopsPerToken
            / (n * gpu.PeakFlops(precision) * Factors.ComputeFor(precision));
        var attention = attentionFlops / (n * gpu.PeakFlops(Precision.Bf16) * Factors.AttentionCompute);
        return dense + attention;
    }

    /// <summary>Two ring all-reduces per layer of tokens × hidden BF16 activations: 2 (N−1)/N of the bytes cross each link.</summary>
    private double AllReduceSeconds(Deployment deployment, double tokens, double latencyMicroseconds)
    {
        var n = deployment.GpuCount;
        if (n == 1)
        {
            return 0;
        }

        var bytes = tokens * deployment.Model.HiddenSize * 2.0;
        var perAllReduce = (latencyMicroseconds * 1e-6)
            + (2.0 * (n - 1) / n * bytes / (deployment.Gpu.InterconnectGbPerSecond * 1e9 * Factors.InterconnectBandwidth));
        return 2.0 * deployment.Model.Layers * perAllReduce;
    }

    private int EnsureFits(Deployment deployment, int batch, int tokensPerSequence)
    {
        var weightsGb = deployment.Model.WeightBytes(deployment.WeightPrecision) / 1e9;
        if (KvCapacityBytes(deployment) <= 0)
        {
            var usableGb = deployment.Gpu.MemoryGb * (1.0 - Factors.ReservedMemoryShare) * deployment.GpuCount;
            throw new InferCostException(
                $"{deployment.Model.Id} at {deployment.WeightPrecision.ToId()} needs {weightsGb:0.#} GB of weights but {deployment.GpuCount}x {deployment.Gpu.Id} leave {usableGb:0.#} GB usable: add GPUs (--gpus) or lower the precision");
        }

        var max = MaxSequences(deployment, tokensPerSequence);
        if (batch > max)
        {
            throw new InferCostException(
                $"batch {batch} does not fit: {deployment} holds at most {max} sequences of {tokensPerSequence} tokens in KV memory ({KvCapacityBytes(deployment) / 1e9:0.#} GB free after {weightsGb:0.#} GB of weights)");
        }

        return max;
    }

    private static double KvGb(Deployment deployment, int batch, int tokens) =>
        deployment.Model.KvBytesPerToken(deployment.KvPrecision) * batch * tokens / 1e9;

    private static void ValidateShape(int batch, int tokens, string tokensFlag)
    {
        if (batch < 1)
        {
            throw new InferCostException($"--batch must be at least 1 (got {batch})");
        }

        if (tokens < 1)
        {
            throw new InferCostException($"{tokensFlag} must be at least 1 (got {tokens})");
        }
    }
}
