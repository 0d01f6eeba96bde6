using System.Collections.Immutable;

namespace InferCost.UsageAnalytics;

/// <summary>How much one group (a user or feature) contributes to an alternative's savings.</summary>
/// <param name="Key">The user or feature (<c>(none)</c> when not logged).</param>
/// <param name="CurrentCost">What the group's traffic cost as recorded.</param>
/// <param name="Cost">What it would cost on the alternative.</param>
public sealed record SavingsDriver(string Key, decimal CurrentCost, decimal Cost)
{
    /// <summary>Gets current − alternative (negative when the alternative costs more).</summary>
    public decimal Savings => CurrentCost - Cost;
}

/// <summary>The same traffic priced on one alternative.</summary>
/// <param name="Alternative">The alternative's <c>provider/model</c>.</param>
/// <param name="Records">The records priced.</param>
/// <param name="CurrentCost">What they cost as recorded.</param>
/// <param name="Cost">What they would cost with every call that can move on the alternative (calls that stay at their recorded cost).</param>
/// <param name="Efficiency">The output-token factor applied.</param>
/// <param name="TopUsers">The users whose traffic drives the savings most (largest absolute savings first).</param>
/// <param name="TopFeatures">The features whose traffic drives the savings most.</param>
public sealed record RepriceAlternativeResult(
    string Alternative,
    long Records,
    decimal CurrentCost,
    decimal Cost,
    decimal Efficiency,
    ImmutableArray<SavingsDriver> TopUsers,
    ImmutableArray<SavingsDriver> TopFeatures)
{
    /// <summary>Gets current − alternative.</summary>
    public decimal Savings => CurrentCost - Cost;

    /// <summary>Gets the recorded models (dated versions under their model) whose traffic drives the savings most.</summary>
    public ImmutableArray<SavingsDriver> TopModels { get; init; } = [];

    /// <summary>Gets the records that cannot move to the alternative (counted at their recorded cost in <see cref="Cost"/>).</summary>
    public long StaysRecords { get; init; }

    /// <summary>Gets the requests those records stand for.</summary>
    public long StaysRequests { get; init; }

    /// <summary>Gets what the records that stay cost as recorded.</summary>
    public decimal StaysCost { get; init; }

    /// <summary>Gets the records that stay because their prompt exceeds the alternative's context window.</summary>
    public long StaysOverContext { get; init; }

    /// <summary>Gets the records that stay because the alternative serves another kind of call.</summary>
    public long StaysOtherModality { get; init; }

    /// <summary>Gets savings as a share of the current cost (0 when the current cost is 0).</summary>
    public decimal SavingsShare => CurrentCost == 0m ? 0m : Savings / CurrentCost;
}

/// <summary>Traffic re-priced on each alternative, side by side.</summary>
/// <param name="Records">The records in range.</param>
/// <param name="CurrentCost">What they cost as recorded.</param>
/// <param name="Options">The what-ifs applied.</param>
/// <param name="Alternatives">One result per alternative, in the order asked.</param>
public sealed record RepriceResult(long Records, decimal CurrentCost, RepriceOptions Options, ImmutableArray<RepriceAlternativeResult> Alternatives);
