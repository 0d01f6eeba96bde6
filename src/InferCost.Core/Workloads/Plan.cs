namespace InferCost.Workloads;

/// <summary>A price plan: monthly price, included usage, overage price and a hard cap, counted in <see cref="Meter"/> units.</summary>
public sealed record Plan
{
    /// <summary>Gets the plan id (e.g. <c>pro</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the monthly subscription price in USD (0 for a free tier).</summary>
    public double MonthlyPrice { get; init; }

    /// <summary>Gets what included usage, overage and cap count.</summary>
    public PlanMeter Meter { get; init; } = PlanMeter.Sessions;

    /// <summary>Gets the usage included in the monthly price; <see langword="null"/> for unlimited.</summary>
    public double? Included { get; init; }

    /// <summary>Gets the price per unit beyond <see cref="Included"/> (0: none charged).</summary>
    public double OveragePrice { get; init; }

    /// <summary>Gets the most units a user can consume per month; usage above it is refused (not served, not billed).</summary>
    public double? HardCap { get; init; }

    /// <summary>Gets whether the plan earns nothing (a free tier).</summary>
    public bool IsFree => MonthlyPrice == 0 && OveragePrice == 0;
}
