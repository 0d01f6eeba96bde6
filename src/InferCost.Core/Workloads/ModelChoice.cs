namespace InferCost.Workloads;

/// <summary>A model a scenario uses, under a short alias the routing refers to.</summary>
public sealed record ModelChoice
{
    /// <summary>Gets the alias used by routing rules (e.g. <c>main</c>, <c>cheap</c>).</summary>
    public required string Alias { get; init; }

    /// <summary>Gets the catalog model id (e.g. <c>gpt-5.4</c>).</summary>
    public required string ModelId { get; init; }

    /// <summary>Gets the catalog provider id, when the model id alone is ambiguous.</summary>
    public string? Provider { get; init; }

    /// <summary>
    /// Gets the output-token multiplier for this model on the scenario's tasks (seed 000: the same task took 4M
    /// output tokens on one model and 78M on another). 1 = the token counts as written.
    /// </summary>
    public double TokenEfficiency { get; init; } = 1.0;

    /// <summary>Gets the share of calls sent through the provider's batch API (0–1), billed at its batch multiplier.</summary>
    public double BatchShare { get; init; }
}
