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

    /// <summary>Bytes free for KV cache across the replica: memory · utilization · GPUs − weights.</summary>
    public double KvCapacityBytes(Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var usable = deployment.Gpu.MemoryBytes * Factors.MemoryUtilization * deployment.GpuCount;
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
        if (outputTokens <= ExactDecodeSteps)
        {
            for (var k = 0; k < outputTokens; k++)
            {
                total += DecodeStep(deployment, batch, inputTokens + k).Seconds;
            }

            return total;
        }

        // The step time is smooth in the context: Simpson's rule over the output steps is exact to well under 0.1 %.
        var n = SimpsonIntervals;
        var h = (outputTokens - 1) / (double)n;
        var sum = 0.0;
        for (var i = 0; i <= n; i++)
        {
            var weight = i == 0 || i == n ? 1.0 : (i % 2 == 1 ? 4.0 : 2.0);
            sum += weight * DecodeStep(deployment, batch, inputTokens + (i * h)).Seconds;
        }

        var mean = sum * h / 3.0 / (outputTokens - 1);
        return total + (mean * outputTokens);
    }

    /// <summary>Outputs up to this many tokens are summed step by step in <see cref="StaticBatchSeconds"/>.</summary>
    private const int ExactDecodeSteps = 64;

    /// <summary>Simpson intervals for longer outputs.</summary>
    private const int SimpsonIntervals = 16;

    /// <summary>Seconds and bound of one decode step, without the memory-fit check.</summary>
    public (double Seconds, PerformanceBound Bound) DecodeStep(Deployment deployment, double batch, double context)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var model = deployment.Model;

        var kvReadsPerStoredByte = Factors.SharedKvReadsInDecode || model.Attention != AttentionType.Gqa
            ? 1.0
            : (double)model.AttentionHeads / model.KvHeads;
        var weightBytes = model.WeightBytesRead(deployment.WeightPrecision, batch);
        var kvBytes = batch * context * model.KvBytesPerToken(deployment.KvPrecision) * kvReadsPerStoredByte;
        var memorySeconds = MemorySeconds(deployment, weightBytes, kvBytes, batch, context);

        var computeSeconds = MathSeconds(deployment, batch, batch * model.AttentionFlopsPerContextToken * context, Precision.Bf16);
        var seconds = Math.Max(memorySeconds, computeSeconds)
            + CommunicationSeconds(deployment, batch, Factors.DecodeAllReduceLatencyMicroseconds)
            + (model.Layers * Factors.DecodeOverheadPerLayerMicroseconds * 1e-6)
            + (batch * Factors.DecodeOverheadPerSequenceMicroseconds * 1e-6);
        return (seconds, memorySeconds >= computeSeconds ? PerformanceBound.Memory : PerformanceBound.Compute);
    }

    /// <summary>
    /// Seconds of one chunked-prefill step: <paramref name="batch"/> sequences decode one token each at
    /// <paramref name="context"/> tokens of context while <paramref name="prefillTokens"/> prompt tokens, attending on
    /// average to <paramref name="prefillContext"/> tokens, ride along. The weights are read once for both.
    /// </summary>
    public double MixedStepSeconds(Deployment deployment, double batch, double context, double prefillTokens, double prefillContext)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        if (prefillTokens <= 0)
        {
            return batch > 0 ? DecodeStep(deployment, batch, context).Seconds : 0;
        }

        if (batch <= 0)
        {
            return PrefillPass(deployment, 1, prefillTokens).Seconds;
        }

        var model = deployment.Model;
        var tokens = batch + prefillTokens;
        var kvBytes = ((batch * context) + prefillTokens) * model.KvBytesPerToken(deployment.KvPrecision);
        var memorySeconds = MemorySeconds(deployment, model.WeightBytesRead(deployment.WeightPrecision, tokens), kvBytes, batch, context);
        var attention = model.AttentionFlopsPerContextToken * ((batch * context) + (prefillTokens * prefillContext));
        var computeSeconds = MathSeconds(deployment, tokens, attention, AttentionPrecision(deployment));
        return Math.Max(memorySeconds, computeSeconds)
            + CommunicationSeconds(deployment, tokens, Factors.AllReduceLatencyMicroseconds)
            + (model.Layers * Math.Max(Factors.DecodeOverheadPerLayerMicroseconds, Factors.PrefillOverheadPerLayerMicroseconds) * 1e-6)
            + (batch * Factors.DecodeOverheadPerSequenceMicroseconds * 1e-6);
    }

    /// <summary>Seconds and bound of one prefill pass, without the memory-fit check.</summary>
    public (double Seconds, PerformanceBound Bound) PrefillPass(Deployment deployment, double batch, double promptTokens)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var model = deployment.Model;
        var tokens = batch * promptTokens;

        // Causal attention: token i attends to i earlier tokens, so a prompt of L tokens costs about L²/2 context-token pairs.
        var attentionFlops = batch * model.AttentionFlopsPerContextToken * promptTokens * promptTokens / 2.0;
        var computeSeconds = MathSeconds(deployment, tokens, attentionFlops, AttentionPrecision(deployment));
        var memorySeconds = MemorySeconds(
            deployment, model.WeightBytesRead(deployment.WeightPrecision, tokens), tokens * model.KvBytesPerToken(deployment.KvPrecision), tokens, 0);
        var seconds = Math.Max(memorySeconds, computeSeconds)
            + CommunicationSeconds(deployment, tokens, Factors.AllReduceLatencyMicroseconds)
            + (model.Layers * Factors.PrefillOverheadPerLayerMicroseconds * 1e-6);
        return (seconds, memorySeconds >= computeSeconds ? PerformanceBound.Memory : PerformanceBound.Compute);
    }

    private Precision AttentionPrecision(Deployment deployment) =>
        Factors.Fp8Attention && deployment.KvPrecision == Precision.Fp8 && deployment.Gpu.Fp8Tflops is not null ? Precision.Fp8 : Precision.Bf16;

    /// <summary>
    /// Seconds to read <paramref name="weightBytes"/> and <paramref name="kvBytes"/> across the replica: bandwidth
    /// efficiency falls for small per-layer transfers, and KV reads of few, long sequences fall further.
    /// </summary>
    private double MemorySeconds(Deployment deployment, double weightBytes, double kvBytes, double batch, double context)
    {
        var n = deployment.GpuCount;
        var bandwidth = n * deployment.Gpu.MemoryBandwidthBytesPerSecond;
        var eta = Factors.BandwidthFor((weightBytes + kvBytes) / (deployment.Model.Layers * (double)n));
        var kvEta = double.IsPositiveInfinity(Factors.KvReadHalfEfficiencyTokens) || context <= 0
            ? eta
            : eta / (1.0 + (context / (Math.Max(batch, 1) * Factors.KvReadHalfEfficiencyTokens)));
        return (weightBytes / (bandwidth * eta)) + (kvBytes / (bandwidth * kvEta));
    }

    private double MathSeconds(Deployment deployment, double tokens, double attentionFlops, Precision attentionPrecision)
    {
        var gpu = deployment.Gpu;
        var n = deployment.GpuCount;
        var precision = deployment.ComputePrecision;
        var dense = tokens * deployment.Model.DenseFlopsPerToken
            / (n * gpu.PeakFlops(precision) * Factors.ComputeFor(precision));
        var attention = attentionFlops / (n * gpu.PeakFlops(attentionPrecision) * Factors.AttentionCompute);
        return dense + attention;
    }

    /// <summary>
    /// Two ring all-reduces per layer of tokens × hidden BF16 activations: 2 (N−1)/N of the bytes cross each link in one
    /// direction. Under expert parallelism the MoE layers' all-reduce becomes two all-to-alls (dispatch and combine) of
    /// each token's hidden state to its k experts' GPUs.
    /// </summary>
    private double CommunicationSeconds(Deployment deployment, double tokens, double latencyMicroseconds)
    {
        var n = deployment.GpuCount;
        if (n == 1)
        {
            return 0;
        }

        var model = deployment.Model;
        var linkBytesPerSecond = deployment.Gpu.InterconnectBytesPerSecondPerDirection * Factors.InterconnectBandwidth;
        var bytes = tokens * model.HiddenSize * 2.0;
        var perAllReduce = (latencyMicroseconds * 1e-6) + (2.0 * (n - 1) / n * bytes / linkBytesPerSecond);
        if (!deployment.ExpertParallel)
        {
            return 2.0 * model.Layers * perAllReduce;
        }

        var moeLayers = model.MoeLayers ?? model.Layers;
        var perAllToAll = (latencyMicroseconds * 1e-6) + ((n - 1.0) / n * bytes * model.ActiveExperts / n / linkBytesPerSecond);
        return (2.0 * (model.Layers - moeLayers) * perAllReduce) + (moeLayers * (perAllReduce + (2.0 * perAllToAll)));
    }

    private int EnsureFits(Deployment deployment, int batch, int tokensPerSequence)
    {
        var weightsGb = deployment.Model.WeightBytes(deployment.WeightPrecision) / 1e9;
        if (KvCapacityBytes(deployment) <= 0)
        {
            var usableGb = deployment.Gpu.MemoryGb * Factors.MemoryUtilization * deployment.GpuCount;
            throw new InferCostException(
                $"{deployment.Model.Id} at {deployment.WeightPrecision.ToId()} needs {weightsGb:0.#} GB of weights but {deployment.GpuCount}x {deployment.Gpu.Id} leave {usableGb:0.#} GB usable: add GPUs (--gpus), lower the precision or raise --memory-utilization");
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
