using System.Globalization;
using System.Text;
using InferCost.Simulation;

namespace InferCost.Cli.Rendering;

/// <summary>
/// An Infracost-style cost-change summary of a <see cref="ScenarioDiff"/> for a pull-request comment: the headline
/// monthly change, a per-plan table, and the run's assumptions folded away.
/// </summary>
internal static class DiffMarkdownRenderer
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(ScenarioDiff d, string a, string b, int users, ulong seed)
    {
        var sb = new StringBuilder();
        var change = d.MonthlyCostB - d.MonthlyCostA;
        var pct = d.MonthlyCostA > 0 ? change / d.MonthlyCostA : (double?)null;
        var direction = change > 0 ? "increase" : change < 0 ? "decrease" : "stay the same";
        sb.AppendLine("## InferCost estimate");
        sb.AppendLine();
        var by = change == 0 ? string.Empty : " by " + Money(Math.Abs(change)) + (pct is { } share ? string.Create(Inv, $" ({(share >= 0 ? "+" : "−")}{Math.Abs(share):P1})") : string.Empty);
        sb.AppendLine(Inv, $"Monthly inference cost will **{direction}{by}** ({Money(d.MonthlyCostA)} → {Money(d.MonthlyCostB)} in the first month).");
        sb.AppendLine();
        sb.AppendLine("| | Before | After | Change |");
        sb.AppendLine("|---|---:|---:|---:|");
        sb.AppendLine(Inv, $"| Monthly cost | {Money(d.MonthlyCostA)} | {Money(d.MonthlyCostB)} | {Signed(change)} |");
        sb.AppendLine(Inv, $"| Cost per user (mean) | {Money(d.CostPerUserA)} | {Money(d.CostPerUserB)} | {Signed(d.CostPerUserB - d.CostPerUserA)} |");
        sb.AppendLine(Inv, $"| p95 user cost | {Money(d.CostP95A)} | {Money(d.CostP95B)} | {Signed(d.CostP95B - d.CostP95A)} |");
        sb.AppendLine(Inv, $"| Gross margin | {Pct(d.GrossMarginA)} | {Pct(d.GrossMarginB)} | {Points(d.GrossMarginA, d.GrossMarginB)} |");
        sb.AppendLine(Inv, $"| Horizon cost | {Money(d.HorizonCostA)} | {Money(d.HorizonCostB)} | {Signed(d.HorizonCostB - d.HorizonCostA)} |");
        sb.AppendLine();
        sb.AppendLine("| Plan | Cost/user before | after | p95 before | after | Gross margin before | after | Unprofitable before | after |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in d.Plans)
        {
            sb.AppendLine(Inv, $"| {p.Plan} | {Money(p.CostMeanA)} | {Money(p.CostMeanB)} | {Money(p.CostP95A)} | {Money(p.CostP95B)} | {Pct(p.GrossMarginA)} | {Pct(p.GrossMarginB)} | {Pct(p.UnprofitableShareA)} | {Pct(p.UnprofitableShareB)} |");
        }

        sb.AppendLine();
        sb.AppendLine("<details><summary>How this was estimated</summary>");
        sb.AppendLine();
        sb.AppendLine(Inv, $"Before: `{a}`; after: `{b}`. Both simulated with {users:N0} users and seed {seed} (the same users: common random numbers), prices from the InferCost catalog. Monthly cost is the first month's expected total.");
        sb.AppendLine();
        sb.AppendLine("</details>");
        return sb.ToString();
    }

    private static string Money(double? v) => v is { } x ? (x < 0 ? "−$" : "$") + Math.Abs(x).ToString(Math.Abs(x) >= 100 ? "N0" : "0.00##", Inv) : "–";

    private static string Signed(double v) => (v > 0 ? "+" : v < 0 ? "−" : string.Empty) + Money(Math.Abs(v));

    private static string Pct(double? v) => v is { } x ? x.ToString("P1", Inv) : "–";

    private static string Points(double? a, double? b) => a is { } x && b is { } y ? ((y - x) * 100).ToString("+0.0;−0.0;0.0", Inv) + " pts" : "–";
}
