using InferCost.Errors;

namespace InferCost.Serving;

/// <summary>
/// Finds the best operating point of a deployment for a workload and prices it; searches GPU types, counts and
/// precisions for the cheapest deployment that meets the workload.
/// </summary>
public sealed class ServingPlanner
{
    /// <summary>The largest batch the planner considers.</summary>
    public const int MaxBatch = 4096;

    /// <summary>Initializes a new instance of the <see cref="ServingPlanner"/> class.</summary>
    /// <param name="performance">The performance model.</param>
    /// <param name="speculative">Speculative decoding, when the replica uses it.</param>
    public ServingPlanner(PerformanceModel performance, SpeculativeDecoding? speculative = null)
    {
        ArgumentNullException.ThrowIfNull(performance);
        Performance = performance;
        Speculative = speculative;
    }

    /// <summary>Gets the speculative decoding set-up, if any.</summary>
    public SpeculativeDecoding? Speculative { get; }

    /// <summary>Gets the performance model the planner asks.</summary>
    public PerformanceModel Performance { get; }

    /// <summary>The steady state with <paramref name="batch"/> requests in flight.</summary>
    public ServingOperatingPoint OperatingPoint(Deployment deployment, ServingWorkload workload, int batch)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(workload);
        var isl = workload.InputTokens;
        var osl = workload.OutputTokens;

        // On average a sequence in flight holds its prompt and half its output.
        var context = isl + (osl / 2.0);
        var decodeStep = Speculative is { } spec
            ? spec.SecondsPerToken(Performance, deployment, batch, context)
            : Performance.DecodeStep(deployment, batch, context).Seconds;
        double prefill;
        if (Performance.Factors.ChunkedPrefill && Speculative is null)
        {
            // Chunked prefill: each decode step carries batch · ISL / OSL prompt tokens; the weights are read once for
            // both, so prefill costs only what it adds to the mixed step.
            var mixed = Performance.MixedStepSeconds(deployment, batch, context, (double)batch * isl / osl, isl / 2.0);
            prefill = Math.Max(0, osl * (mixed - decodeStep));
        }
        else
        {
            prefill = Performance.PrefillPass(deployment, batch, isl).Seconds;
        }

        var cycle = (osl * decodeStep) + prefill;
        var ttft = Performance.PrefillPass(deployment, 1, isl).Seconds + decodeStep;
        return new ServingOperatingPoint(
            batch,
            batch * osl / cycle,
            (double)batch * isl / cycle,
            osl / cycle,
            ttft * 1e3,
            prefill / cycle,
            decodeStep * 1e3);
    }

    /// <summary>
    /// The operating point with the most output throughput that meets the per-user speed and TTFT targets
    /// (without targets: the maximum throughput that fits in memory), priced at <paramref name="gpuHourPrice"/>.
    /// </summary>
    /// <exception cref="InferCostException">The model does not fit, or no batch meets the targets.</exception>
    public ServingCostEstimate Evaluate(Deployment deployment, ServingWorkload workload, decimal gpuHourPrice)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(workload);
        if (gpuHourPrice < 0)
        {
            throw new InferCostException($"--gpu-hour-price must not be negative (got {gpuHourPrice})");
        }

        var fit = Fit(deployment, workload);
        ServingOperatingPoint? best = null;
        ServingOperatingPoint? fastest = null;
        for (var batch = 1; batch <= Math.Min(fit, MaxBatch); batch++)
        {
            var point = OperatingPoint(deployment, workload, batch);
            fastest ??= point;
            var meets = (workload.MinTokensPerUserPerSecond is not { } speed || point.TokensPerUserPerSecond >= speed)
                && (workload.MaxTimeToFirstTokenMs is not { } ttft || point.TimeToFirstTokenMs <= ttft);
            if (meets && (best is null || point.OutputTokensPerSecond > best.OutputTokensPerSecond))
            {
                best = point;
            }
        }

        if (best is null)
        {
            throw new InferCostException(
                $"{deployment} cannot meet the targets: at batch 1 each user sees {fastest!.TokensPerUserPerSecond:0.#} tok/s with a first token after {fastest.TimeToFirstTokenMs:0} ms");
        }

        return Price(deployment, workload, best, gpuHourPrice, fit);
    }

    /// <summary>
    /// The cheapest deployment per 1M output tokens among <paramref name="gpus"/> × GPU counts × precisions that meets
    /// the workload; GPUs without a price in <paramref name="gpuHourPrices"/> are skipped.
    /// </summary>
    /// <exception cref="InferCostException">No candidate fits and meets the targets.</exception>
    public ServingCostEstimate Cheapest(
        ModelArchitecture model,
        IEnumerable<GpuSpec> gpus,
        IReadOnlyDictionary<string, decimal> gpuHourPrices,
        ServingWorkload workload,
        IEnumerable<int>? gpuCounts = null,
        IEnumerable<Precision>? precisions = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(gpus);
        ArgumentNullException.ThrowIfNull(gpuHourPrices);
        var counts = (gpuCounts ?? [1, 2, 4, 8]).ToList();
        var formats = (precisions ?? [Precision.Bf16, Precision.Fp8, Precision.Int4, Precision.Fp4]).ToList();
        ServingCostEstimate? cheapest = null;
        foreach (var gpu in gpus)
        {
            if (!gpuHourPrices.TryGetValue(gpu.Id, out var price))
            {
                continue;
            }

            foreach (var count in counts)
            {
                foreach (var precision in formats)
                {
                    if (precision == Precision.Fp4 && gpu.Fp4Tflops is null)
                    {
                        continue; // FP4 only where the GPU has FP4 tensor cores.
                    }

                    var deployment = new Deployment(model, gpu, count, precision);
                    if (Performance.KvCapacityBytes(deployment) <= 0)
                    {
                        continue;
                    }

                    try
                    {
                        var estimate = Evaluate(deployment, workload, price);
                        if (cheapest is null || estimate.CostPerMillionOutputTokens < cheapest.CostPerMillionOutputTokens)
                        {
                            cheapest = estimate;
                        }
                    }
                    catch (InferCostException)
                    {
                        // This candidate cannot meet the targets; try the next.
                    }
                }
            }
        }

        return cheapest ?? throw new InferCostException($"no priced GPU configuration serves {model.Id} at the requested targets");
    }

    private int Fit(Deployment deployment, ServingWorkload workload)
    {
        var fit = Performance.MaxSequences(deployment, workload.InputTokens + workload.OutputTokens);
        if (fit < 1)
        {
            var weightsGb = deployment.Model.WeightBytes(deployment.WeightPrecision) / 1e9;
            throw new InferCostException(
                $"{deployment} does not fit: {weightsGb:0.#} GB of weights plus one request of {workload.InputTokens + workload.OutputTokens} tokens exceed usable memory; add GPUs (--gpus) or lower the precision");
        }

        return fit;
    }

    private static ServingCostEstimate Price(Deployment deployment, ServingWorkload workload, ServingOperatingPoint point, decimal gpuHourPrice, int fit)
    {
        var perHour = gpuHourPrice * deployment.GpuCount;
        var perSecond = (double)perHour / 3600.0;

        // GPU time is split between phases: prefill's share pays for prompt tokens, decode's for generated tokens.
        var inputPerMillion = perSecond * point.PrefillShare / point.InputTokensPerSecond * 1e6;
        var outputPerMillion = perSecond * (1.0 - point.PrefillShare) / point.OutputTokensPerSecond * 1e6;
        return new ServingCostEstimate(
            deployment,
            workload,
            point,
            gpuHourPrice,
            perHour,
            Math.Round((decimal)inputPerMillion, 6),
            Math.Round((decimal)outputPerMillion, 6),
            fit);
    }
}
