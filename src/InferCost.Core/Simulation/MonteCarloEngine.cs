using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using InferCost.Caching;
using InferCost.Errors;
using InferCost.Pricing;
using InferCost.Workloads;

namespace InferCost.Simulation;

/// <summary>
/// The Monte Carlo engine: draws each simulated user's typical month from the segment distributions, prices their
/// sessions on the routed models with per-token doubles, applies the plan (included usage, overage, hard cap) and
/// aggregates per plan, segment, month, model and cost dimension. Seeded by (seed, user index), so the result is the
/// same on any number of threads; the inner loop does not allocate.
/// </summary>
public static partial class MonteCarloEngine
{
    private const int ChunkSize = 4096;

    /// <summary>Runs <paramref name="scenario"/> priced from <paramref name="catalog"/>.</summary>
    /// <exception cref="InferCostException">The scenario is invalid, or a model is unknown (<see cref="UnknownModelException"/>).</exception>
    public static SimulationResult Run(Scenario scenario, PriceCatalog catalog, SimulationOptions? options = null)
    {
        options ??= new SimulationOptions();
        if (options.Users < 1)
        {
            throw new InferCostException("--users must be at least 1");
        }

        var compiled = CompiledScenario.Compile(scenario, catalog, options);
        var n = options.Users;
        var epochs = compiled.EpochRates.Length;
        var modelCount = compiled.Models.Length;
        var cumulative = new double[compiled.Segments.Length];
        var acc = 0.0;
        for (var s = 0; s < cumulative.Length; s++)
        {
            acc += compiled.Segments[s].Segment.Share;
            cumulative[s] = acc;
        }

        cumulative[^1] = double.PositiveInfinity;
        var ranges = SegmentRanges(cumulative, n);
        if (n > options.ExactPercentileUsers && !options.KeepMonthlyCosts && !options.KeepUserOutcomes)
        {
            return RunStreaming(compiled, options, ranges);
        }

        var outcomes = new UserOutcomes(n, [.. scenario.Plans.Select(p => p.Id)]);
        var months = compiled.Months;
        if (options.KeepMonthlyCosts)
        {
            outcomes.MonthCost = [.. Enumerable.Range(0, months).Select(_ => new double[n])];
        }

        var chunks = (n + ChunkSize - 1) / ChunkSize;
        var chunkTotals = new ChunkTotals[chunks];
        var done = 0;
        var legMax = compiled.Segments.Max(s => s.Legs.Length);
        Parallel.For(
            0,
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1, CancellationToken = options.Cancellation },
            c =>
            {
                var totals = new ChunkTotals(months, modelCount, scenario.Plans.Length);
                var scratch = new Scratch(legMax, epochs, months);
                var from = c * ChunkSize;
                var to = Math.Min(n, from + ChunkSize);
                var segment = 0;
                for (var i = from; i < to; i++)
                {
                    while (i >= ranges[segment].To)
                    {
                        segment++;
                    }

                    SimulateUser(compiled, compiled.Segments[segment], segment, i, i, options.Seed, outcomes, totals, scratch);
                }

                chunkTotals[c] = totals;
                if (options.Progress is { } progress)
                {
                    progress.Report((double)Interlocked.Increment(ref done) / chunks);
                }
            });

        return Aggregate(compiled, options, outcomes, chunkTotals, ranges);
    }

    // Called a million times from the first run: compile it fully optimised at once rather than run tier 0 first.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SimulateUser(CompiledScenario compiled, CompiledSegment seg, int segmentIndex, int user, int slot, ulong seed, UserOutcomes outcomes, ChunkTotals totals, Scratch scratch)
    {
        var rng = new Xoshiro256(seed, (ulong)user);
        double sessions, steps;
        if (seg.Correlation != 0)
        {
            var z1 = rng.NextGaussian();
            var z2 = (seg.Correlation * z1) + (seg.CorrelationComplement * rng.NextGaussian());
            sessions = seg.Sessions.FromStandardNormal(z1);
            steps = seg.Steps.FromStandardNormal(z2);
        }
        else
        {
            sessions = seg.Sessions.Sample(ref rng);
            steps = seg.Steps.Sample(ref rng);
        }

        var input = seg.InputTokens.Sample(ref rng);
        var output = seg.OutputTokens.Sample(ref rng);
        var toolResult = seg.ToolResultTokens.Sample(ref rng);

        // Month-to-month noise: a mean-one lognormal factor on the user's persistent level, one per month.
        var months = compiled.Months;
        var noise = scratch.Noise;
        var sigma = compiled.Scenario.Horizon.MonthNoise;
        for (var m = 0; m < months; m++)
        {
            noise[m] = sigma > 0 ? Math.Exp((sigma * rng.NextGaussian()) - (0.5 * sigma * sigma)) : 1;
        }

        var plan = seg.Plan;
        var levelUnits = plan.Meter == PlanMeter.Sessions ? sessions : sessions * steps;
        var epochs = compiled.EpochRates.Length;
        var modelCount = compiled.Models.Length;
        var legCost = scratch.LegCost;
        var parts = scratch.Parts;
        var calls = sessions * steps;
        for (var l = 0; l < seg.Legs.Length; l++)
        {
            ref readonly var leg = ref seg.Legs[l];
            var userRate = calls * leg.Weight / CompiledScenario.SecondsPerMonth;
            var userHit = leg.PerUserPrefix ? CacheHitModel.PoissonHitProbability(userRate, leg.TtlSeconds) : 0;
            for (var e = 0; e < epochs; e++)
            {
                var perSession = SessionCostKernel.Cost(leg, compiled.EpochRates[e][leg.Model], steps, input, output, toolResult, userHit, parts);
                legCost[(l * epochs) + e] = leg.Weight * perSession * sessions;
                if (e == compiled.EpochOfMonth[0])
                {
                    parts.AsSpan(0, SessionCostKernel.Parts).CopyTo(scratch.FirstParts.AsSpan(l * SessionCostKernel.Parts));
                }
            }

            scratch.UserHit[l] = userHit;
        }

        var weight = 1.0;
        var elasticity = compiled.Scenario.Horizon.ChurnUsageElasticity;
        var churn = compiled.Scenario.Horizon.MonthlyChurn;
        for (var m = 0; m < months; m++)
        {
            var rawUnits = levelUnits * noise[m];
            var capFactor = plan.HardCap is { } cap && rawUnits > cap ? cap / rawUnits : 1.0;
            var units = rawUnits * capFactor;
            var revenue = plan.MonthlyPrice + (plan.OveragePrice * Math.Max(0, units - (plan.Included ?? double.PositiveInfinity)));
            if (double.IsNaN(revenue))
            {
                revenue = plan.MonthlyPrice;
            }

            var e = compiled.EpochOfMonth[m];
            var uncapped = 0.0;
            for (var l = 0; l < seg.Legs.Length; l++)
            {
                uncapped += legCost[(l * epochs) + e] * compiled.PriceFactor[(m * modelCount) + seg.Legs[l].Model];
            }

            uncapped *= noise[m];
            var cost = uncapped * capFactor;
            totals.Revenue[m] += weight * revenue;
            totals.Cost[m] += weight * cost;
            totals.Weight[m] += weight;
            if (outcomes.MonthCost is { } monthCost)
            {
                monthCost[m][slot] = cost;
            }

            if (m == 0)
            {
                var served = sessions * noise[0] * capFactor;
                for (var l = 0; l < seg.Legs.Length; l++)
                {
                    ref readonly var leg = ref seg.Legs[l];
                    var w = leg.Weight * served * compiled.PriceFactor[leg.Model];
                    var dims = totals.Dimensions.AsSpan(leg.Model * 7, 7);
                    for (var d = 0; d < SessionCostKernel.Parts; d++)
                    {
                        dims[d] += w * scratch.FirstParts[(l * SessionCostKernel.Parts) + d];
                    }

                    // Hit rates per prompt part, weighted by the calls that send it.
                    var legCalls = leg.Weight * served * steps;
                    totals.Hits[0] += legCalls * leg.SharedHit;
                    totals.Hits[1] += legCalls * scratch.UserHit[l];
                    totals.Hits[2] += legCalls * leg.SessionHit * (steps > 1 ? (steps - 1) / steps : 0);
                    totals.HitWeight += legCalls;
                    totals.HistoryWeight += legCalls * (steps > 1 ? (steps - 1) / steps : 0);
                }

                if (capFactor < 1)
                {
                    totals.Capped[seg.PlanIndex]++;
                }

                outcomes.Cost[slot] = cost;
                outcomes.Revenue[slot] = revenue;
                outcomes.Sessions[slot] = served;
                outcomes.Calls[slot] = served * steps;
                outcomes.RawUnits[slot] = rawUnits;
                outcomes.RawVariableCost[slot] = uncapped;
            }

            if (elasticity > 0)
            {
                // Usage-dependent churn: the mix of active users shifts toward those who stay (the count follows the horizon).
                var relative = seg.MeanSessions > 0 ? sessions * noise[m] * capFactor / seg.MeanSessions : 1;
                var p = relative > 0 ? churn * Math.Pow(relative, -elasticity) : 1;
                weight *= 1 - Math.Min(1, p);
            }
        }

        outcomes.Plan[slot] = (byte)seg.PlanIndex;
        outcomes.Segment[slot] = (byte)segmentIndex;
        outcomes.FixedCost[slot] = 0;
    }

    private static SimulationResult Aggregate(CompiledScenario compiled, SimulationOptions options, UserOutcomes outcomes, ChunkTotals[] chunkTotals, (int From, int To)[] ranges)
    {
        var scenario = compiled.Scenario;
        var fixedPerUser = compiled.FixedByMonth[0].Sum() / scenario.Users;
        var summary = SummaryAggregator.Summarise(compiled, outcomes, ranges, options.MaxDegreeOfParallelism is > 0 and var threads ? threads : Environment.ProcessorCount);
        var uncertainty = Uncertainty.Bootstrap(outcomes, scenario.Plans.Length, fixedPerUser, options.Seed);
        var sessions = new double[compiled.Segments.Length];
        var calls = new double[compiled.Segments.Length];
        for (var s = 0; s < compiled.Segments.Length; s++)
        {
            var (from, to) = ranges[s];
            for (var i = from; i < to; i++)
            {
                sessions[s] += outcomes.Sessions[i];
                calls[s] += outcomes.Calls[i];
            }
        }

        var top = TopUsers(compiled, outcomes, summary.AllSorted);
        return Build(compiled, options, outcomes.Count, outcomes.Cost.Sum(), chunkTotals, summary, uncertainty, sessions, calls, top, new PercentileAccuracy(true, 0, options.ExactPercentileUsers)) with { Outcomes = outcomes };
    }

    /// <summary>The result from the aggregates either path computes (per-user arrays, or the streaming summaries).</summary>
    private static SimulationResult Build(
        CompiledScenario compiled,
        SimulationOptions options,
        int n,
        double costSum,
        ChunkTotals[] chunkTotals,
        SummaryAggregator.Summaries summary,
        Uncertainty.Result uncertainty,
        double[] segmentSessions,
        double[] segmentCalls,
        TopUsersShare top,
        PercentileAccuracy accuracy)
    {
        var scenario = compiled.Scenario;
        var monthCount = compiled.Months;
        var modelCount = compiled.Models.Length;
        var revenueByMonth = new double[monthCount];
        var costByMonth = new double[monthCount];
        var weightByMonth = new double[monthCount];
        var dims = new double[modelCount * 7];
        var hits = new double[3];
        double hitWeight = 0, historyWeight = 0;
        var capped = new int[scenario.Plans.Length];
        foreach (var t in chunkTotals)
        {
            for (var m = 0; m < monthCount; m++)
            {
                revenueByMonth[m] += t.Revenue[m];
                costByMonth[m] += t.Cost[m];
                weightByMonth[m] += t.Weight[m];
            }

            for (var d = 0; d < dims.Length; d++)
            {
                dims[d] += t.Dimensions[d];
            }

            for (var h = 0; h < 3; h++)
            {
                hits[h] += t.Hits[h];
            }

            hitWeight += t.HitWeight;
            historyWeight += t.HistoryWeight;
            for (var p = 0; p < capped.Length; p++)
            {
                capped[p] += t.Capped[p];
            }
        }

        var months = ImmutableArray.CreateBuilder<MonthTotals>(monthCount);
        for (var m = 0; m < monthCount; m++)
        {
            var active = scenario.Horizon.ActiveUsers(scenario.Users, m);
            var w = weightByMonth[m] > 0 ? weightByMonth[m] : 1;
            var monthRevenue = revenueByMonth[m] / w * active;
            var monthCost = (costByMonth[m] / w * active) + compiled.FixedByMonth[m].Sum();
            months.Add(new MonthTotals(m + 1, compiled.MonthLabel(m), active, monthRevenue, monthCost, Margin(monthRevenue, monthCost)));
        }

        // Fixed monthly costs (explicit-cache storage) shown per user-month of the first month.
        var fixedPerUser = compiled.FixedByMonth[0].Sum() / scenario.Users;
        var byDimension = new double[7];
        var byModel = ImmutableArray.CreateBuilder<ModelCost>(modelCount);
        var totalCost = costSum + (fixedPerUser * n);
        for (var m = 0; m < modelCount; m++)
        {
            var row = new double[7];
            for (var d = 0; d < 6; d++)
            {
                row[d] = dims[(m * 7) + d] / n;
            }

            row[6] = compiled.FixedByMonth[0][m] / scenario.Users;
            for (var d = 0; d < 7; d++)
            {
                byDimension[d] += row[d];
            }

            var perUser = row.Sum();
            byModel.Add(new ModelCost(scenario.Models[m].Alias, compiled.Models[m].QualifiedId, perUser, totalCost > 0 ? perUser * n / totalCost : 0, DimensionCosts.From(row)));
        }

        var warnings = ImmutableArray.CreateBuilder<string>();
        warnings.AddRange(compiled.Warnings);
        var plans = ImmutableArray.CreateBuilder<PlanResult>(scenario.Plans.Length);
        for (var p = 0; p < scenario.Plans.Length; p++)
        {
            var plan = scenario.Plans[p];
            var g = summary.Plans[p];
            var u = uncertainty.Plans[p];
            plans.Add(new PlanResult
            {
                Plan = plan.Id,
                MonthlyPrice = plan.MonthlyPrice,
                Users = g.Count,
                UserShare = (double)g.Count / n,
                RevenuePerUser = g.Count == 0 ? 0 : g.Revenue / g.Count,
                CostPerUser = g.Cost with { MeanCi95 = u.MeanCost },
                MarginPerUser = g.Margin,
                UnprofitableShare = g.Unprofitable,
                UnprofitableShareCi95 = u.Unprofitable,
                GrossMargin = Margin(g.Revenue, g.Cost.Mean * g.Count),
                GrossMarginCi95 = plan.IsFree || g.Count == 0 ? null : u.GrossMargin,
                CappedShare = g.Count == 0 ? 0 : (double)capped[p] / g.Count,
            });
            if (g.Count >= 20 && capped[p] > g.Count / 2)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"plans.{plan.Id}.hard_cap: the cap binds for {(double)capped[p] / g.Count:P0} of the plan's users; it is the typical user's limit, not a guard against the heavy tail. Check the cap or the usage distribution"));
            }
        }

        var segments = ImmutableArray.CreateBuilder<SegmentResult>(compiled.Segments.Length);
        for (var s = 0; s < compiled.Segments.Length; s++)
        {
            var g = summary.Segments[s];
            var sessions = segmentSessions[s];
            var calls = segmentCalls[s];

            segments.Add(new SegmentResult
            {
                Segment = compiled.Segments[s].Segment.Id,
                Plan = compiled.Segments[s].Plan.Id,
                Users = g.Count,
                RevenuePerUser = g.Count == 0 ? 0 : g.Revenue / g.Count,
                CostPerUser = g.Cost,
                SessionsPerUser = g.Count == 0 ? 0 : sessions / g.Count,
                CallsPerUser = g.Count == 0 ? 0 : calls / g.Count,
                GrossMargin = Margin(g.Revenue, g.Cost.Mean * g.Count),
            });
        }

        if (top.ShareOfCost >= TopShareWarning && n >= 1000)
        {
            warnings.Add(top.Note);
        }

        var agent = scenario.Agent;
        var hitRates = ImmutableArray.Create(
            new CacheHitRate("system_prompt_and_tools", agent.SharedPrefixTokens, scenario.Caching.SharedPrefix, hitWeight > 0 ? (scenario.Caching.SharedPrefix ? hits[0] : hits[1]) / hitWeight : 0),
            new CacheHitRate("user_context", agent.UserContextTokens, false, hitWeight > 0 && agent.UserContextTokens > 0 ? hits[1] / hitWeight : 0),
            new CacheHitRate("history", null, false, historyWeight > 0 ? hits[2] / historyWeight : 0));

        var all = summary.All;
        return new SimulationResult
        {
            Scenario = scenario.Name,
            Users = n,
            Seed = options.Seed,
            StartMonth = compiled.MonthLabel(0),
            RevenuePerUser = all.Revenue / n,
            CostPerUser = all.Cost with { MeanCi95 = uncertainty.All.MeanCost },
            UnprofitableShare = all.Unprofitable,
            UnprofitableShareCi95 = uncertainty.All.Unprofitable,
            GrossMargin = Margin(all.Revenue, (all.Cost.Mean + fixedPerUser) * n),
            GrossMarginCi95 = all.Revenue > 0 ? uncertainty.All.GrossMargin : null,
            FixedMonthlyCost = compiled.FixedByMonth[0].Sum(),
            TopUsers = top,
            CacheHitRates = hitRates,
            Plans = plans.MoveToImmutable(),
            Segments = segments.MoveToImmutable(),
            Months = months.MoveToImmutable(),
            CostByDimension = DimensionCosts.From(byDimension),
            CostByModel = byModel.MoveToImmutable(),
            Warnings = warnings.Distinct().ToImmutableArray(),
            PercentileAccuracy = accuracy,
        };
    }

    /// <summary>Share of cost above which the top 0.1 % of users are said to dominate (100× their share of users).</summary>
    internal const double TopShareWarning = 0.10;

    private static TopUsersShare TopUsers(CompiledScenario compiled, UserOutcomes outcomes, double[] sortedCosts)
    {
        var n = sortedCosts.Length;
        var k = Math.Max(1, (int)Math.Ceiling(n * 0.001));
        double total = 0, top = 0;
        for (var i = 0; i < n; i++)
        {
            total += sortedCosts[i];
            if (i >= n - k)
            {
                top += sortedCosts[i];
            }
        }

        var share = total > 0 ? top / total : 0;

        // Suggest a cap on the paid plan that carries most of the top users' cost: its users' p99 usage.
        var threshold = sortedCosts[n - k];
        var byPlan = new double[compiled.Scenario.Plans.Length];
        for (var i = 0; i < outcomes.Count; i++)
        {
            if (outcomes.Cost[i] >= threshold)
            {
                byPlan[outcomes.Plan[i]] += outcomes.Cost[i];
            }
        }

        var planIndex = Array.IndexOf(byPlan, byPlan.Max());
        var units = Enumerable.Range(0, outcomes.Count).Where(i => outcomes.Plan[i] == planIndex).Select(i => outcomes.RawUnits[i]).Order().ToArray();
        var cap = Math.Max(1, Math.Floor(PercentileSummary.Percentile(units, 0.99)));
        return TopUsersNote(compiled, n, k, share, planIndex, cap);
    }

    private static TopUsersShare TopUsersNote(CompiledScenario compiled, int n, int k, double share, int planIndex, double cap)
    {
        var plan = compiled.Scenario.Plans[planIndex];
        var unit = plan.Meter == PlanMeter.Calls ? "calls" : "sessions";
        var note = string.Create(
            CultureInfo.InvariantCulture,
            $"the top 0.1 % of users ({k:N0} of {n:N0} simulated) carry {share:P1} of inference cost: the mean, the margin and their intervals move with whichever extreme users a seed draws. Cap usage as real plans do, e.g. plans.{plan.Id}.hard_cap: {cap:0} ({unit}/month, the plan's p99 usage)");
        return new TopUsersShare(0.001, share, plan.Id, cap, note);
    }

    /// <summary>
    /// The users of each segment: user i belongs to the first segment s with (i + ½) / n below the cumulative share of
    /// segments 0..s, so users are split in exact proportion and each segment is one contiguous range of indices.
    /// </summary>
    internal static (int From, int To)[] SegmentRanges(double[] cumulative, int n)
    {
        var ranges = new (int From, int To)[cumulative.Length];
        var from = 0;
        for (var s = 0; s < cumulative.Length; s++)
        {
            // First index past segment s: the first i with (i + ½) / n ≥ cumulative[s] (a monotone predicate).
            int lo = from, hi = n;
            while (lo < hi)
            {
                var mid = lo + ((hi - lo) / 2);
                if ((mid + 0.5) / n >= cumulative[s])
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            ranges[s] = (from, lo);
            from = lo;
        }

        return ranges;
    }

    internal static double? Margin(double revenue, double cost) => revenue > 0 ? (revenue - cost) / revenue : null;

    private sealed class ChunkTotals(int months, int models, int plans)
    {
        public double[] Cost { get; } = new double[months];

        public double[] Revenue { get; } = new double[months];

        public double[] Weight { get; } = new double[months];

        public double[] Dimensions { get; } = new double[models * 7];

        public double[] Hits { get; } = new double[3];

        public double HitWeight { get; set; }

        public double HistoryWeight { get; set; }

        public int[] Capped { get; } = new int[plans];

        /// <summary>Adds <paramref name="other"/> into these totals, element by element.</summary>
        public void Add(ChunkTotals other)
        {
            AddInto(Cost, other.Cost);
            AddInto(Revenue, other.Revenue);
            AddInto(Weight, other.Weight);
            AddInto(Dimensions, other.Dimensions);
            AddInto(Hits, other.Hits);
            HitWeight += other.HitWeight;
            HistoryWeight += other.HistoryWeight;
            for (var p = 0; p < Capped.Length; p++)
            {
                Capped[p] += other.Capped[p];
            }
        }

        /// <summary>Sets every total back to zero.</summary>
        public void Clear()
        {
            Array.Clear(Cost);
            Array.Clear(Revenue);
            Array.Clear(Weight);
            Array.Clear(Dimensions);
            Array.Clear(Hits);
            Array.Clear(Capped);
            HitWeight = 0;
            HistoryWeight = 0;
        }

        private static void AddInto(double[] into, double[] from)
        {
            for (var i = 0; i < into.Length; i++)
            {
                into[i] += from[i];
            }
        }
    }

    private sealed class Scratch(int legs, int epochs, int months)
    {
        public double[] Parts { get; } = new double[SessionCostKernel.Parts];

        public double[] FirstParts { get; } = new double[legs * SessionCostKernel.Parts];

        public double[] LegCost { get; } = new double[legs * epochs];

        public double[] UserHit { get; } = new double[legs];

        public double[] Noise { get; } = new double[months];
    }
}
