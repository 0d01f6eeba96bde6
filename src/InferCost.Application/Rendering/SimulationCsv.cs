using System.Globalization;
using System.Text;
using InferCost.Simulation;

namespace InferCost.Application.Rendering;

/// <summary>CSV of a simulation: one row per plan (<c>infercost simulate --csv</c>).</summary>
public static class SimulationCsv
{
    /// <summary>The per-plan rows with a header; doubles round-trip (<c>R</c>), missing values empty.</summary>
    public static string Plans(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        sb.AppendLine("plan,users,user_share,monthly_price,revenue_per_user,cost_p50,cost_p90,cost_p95,cost_p99,cost_max,cost_mean,margin_p50,margin_p90,margin_p95,margin_p99,margin_mean,unprofitable_share,gross_margin");
        foreach (var p in result.Plans)
        {
            var c = p.CostPerUser;
            var m = p.MarginPerUser;
            sb.AppendLine(string.Join(',', new object?[] { p.Plan, p.Users, p.UserShare, p.MonthlyPrice, p.RevenuePerUser, c.P50, c.P90, c.P95, c.P99, c.Max, c.Mean, m.P50, m.P90, m.P95, m.P99, m.Mean, p.UnprofitableShare, p.GrossMargin }
                .Select(v => v switch { double d => d.ToString("R", CultureInfo.InvariantCulture), null => string.Empty, _ => Convert.ToString(v, CultureInfo.InvariantCulture) })));
        }

        return sb.ToString();
    }
}
