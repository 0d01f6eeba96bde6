using System.Collections.Immutable;

namespace InferCost.Optimization;

/// <summary>The scenario as it is: the first month's expected total cost, gross margin and the p95 user's cost.</summary>
/// <param name="MonthlyCost">First month's expected total cost (the same number <c>simulate</c> gives as months[0].cost).</param>
/// <param name="GrossMargin">First month's gross margin.</param>
/// <param name="P95UserCost">The p95 user's cost per month.</param>
public sealed record OptimizationBaseline(double MonthlyCost, double? GrossMargin, double P95UserCost);

/// <summary>One lever priced on the scenario.</summary>
/// <param name="Lever">The lever id (<c>switch_model</c>, <c>routing</c>, <c>caching</c>, …).</param>
/// <param name="MonthlySaving">First-month cost saved (for <c>pricing_model</c>: gross profit gained), USD.</param>
/// <param name="GrossMarginAfter">Gross margin with the lever.</param>
/// <param name="P95UserCostAfter">The p95 user's cost with the lever.</param>
/// <param name="OneTimeCost">One-time cost of pulling the lever, USD.</param>
/// <param name="PaybackMonths">One-time cost ÷ monthly saving; <see langword="null"/> when nothing is saved.</param>
/// <param name="Low">Low end of the saving's 95 % interval (paired over the same users; input ranges where stated).</param>
/// <param name="High">High end.</param>
/// <param name="Caveat">What the number assumes and what it does not count.</param>
/// <param name="Detail">How it was modelled, with the inputs used.</param>
public sealed record LeverOutcome(
    string Lever,
    double MonthlySaving,
    double? GrossMarginAfter,
    double P95UserCostAfter,
    double OneTimeCost,
    double? PaybackMonths,
    double Low,
    double High,
    string Caveat,
    string Detail);

/// <summary>The top compatible levers applied together and re-simulated (savings do not simply add).</summary>
/// <param name="Levers">The levers applied.</param>
/// <param name="MonthlySaving">First-month saving of all of them together.</param>
/// <param name="GrossMarginAfter">Gross margin with all of them.</param>
public sealed record CombinedLevers(ImmutableArray<string> Levers, double MonthlySaving, double? GrossMarginAfter);

/// <summary>A lever that was not priced, and why.</summary>
/// <param name="Lever">The lever id.</param>
/// <param name="Reason">Why it was skipped (usually a missing input in <c>levers:</c>).</param>
public sealed record SkippedLever(string Lever, string Reason);

/// <summary>What <c>infercost optimize</c> found: the baseline, every lever ranked by monthly saving, and the best combination.</summary>
public sealed record OptimizationResult
{
    /// <summary>Gets the scenario name.</summary>
    public required string Scenario { get; init; }

    /// <summary>Gets the simulated users.</summary>
    public required int Users { get; init; }

    /// <summary>Gets the seed every run used (common random numbers).</summary>
    public required ulong Seed { get; init; }

    /// <summary>Gets the baseline.</summary>
    public required OptimizationBaseline Baseline { get; init; }

    /// <summary>Gets the levers, largest monthly saving first.</summary>
    public required ImmutableArray<LeverOutcome> Levers { get; init; }

    /// <summary>Gets the combination.</summary>
    public required CombinedLevers Combined { get; init; }

    /// <summary>Gets the levers skipped, with reasons.</summary>
    public required ImmutableArray<SkippedLever> Skipped { get; init; }
}
