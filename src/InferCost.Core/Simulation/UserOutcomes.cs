using System.Collections.Immutable;

namespace InferCost.Simulation;

/// <summary>
/// What each simulated user did and cost in the first month, kept for plan design (price and cap searches on the
/// same users). Arrays are indexed by user.
/// </summary>
public sealed class UserOutcomes
{
    internal UserOutcomes(int users, ImmutableArray<string> planIds)
    {
        PlanIds = planIds;
        Plan = new byte[users];
        Segment = new byte[users];
        Cost = new double[users];
        Revenue = new double[users];
        Sessions = new double[users];
        Calls = new double[users];
        RawUnits = new double[users];
        RawVariableCost = new double[users];
        FixedCost = new double[users];
    }

    /// <summary>Gets the plan ids, indexed by <see cref="Plan"/> values.</summary>
    public ImmutableArray<string> PlanIds { get; }

    internal byte[] Plan { get; }

    internal byte[] Segment { get; }

    internal double[] Cost { get; }

    internal double[] Revenue { get; }

    internal double[] Sessions { get; }

    internal double[] Calls { get; }

    internal double[] RawUnits { get; }

    internal double[] RawVariableCost { get; }

    internal double[] FixedCost { get; }

    /// <summary>Gets each user's cost by [month][user] when the run kept them, else <see langword="null"/>.</summary>
    public double[][]? MonthCost { get; internal set; }

    /// <summary>The cost of <paramref name="user"/> in the first month.</summary>
    public double CostOf(int user) => Cost[user];

    /// <summary>Gets the number of users.</summary>
    public int Count => Cost.Length;
}
