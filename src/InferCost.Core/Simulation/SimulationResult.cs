using System.Collections.Immutable;

namespace InferCost.Simulation;

/// <summary>Per-plan results: users, revenue, cost and margin per user-month, unprofitable share, gross margin.</summary>
public sealed record PlanResult
{
    /// <summary>Gets the plan id.</summary>
    public required string Plan { get; init; }

    /// <summary>Gets the monthly price.</summary>
    public required double MonthlyPrice { get; init; }

    /// <summary>Gets the simulated users on the plan.</summary>
    public required int Users { get; init; }

    /// <summary>Gets the share of all users on the plan.</summary>
    public required double UserShare { get; init; }

    /// <summary>Gets the mean revenue per user-month.</summary>
    public required double RevenuePerUser { get; init; }

    /// <summary>Gets the inference cost per user-month.</summary>
    public required PercentileSummary CostPerUser { get; init; }

    /// <summary>
    /// Gets revenue − cost per user-month, in the heavy-user sense: pN is the margin that N % of users beat (the margin
    /// at the (100 − N)th percentile), and <c>max</c> is the worst user's margin.
    /// </summary>
    public required PercentileSummary MarginPerUser { get; init; }

    /// <summary>Gets the share of users whose cost exceeds their revenue.</summary>
    public required double UnprofitableShare { get; init; }

    /// <summary>Gets a 95 % interval on <see cref="UnprofitableShare"/> (grouped bootstrap).</summary>
    public Interval? UnprofitableShareCi95 { get; init; }

    /// <summary>Gets (revenue − cost) / revenue over the plan's users; <see langword="null"/> when the plan earns nothing.</summary>
    public required double? GrossMargin { get; init; }

    /// <summary>Gets a 95 % interval on <see cref="GrossMargin"/> (grouped bootstrap); <see langword="null"/> for a free plan.</summary>
    public Interval? GrossMarginCi95 { get; init; }

    /// <summary>Gets the share of the plan's users whose usage reached the hard cap in the first month.</summary>
    public double CappedShare { get; init; }
}

/// <summary>Per-segment results.</summary>
public sealed record SegmentResult
{
    /// <summary>Gets the segment id.</summary>
    public required string Segment { get; init; }

    /// <summary>Gets the segment's plan.</summary>
    public required string Plan { get; init; }

    /// <summary>Gets the simulated users in the segment.</summary>
    public required int Users { get; init; }

    /// <summary>Gets mean revenue per user-month.</summary>
    public required double RevenuePerUser { get; init; }

    /// <summary>Gets cost per user-month.</summary>
    public required PercentileSummary CostPerUser { get; init; }

    /// <summary>Gets mean sessions per user-month (after caps).</summary>
    public required double SessionsPerUser { get; init; }

    /// <summary>Gets mean model calls per user-month (after caps).</summary>
    public required double CallsPerUser { get; init; }

    /// <summary>Gets the gross margin; <see langword="null"/> when the segment earns nothing.</summary>
    public required double? GrossMargin { get; init; }
}

/// <summary>Totals for one month of the horizon (the simulated users scaled to the month's active users).</summary>
/// <param name="Month">1-based month number.</param>
/// <param name="Date">The month, <c>yyyy-MM</c>.</param>
/// <param name="ActiveUsers">Active users that month.</param>
/// <param name="Revenue">Revenue.</param>
/// <param name="Cost">Inference cost at the prices in force that month.</param>
/// <param name="GrossMargin">(Revenue − cost) / revenue; <see langword="null"/> without revenue.</param>
public sealed record MonthTotals(int Month, string Date, double ActiveUsers, double Revenue, double Cost, double? GrossMargin);

/// <summary>Mean cost per user-month by dimension (first month's prices).</summary>
/// <param name="Input">Uncached input.</param>
/// <param name="Cached">Cached reads.</param>
/// <param name="CacheWrite">Cache writes.</param>
/// <param name="Output">Visible output.</param>
/// <param name="Reasoning">Reasoning output.</param>
/// <param name="Tools">Tool and request fees.</param>
/// <param name="Storage">Explicit cache storage.</param>
public sealed record DimensionCosts(double Input, double Cached, double CacheWrite, double Output, double Reasoning, double Tools, double Storage)
{
    /// <summary>Gets the sum.</summary>
    public double Total => Input + Cached + CacheWrite + Output + Reasoning + Tools + Storage;

    /// <summary>Builds from an array indexed by <see cref="CostDimension"/>.</summary>
    public static DimensionCosts From(ReadOnlySpan<double> d) => new(d[0], d[1], d[2], d[3], d[4], d[5], d[6]);
}

/// <summary>Mean cost per user-month on one model, with its dimensions.</summary>
/// <param name="Alias">The scenario's alias.</param>
/// <param name="Model">The resolved <c>provider/model</c>.</param>
/// <param name="CostPerUser">Mean cost per user-month on this model.</param>
/// <param name="Share">Share of all cost.</param>
/// <param name="Dimensions">By dimension.</param>
public sealed record ModelCost(string Alias, string Model, double CostPerUser, double Share, DimensionCosts Dimensions);

/// <summary>Everything a simulation found.</summary>
public sealed record SimulationResult
{
    /// <summary>Gets the scenario name.</summary>
    public required string Scenario { get; init; }

    /// <summary>Gets the simulated users.</summary>
    public required int Users { get; init; }

    /// <summary>Gets the seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Gets the first month, <c>yyyy-MM</c>.</summary>
    public required string StartMonth { get; init; }

    /// <summary>Gets mean revenue per user-month across all plans.</summary>
    public required double RevenuePerUser { get; init; }

    /// <summary>Gets cost per user-month across all plans.</summary>
    public required PercentileSummary CostPerUser { get; init; }

    /// <summary>Gets the share of unprofitable users across all plans.</summary>
    public required double UnprofitableShare { get; init; }

    /// <summary>Gets a 95 % interval on <see cref="UnprofitableShare"/> (grouped bootstrap).</summary>
    public Interval? UnprofitableShareCi95 { get; init; }

    /// <summary>Gets the overall gross margin in the first month (fixed monthly costs included).</summary>
    public required double? GrossMargin { get; init; }

    /// <summary>Gets a 95 % interval on <see cref="GrossMargin"/> (grouped bootstrap; see <c>docs/simulation.md</c>).</summary>
    public Interval? GrossMarginCi95 { get; init; }

    /// <summary>Gets the fixed monthly cost in the first month (explicit-cache storage), which does not grow with users.</summary>
    public double FixedMonthlyCost { get; init; }

    /// <summary>Gets how much of the cost the top 0.1 % of users carry.</summary>
    public TopUsersShare? TopUsers { get; init; }

    /// <summary>Gets the cache hit rate of each part of the prompt (call-weighted, first month).</summary>
    public ImmutableArray<CacheHitRate> CacheHitRates { get; init; } = [];

    /// <summary>Gets per-plan results.</summary>
    public required ImmutableArray<PlanResult> Plans { get; init; }

    /// <summary>Gets per-segment results.</summary>
    public required ImmutableArray<SegmentResult> Segments { get; init; }

    /// <summary>Gets month-by-month totals over the horizon.</summary>
    public required ImmutableArray<MonthTotals> Months { get; init; }

    /// <summary>Gets mean cost per user-month by dimension.</summary>
    public required DimensionCosts CostByDimension { get; init; }

    /// <summary>Gets mean cost per user-month by model.</summary>
    public required ImmutableArray<ModelCost> CostByModel { get; init; }

    /// <summary>Gets notes on assumptions the run had to make (e.g. a tool fee the catalog lacks).</summary>
    public required ImmutableArray<string> Warnings { get; init; }

    /// <summary>Gets the simulated user-months (users × horizon months).</summary>
    public long UserMonths => (long)Users * Months.Length;

    /// <summary>
    /// Gets how the percentiles (and their intervals) were computed: exact order statistics, or a quantile sketch with
    /// a proven rank-error bound above <see cref="SimulationOptions.ExactPercentileUsers"/> users.
    /// </summary>
    public PercentileAccuracy? PercentileAccuracy { get; init; }

    /// <summary>
    /// Gets per-user outcomes (for plan design); not serialised. Absent (null) on a streamed run, which keeps no
    /// per-user arrays (see <see cref="SimulationOptions.KeepUserOutcomes"/>).
    /// </summary>
    internal UserOutcomes Outcomes { get; init; } = null!;
}

/// <summary>The cache hit rate of one part of the prompt.</summary>
/// <param name="Part"><c>system_prompt_and_tools</c>, <c>user_context</c> or <c>history</c>.</param>
/// <param name="Tokens">Tokens of the part per call (history: varies).</param>
/// <param name="Shared">Whether the part is the same for every user (hits at the product-wide rate).</param>
/// <param name="HitRate">Expected share of calls (history: of calls after the first of a session) that read the part from cache.</param>
public sealed record CacheHitRate(string Part, double? Tokens, bool Shared, double HitRate);

/// <summary>The share of cost carried by the heaviest users, and a cap that would bound them.</summary>
/// <param name="ShareOfUsers">The top share of users (0.001).</param>
/// <param name="ShareOfCost">Their share of inference cost.</param>
/// <param name="Plan">The plan carrying most of their cost.</param>
/// <param name="SuggestedCap">A hard cap for that plan (its users' p99 usage, in the plan's meter).</param>
/// <param name="Note">The warning text.</param>
public sealed record TopUsersShare(double ShareOfUsers, double ShareOfCost, string Plan, double SuggestedCap, string Note);

/// <summary>How a run's percentiles were computed.</summary>
/// <param name="Exact">
/// <see langword="true"/>: order statistics of every simulated user; <see langword="false"/>: a mergeable quantile
/// sketch (<see cref="QuantileSketch"/>), so memory does not grow with the number of users.
/// </param>
/// <param name="RankError">
/// The proven bound on rank error, as a share of the group's users (the largest over every reported group; 0 when
/// exact): each reported pN is a value whose rank among the group's n simulated values is within ±RankError·n of
/// N % of n, and each percentile interval is widened by that many ranks on both sides. Means, maxima, shares and
/// totals are exact either way.
/// </param>
/// <param name="ExactUpToUsers">Runs of at most this many users get exact percentiles.</param>
public sealed record PercentileAccuracy(bool Exact, double RankError, int ExactUpToUsers);
