namespace InferCost.Optimization;

/// <summary>
/// What a self-hosted replica costs per token at full load, from the serving planner (the application layer asks it;
/// Core stays free of catalogs on disk).
/// </summary>
/// <param name="Description">The deployment, e.g. <c>llama-3.1-70b on 2x h100 (fp8)</c>.</param>
/// <param name="InputPerMillion">USD per 1M prompt tokens at full load.</param>
/// <param name="OutputPerMillion">USD per 1M generated tokens at full load.</param>
/// <param name="ReplicaMonthlyCost">One replica all month (the floor of any fleet), USD.</param>
/// <param name="QuantizedInputPerMillion">The same at the <c>quantization</c> lever's precision; <see langword="null"/> when it does not fit or is the same.</param>
/// <param name="QuantizedOutputPerMillion">Output at the quantized precision.</param>
/// <param name="QuantizedDescription">The quantized deployment.</param>
public sealed record SelfHostQuote(
    string Description,
    double InputPerMillion,
    double OutputPerMillion,
    double ReplicaMonthlyCost,
    double? QuantizedInputPerMillion = null,
    double? QuantizedOutputPerMillion = null,
    string? QuantizedDescription = null);
