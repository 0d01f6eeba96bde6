namespace InferCost.Serving;

/// <summary>What serving a workload on one deployment costs, at the chosen operating point.</summary>
/// <param name="Deployment">The replica.</param>
/// <param name="Workload">The workload served.</param>
/// <param name="Point">The operating point chosen (the best batch that meets the per-user speed).</param>
/// <param name="GpuHourPrice">USD per GPU-hour.</param>
/// <param name="CostPerHour">USD per hour for the replica.</param>
/// <param name="CostPerMillionInputTokens">USD per 1M prompt tokens (prefill's share of GPU time).</param>
/// <param name="CostPerMillionOutputTokens">USD per 1M generated tokens (decode's share of GPU time).</param>
/// <param name="MaxConcurrentSequences">Requests of this shape that fit in KV memory.</param>
public sealed record ServingCostEstimate(
    Deployment Deployment,
    ServingWorkload Workload,
    ServingOperatingPoint Point,
    decimal GpuHourPrice,
    decimal CostPerHour,
    decimal CostPerMillionInputTokens,
    decimal CostPerMillionOutputTokens,
    int MaxConcurrentSequences);
