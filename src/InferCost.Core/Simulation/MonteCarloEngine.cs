using System.Collections.Immutable;
using System.Runtime.CompilerServices;
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
public static class MonteCarloEngine
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
        var outcomes = new UserOutcomes(n, [.. scenario.Plans.Select(p => p.Id)]);
        var cumulative = new double[compiled.Segments.Length];
        var acc = 0.0;
        for (var s = 0; s < cumulative.Length; s++)
        {
            acc += compiled.Segments[s].Segment.Share;
            cumulative[s] = acc;
        }

        cumulative[^1] = double.PositiveInfinity;
        var ranges = SegmentRanges(cumulative, n);
        var chunks = (n + ChunkSize - 1) / ChunkSize;
        var chunkTotals = new ChunkTotals[chunks];
        var done = 0;
        Parallel.For(
            0,
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1, CancellationToken = options.Cancellation },
            c =>
            {
                var totals = new ChunkTotals(epochs, modelCount);
                var parts = new double[SessionCostKernel.Parts];
                var legCost = new double[epochs];
                var from = c * ChunkSize;
                var to = Math.Min(n, from + ChunkSize);
                var segment = 0;
                for (var i = from; i < to; i++)
                {
                    while (i >= ranges[segment].To)
                    {
                        segment++;
                    }

                    SimulateUser(compiled, compiled.Segments[segment], segment, i, options.Seed, outcomes, totals, parts, legCost);
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
    private static void SimulateUser(CompiledScenario compiled, CompiledSegment seg, int segmentIndex, int user, ulong seed, UserOutcomes outcomes, ChunkTotals totals, double[] parts, double[] legCost)
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

        var plan = seg.Plan;
        var rawUnits = plan.Meter == PlanMeter.Sessions ? sessions : sessions * steps;
        var capFactor = plan.HardCap is { } cap && rawUnits > cap ? cap / rawUnits : 1.0;
        var units = rawUnits * capFactor;
        var revenue = plan.MonthlyPrice + (plan.OveragePrice * Math.Max(0, units - (plan.Included ?? double.PositiveInfinity)));
        if (double.IsNaN(revenue))
        {
            revenue = plan.MonthlyPrice;
        }

        var servedSessions = sessions * capFactor;
        Array.Clear(legCost);
        var epochs = compiled.EpochRates.Length;
        for (var l = 0; l < seg.Legs.Length; l++)
        {
            ref readonly var leg = ref seg.Legs[l];
            for (var e = 0; e < epochs; e++)
            {
                var perSession = SessionCostKernel.Cost(leg, compiled.EpochRates[e][leg.Model], steps, input, output, toolResult, parts);
                legCost[e] += leg.Weight * perSession * sessions;
                if (e == 0)
                {
                    var w = leg.Weight * servedSessions;
                    var dims = totals.Dimensions.AsSpan(leg.Model * 7, 7);
                    for (var d = 0; d < SessionCostKernel.Parts; d++)
                    {
                        dims[d] += w * parts[d];
                    }
                }
            }
        }

        double fixedCost = 0;
        for (var e = 0; e < epochs; e++)
        {
            var storage = 0.0;
            var storageRow = compiled.StoragePerUser[e];
            for (var m = 0; m < storageRow.Length; m++)
            {
                storage += storageRow[m];
                if (e == 0)
                {
                    totals.Dimensions[(m * 7) + 6] += storageRow[m];
                }
            }

            var cost = (legCost[e] * capFactor) + storage;
            totals.CostByEpoch[e] += cost;
            if (e == 0)
            {
                fixedCost = storage;
                outcomes.Cost[user] = cost;
            }
        }

        totals.Revenue += revenue;
        outcomes.Plan[user] = (byte)seg.PlanIndex;
        outcomes.Segment[user] = (byte)segmentIndex;
        outcomes.Revenue[user] = revenue;
        outcomes.Sessions[user] = servedSessions;
        outcomes.Calls[user] = servedSessions * steps;
        outcomes.RawUnits[user] = rawUnits;
        outcomes.RawVariableCost[user] = legCost[0];
        outcomes.FixedCost[user] = fixedCost;
    }

    private static SimulationResult Aggregate(CompiledScenario compiled, SimulationOptions options, UserOutcomes outcomes, ChunkTotals[] chunkTotals, (int From, int To)[] ranges)
    {
        var scenario = compiled.Scenario;
        var n = outcomes.Count;
        var epochs = compiled.EpochRates.Length;
        var costByEpoch = new double[epochs];
        var dims = new double[compiled.Models.Length * 7];
        var revenue = 0.0;
        foreach (var t in chunkTotals)
        {
            revenue += t.Revenue;
            for (var e = 0; e < epochs; e++)
            {
                costByEpoch[e] += t.CostByEpoch[e];
            }

            for (var d = 0; d < dims.Length; d++)
            {
                dims[d] += t.Dimensions[d];
            }
        }

        var months = ImmutableArray.CreateBuilder<MonthTotals>(scenario.Horizon.Months);
        for (var m = 0; m < scenario.Horizon.Months; m++)
        {
            var active = scenario.Horizon.ActiveUsers(scenario.Users, m);
            var monthRevenue = revenue / n * active;
            var monthCost = costByEpoch[compiled.EpochOfMonth[m]] / n * active;
            months.Add(new MonthTotals(m + 1, compiled.MonthLabel(m), active, monthRevenue, monthCost, Margin(monthRevenue, monthCost)));
        }

        var byDimension = new double[7];
        var byModel = ImmutableArray.CreateBuilder<ModelCost>(compiled.Models.Length);
        var totalCost = costByEpoch[compiled.EpochOfMonth[0]];
        for (var m = 0; m < compiled.Models.Length; m++)
        {
            var row = new double[7];
            for (var d = 0; d < 7; d++)
            {
                row[d] = dims[(m * 7) + d] / n;
                byDimension[d] += row[d];
            }

            var perUser = row.Sum();
            byModel.Add(new ModelCost(scenario.Models[m].Alias, compiled.Models[m].QualifiedId, perUser, totalCost > 0 ? perUser * n / totalCost : 0, DimensionCosts.From(row)));
        }

        var summary = SummaryAggregator.Summarise(compiled, outcomes, ranges, options.MaxDegreeOfParallelism is > 0 and var threads ? threads : Environment.ProcessorCount);
        var plans = ImmutableArray.CreateBuilder<PlanResult>(scenario.Plans.Length);
        for (var p = 0; p < scenario.Plans.Length; p++)
        {
            var plan = scenario.Plans[p];
            var g = summary.Plans[p];
            plans.Add(new PlanResult
            {
                Plan = plan.Id,
                MonthlyPrice = plan.MonthlyPrice,
                Users = g.Count,
                UserShare = (double)g.Count / n,
                RevenuePerUser = g.Count == 0 ? 0 : g.Revenue / g.Count,
                CostPerUser = g.Cost,
                MarginPerUser = g.Margin,
                UnprofitableShare = g.Unprofitable,
                GrossMargin = Margin(g.Revenue, g.Cost.Mean * g.Count),
            });
        }

        var segments = ImmutableArray.CreateBuilder<SegmentResult>(compiled.Segments.Length);
        for (var s = 0; s < compiled.Segments.Length; s++)
        {
            var g = summary.Segments[s];
            double sessions = 0, calls = 0;
            var (from, to) = ranges[s];
            for (var i = from; i < to; i++)
            {
                sessions += outcomes.Sessions[i];
                calls += outcomes.Calls[i];
            }

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

        var all = summary.All;
        return new SimulationResult
        {
            Scenario = scenario.Name,
            Users = n,
            Seed = options.Seed,
            StartMonth = compiled.MonthLabel(0),
            RevenuePerUser = all.Revenue / n,
            CostPerUser = all.Cost,
            UnprofitableShare = all.Unprofitable,
            GrossMargin = Margin(all.Revenue, all.Cost.Mean * n),
            Plans = plans.MoveToImmutable(),
            Segments = segments.MoveToImmutable(),
            Months = months.MoveToImmutable(),
            CostByDimension = DimensionCosts.From(byDimension),
            CostByModel = byModel.MoveToImmutable(),
            Warnings = compiled.Warnings,
            Outcomes = outcomes,
        };
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

    private sealed class ChunkTotals(int epochs, int models)
    {
        public double[] CostByEpoch { get; } = new double[epochs];

        public double[] Dimensions { get; } = new double[models * 7];

        public double Revenue { get; set; }
    }
}
