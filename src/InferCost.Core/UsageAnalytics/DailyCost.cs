namespace InferCost.UsageAnalytics;

/// <summary>The cost of one group's records on one UTC day.</summary>
/// <param name="Day">The UTC day.</param>
/// <param name="Key">The group (a user, feature or model; <c>total</c> when not grouped).</param>
/// <param name="Cost">The exact recorded cost in USD.</param>
public sealed record DailyCost(DateOnly Day, string Key, decimal Cost);
