using System.Collections.Immutable;
using InferCost.Errors;
using InferCost.Workloads;

namespace InferCost.Simulation;

/// <summary>One pricing model applied to a plan's users: the revenue it earns and how the margin spreads.</summary>
/// <param name="Model">flat, usage_based or outcome_based.</param>
/// <param name="Description">How revenue is computed.</param>
/// <param name="RevenuePerUser">Mean revenue per user-month.</param>
/// <param name="GrossMargin">Gross margin over the plan's users.</param>
/// <param name="UnprofitableShare">Share of users with negative margin.</param>
/// <param name="MarginAtPercentile">Margin ratio of the user at the percentile by cost.</param>
public sealed record PricingModelOutcome(string Model, string Description, double RevenuePerUser, double? GrossMargin, double UnprofitableShare, double? MarginAtPercentile);

/// <summary>
/// What a plan needs to keep a target margin for its pN user: the lowest monthly price, or, at the current price, the
/// largest usage cap; plus flat vs usage-based vs outcome-based pricing on the same simulated users.
/// </summary>
public sealed record PlanDesign
{
    /// <summary>Gets the plan.</summary>
    public required string Plan { get; init; }

    /// <summary>Gets the percentile (e.g. 95).</summary>
    public required double Percentile { get; init; }

    /// <summary>Gets the target margin (e.g. 0.6 for 60 %).</summary>
    public required double TargetMargin { get; init; }

    /// <summary>Gets the plan's users.</summary>
    public required int Users { get; init; }

    /// <summary>Gets the current monthly price.</summary>
    public required double CurrentPrice { get; init; }

    /// <summary>Gets the cost per user-month at the percentile.</summary>
    public required double CostAtPercentile { get; init; }

    /// <summary>Gets the margin ratio the pN user keeps at the current price (the pN-th worst margin ratio).</summary>
    public required double? CurrentMarginAtPercentile { get; init; }

    /// <summary>
    /// Gets the lowest monthly price at which N % of users keep the target margin, with a safety margin for the
    /// percentile's sampling error (see <see cref="SafetyPercentile"/>), so that it holds on a fresh set of users with
    /// ≥ 90 % probability.
    /// </summary>
    public required double RequiredPrice { get; init; }

    /// <summary>
    /// Gets the percentile the price and cap are set at on the design users: N plus 1.2816·√(q(1−q)(1/n + 1/m)) (in
    /// percent), the one-sided 90 % allowance for the sampling error of the design sample (n users) and of a fresh
    /// sample (m users).
    /// </summary>
    public double SafetyPercentile { get; init; }

    /// <summary>Gets the seed of the independent validation users, when validated.</summary>
    public ulong? ValidationSeed { get; init; }

    /// <summary>Gets the validation users on the plan.</summary>
    public int? ValidationUsers { get; init; }

    /// <summary>Gets the share of the independent validation users who keep the target margin at <see cref="RequiredPrice"/>.</summary>
    public double? ValidatedShare { get; init; }

    /// <summary>Gets a 95 % (Wilson) interval on <see cref="ValidatedShare"/>.</summary>
    public Interval? ValidatedShareCi95 { get; init; }

    /// <summary>Gets the share of validation users who keep the target margin under <see cref="UsageCap"/> at the current price.</summary>
    public double? UsageCapValidatedShare { get; init; }

    /// <summary>Gets the meter the cap counts.</summary>
    public required PlanMeter Meter { get; init; }

    /// <summary>Gets the largest monthly usage cap at the current price that keeps N % of users at the target margin; <see langword="null"/> when none is needed or none suffices.</summary>
    public required double? UsageCap { get; init; }

    /// <summary>Gets why <see cref="UsageCap"/> is what it is.</summary>
    public required string UsageCapNote { get; init; }

    /// <summary>Gets flat, usage-based and outcome-based pricing compared on the same users.</summary>
    public required ImmutableArray<PricingModelOutcome> PricingModels { get; init; }
}

/// <summary>Plan design on a finished simulation (no re-run: the same users are re-priced).</summary>
public static class PlanDesigner
{
    /// <summary>Designs <paramref name="planId"/> for the <paramref name="percentile"/>-th user at <paramref name="targetMargin"/>.</summary>
    /// <exception cref="InferCostException">Unknown plan, a percentile outside 1–100, a margin outside [0, 1), or a plan without users.</exception>
    public static PlanDesign Design(Scenario scenario, SimulationResult result, string planId, double percentile, double targetMargin)
        => Design(scenario, result, null, planId, percentile, targetMargin);

    /// <summary>
    /// Designs <paramref name="planId"/> on <paramref name="result"/>'s users and checks the price and cap on
    /// <paramref name="validation"/>'s, an independent run (another seed) of the same scenario.
    /// </summary>
    /// <exception cref="InferCostException">Unknown plan, a percentile outside 1–100, a margin outside [0, 1), or a plan without users.</exception>
    public static PlanDesign Design(Scenario scenario, SimulationResult result, SimulationResult? validation, string planId, double percentile, double targetMargin)
    {
        var plan = scenario.Plan(planId) ?? throw new InferCostException($"Unknown plan '{planId}'; plans: {string.Join(", ", scenario.Plans.Select(p => p.Id))}");
        if (percentile is <= 0 or > 100)
        {
            throw new InferCostException("--percentile must be in (0, 100]");
        }

        if (targetMargin is < 0 or >= 1)
        {
            throw new InferCostException("--margin must be at least 0 and below 1 (0.6 = 60 %)");
        }

        var o = result.Outcomes;
        var planIndex = (byte)scenario.Plans.IndexOf(plan);
        var users = Enumerable.Range(0, o.Count).Where(i => o.Plan[i] == planIndex).ToArray();
        if (users.Length == 0)
        {
            throw new InferCostException($"Plan '{planId}' has no users in this scenario");
        }

        var q = percentile / 100;
        var costs = users.Select(i => o.Cost[i]).Order().ToArray();
        var v = validation?.Outcomes;
        var validationUsers = v is null ? [] : Enumerable.Range(0, v.Count).Where(i => v.Plan[i] == planIndex).ToArray();
        var m = validationUsers.Length > 0 ? validationUsers.Length : users.Length;

        // Safety: the design sample's pN estimate and a fresh sample's share both vary; set the price at the
        // percentile that a fresh sample of m users still meets with ≥ 90 % probability (normal approximation).
        var qSafe = q >= 1 ? 1 : Math.Min(1, q + (1.2816 * Math.Sqrt(q * (1 - q) * ((1.0 / users.Length) + (1.0 / m)))));

        // User i keeps margin M when P + ov_i − c_i ≥ M (P + ov_i), i.e. P ≥ c_i / (1 − M) − ov_i.
        var needed = Needed(o, users, plan, targetMargin);
        var required = Math.Max(0, UpperOrderStatistic(needed, qSafe));
        var currentMargins = users.Select(i => o.Revenue[i] > 0 ? (o.Revenue[i] - o.Cost[i]) / o.Revenue[i] : double.NegativeInfinity).Order().ToArray();
        var currentAtQ = PercentileSummary.Percentile(currentMargins, 1 - q);

        var (cap, note) = FindCap(plan, o, users, qSafe, targetMargin);
        double? validated = null, capValidated = null;
        Interval? validatedCi = null;
        if (v is not null && validationUsers.Length > 0)
        {
            var fresh = Needed(v, validationUsers, plan, targetMargin);
            var ok = fresh.Count(x => x <= required);
            validated = (double)ok / fresh.Length;
            validatedCi = Wilson(ok, fresh.Length);
            if (cap is { } c)
            {
                capValidated = (double)CountHolding(plan, v, validationUsers, c, targetMargin) / validationUsers.Length;
            }
        }

        return new PlanDesign
        {
            SafetyPercentile = qSafe * 100,
            ValidationSeed = validation?.Seed,
            ValidationUsers = v is null ? null : validationUsers.Length,
            ValidatedShare = validated,
            ValidatedShareCi95 = validatedCi,
            UsageCapValidatedShare = capValidated,
            Plan = plan.Id,
            Percentile = percentile,
            TargetMargin = targetMargin,
            Users = users.Length,
            CurrentPrice = plan.MonthlyPrice,
            CostAtPercentile = PercentileSummary.Percentile(costs, q),
            CurrentMarginAtPercentile = double.IsFinite(currentAtQ) ? currentAtQ : null,
            RequiredPrice = required,
            Meter = plan.Meter,
            UsageCap = cap,
            UsageCapNote = note,
            PricingModels = ComparePricingModels(plan, o, users, q, targetMargin),
        };
    }

    /// <summary>The seed of the independent validation run for a design run seeded <paramref name="seed"/>.</summary>
    public static ulong ValidationSeed(ulong seed) => seed ^ 0x5DEE_CE66_D1CE_F00DUL;

    /// <summary>Each user's lowest price keeping margin <paramref name="m"/>, sorted ascending.</summary>
    private static double[] Needed(UserOutcomes o, int[] users, Plan plan, double m)
        => users.Select(i => (o.Cost[i] / (1 - m)) - (o.Revenue[i] - plan.MonthlyPrice)).Order().ToArray();

    /// <summary>The order statistic at rank ⌈q·n⌉ (at least q of the values are at or below it).</summary>
    private static double UpperOrderStatistic(double[] sorted, double q)
        => sorted[Math.Clamp((int)Math.Ceiling((q * sorted.Length) - 1e-9) - 1, 0, sorted.Length - 1)];

    private static Interval Wilson(int successes, int n)
    {
        const double Z = 1.96;
        var p = (double)successes / n;
        var denominator = 1 + (Z * Z / n);
        var centre = (p + (Z * Z / (2 * n))) / denominator;
        var half = Z * Math.Sqrt((p * (1 - p) / n) + (Z * Z / (4.0 * n * n))) / denominator;
        return new Interval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    private static int CountHolding(Plan plan, UserOutcomes o, int[] users, double cap, double m)
    {
        var ok = 0;
        foreach (var i in users)
        {
            var raw = o.RawUnits[i];
            var served = Math.Min(raw, cap);
            var cost = o.FixedCost[i] + (raw > 0 ? o.RawVariableCost[i] * served / raw : 0);
            var revenue = plan.MonthlyPrice + (plan.OveragePrice * Math.Max(0, served - (plan.Included ?? double.PositiveInfinity)));
            if (revenue - cost >= m * revenue)
            {
                ok++;
            }
        }

        return ok;
    }

    private static (double? Cap, string Note) FindCap(Plan plan, UserOutcomes o, int[] users, double q, double m)
    {
        if (plan.MonthlyPrice <= 0)
        {
            return (null, "a free plan earns nothing; no cap keeps a margin");
        }

        bool Holds(double cap) => CountHolding(plan, o, users, cap, m) >= q * users.Length;

        var maxUnits = users.Max(i => o.RawUnits[i]);
        if (Holds(maxUnits))
        {
            return (null, "no cap needed: the target holds at current usage");
        }

        if (!Holds(0))
        {
            return (null, "no cap suffices: fixed costs alone break the target");
        }

        double lo = 0, hi = maxUnits;
        for (var it = 0; it < 60; it++)
        {
            var mid = (lo + hi) / 2;
            (lo, hi) = Holds(mid) ? (mid, hi) : (lo, mid);
        }

        // Whole units, rounded down (toward safety: a lower cap serves less and costs less).
        var whole = Math.Floor(lo);
        return whole >= 1 && Holds(whole)
            ? (whole, "largest whole-unit cap at the current price, with the safety margin")
            : (null, "no whole-unit cap suffices at the current price");
    }

    private static ImmutableArray<PricingModelOutcome> ComparePricingModels(Plan plan, UserOutcomes o, int[] users, double q, double m)
    {
        var totalCost = users.Sum(i => o.Cost[i]);
        var totalCalls = users.Sum(i => o.Calls[i]);
        var totalSessions = users.Sum(i => o.Sessions[i]);
        var perCall = totalCalls > 0 ? totalCost / (1 - m) / totalCalls : 0;
        var perSession = totalSessions > 0 ? totalCost / (1 - m) / totalSessions : 0;
        return
        [
            Outcome("flat", $"current plan: {plan.MonthlyPrice:0.##} USD/month", i => o.Revenue[i]),
            Outcome("usage_based", $"{perCall:0.####} USD per model call (priced for a {m:P0} overall margin)", i => o.Calls[i] * perCall),
            Outcome("outcome_based", $"{perSession:0.####} USD per completed session/task (priced for a {m:P0} overall margin)", i => o.Sessions[i] * perSession),
        ];

        PricingModelOutcome Outcome(string name, string description, Func<int, double> revenueOf)
        {
            double revenue = 0;
            var unprofitable = 0;
            foreach (var i in users)
            {
                var r = revenueOf(i);
                revenue += r;
                if (r - o.Cost[i] < 0)
                {
                    unprofitable++;
                }
            }

            // The margin of the pN user by cost.
            var byCost = users.OrderBy(i => o.Cost[i]).ToArray();
            var at = byCost[Math.Clamp((int)Math.Ceiling(q * byCost.Length) - 1, 0, byCost.Length - 1)];
            var rAt = revenueOf(at);
            return new PricingModelOutcome(
                name,
                description,
                revenue / users.Length,
                MonteCarloEngine.Margin(revenue, totalCost),
                (double)unprofitable / users.Length,
                rAt > 0 ? (rAt - o.Cost[at]) / rAt : null);
        }
    }
}
