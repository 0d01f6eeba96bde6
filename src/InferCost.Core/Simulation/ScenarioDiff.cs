using System.Collections.Immutable;

namespace InferCost.Simulation;

/// <summary>One plan in scenario A and B side by side.</summary>
/// <param name="Plan">The plan id.</param>
/// <param name="CostP50A">Median cost per user-month in A.</param>
/// <param name="CostP50B">Median cost per user-month in B.</param>
/// <param name="CostP95A">p95 cost in A.</param>
/// <param name="CostP95B">p95 cost in B.</param>
/// <param name="CostMeanA">Mean cost in A.</param>
/// <param name="CostMeanB">Mean cost in B.</param>
/// <param name="CostMeanChange">B − A, mean cost per user-month.</param>
/// <param name="MarginPerUserA">Mean margin per user-month in A.</param>
/// <param name="MarginPerUserB">Mean margin per user-month in B.</param>
/// <param name="GrossMarginA">Gross margin in A.</param>
/// <param name="GrossMarginB">Gross margin in B.</param>
/// <param name="UnprofitableShareA">Unprofitable share in A.</param>
/// <param name="UnprofitableShareB">Unprofitable share in B.</param>
public sealed record PlanDiff(
    string Plan,
    double? CostP50A,
    double? CostP50B,
    double? CostP95A,
    double? CostP95B,
    double? CostMeanA,
    double? CostMeanB,
    double? CostMeanChange,
    double? MarginPerUserA,
    double? MarginPerUserB,
    double? GrossMarginA,
    double? GrossMarginB,
    double? UnprofitableShareA,
    double? UnprofitableShareB);

/// <summary>Two simulations compared: per plan, overall and per month.</summary>
/// <param name="A">Scenario A's name.</param>
/// <param name="B">Scenario B's name.</param>
/// <param name="Plans">Per plan (plans in either scenario).</param>
/// <param name="CostPerUserA">Mean cost per user-month in A.</param>
/// <param name="CostPerUserB">Mean cost per user-month in B.</param>
/// <param name="GrossMarginA">Overall gross margin in A.</param>
/// <param name="GrossMarginB">Overall gross margin in B.</param>
/// <param name="HorizonCostA">Total cost over A's horizon.</param>
/// <param name="HorizonCostB">Total cost over B's horizon.</param>
public sealed record ScenarioDiff(string A, string B, ImmutableArray<PlanDiff> Plans, double CostPerUserA, double CostPerUserB, double? GrossMarginA, double? GrossMarginB, double HorizonCostA, double HorizonCostB)
{
    /// <summary>Compares two results (run them with the same users and seed).</summary>
    public static ScenarioDiff Compare(SimulationResult a, SimulationResult b)
    {
        var ids = a.Plans.Select(p => p.Plan).Concat(b.Plans.Select(p => p.Plan)).Distinct();
        var plans = ids.Select(id =>
        {
            var pa = a.Plans.FirstOrDefault(p => p.Plan == id && p.Users > 0);
            var pb = b.Plans.FirstOrDefault(p => p.Plan == id && p.Users > 0);
            return new PlanDiff(
                id,
                pa?.CostPerUser.P50,
                pb?.CostPerUser.P50,
                pa?.CostPerUser.P95,
                pb?.CostPerUser.P95,
                pa?.CostPerUser.Mean,
                pb?.CostPerUser.Mean,
                pa is null || pb is null ? null : pb.CostPerUser.Mean - pa.CostPerUser.Mean,
                pa?.MarginPerUser.Mean,
                pb?.MarginPerUser.Mean,
                pa?.GrossMargin,
                pb?.GrossMargin,
                pa?.UnprofitableShare,
                pb?.UnprofitableShare);
        }).ToImmutableArray();
        return new ScenarioDiff(a.Scenario, b.Scenario, plans, a.CostPerUser.Mean, b.CostPerUser.Mean, a.GrossMargin, b.GrossMargin, a.Months.Sum(m => m.Cost), b.Months.Sum(m => m.Cost))
        {
            MonthlyCostA = a.Months[0].Cost,
            MonthlyCostB = b.Months[0].Cost,
            CostP95A = a.CostPerUser.P95,
            CostP95B = b.CostPerUser.P95,
        };
    }

    /// <summary>Gets scenario A's first-month total cost.</summary>
    public double MonthlyCostA { get; init; }

    /// <summary>Gets scenario B's first-month total cost.</summary>
    public double MonthlyCostB { get; init; }

    /// <summary>Gets the p95 user's cost in A.</summary>
    public double CostP95A { get; init; }

    /// <summary>Gets the p95 user's cost in B.</summary>
    public double CostP95B { get; init; }
}
