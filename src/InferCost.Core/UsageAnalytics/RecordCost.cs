namespace InferCost.UsageAnalytics;

/// <summary>The exact cost of one usage record on one model.</summary>
/// <param name="Cost">What the request cost (batch discount applied when it ran as a batch).</param>
/// <param name="ListCost">What it would have cost at list prices, without a batch discount.</param>
/// <param name="InputCost">Input side of <paramref name="Cost"/>, cache reads and writes included.</param>
/// <param name="OutputCost">Output side of <paramref name="Cost"/>, reasoning included.</param>
public readonly record struct RecordCost(decimal Cost, decimal ListCost, decimal InputCost, decimal OutputCost);
