using System.Runtime.ExceptionServices;

namespace InferCost.Simulation;

/// <summary>
/// The streaming path of the engine, for runs above <see cref="SimulationOptions.ExactPercentileUsers"/>: users are
/// simulated in fixed blocks of <see cref="BlockSize"/> (a block's users are the same whatever the thread count); each
/// block is summarised (a <see cref="QuantileSketch"/> per segment's costs and per plan's margins and usage, exact
/// sums, bootstrap group totals) and the summaries merge strictly in block order, so the result for a seed is the same
/// on any number of threads. Memory is a few blocks' worth, not the user count.
/// </summary>
public static partial class MonteCarloEngine
{
    /// <summary>Users per block: the unit of work and of merging on the streaming path (a multiple of the chunk size).</summary>
    internal const int BlockSize = 1 << 18;

    /// <summary>How many blocks past the next one to merge a thread may start, per thread (bounds memory).</summary>
    private const int BlocksAheadPerThread = 2;

    private static SimulationResult RunStreaming(CompiledScenario compiled, SimulationOptions options, (int From, int To)[] ranges)
    {
        var scenario = compiled.Scenario;
        var n = options.Users;
        var fixedPerUser = compiled.FixedByMonth[0].Sum() / scenario.Users;
        var blocks = (int)(((long)n + BlockSize - 1) / BlockSize);
        var topCount = Math.Max(1, (int)Math.Ceiling(n * 0.001));
        var threads = Math.Clamp(options.MaxDegreeOfParallelism is > 0 and var t ? t : Environment.ProcessorCount, 1, blocks);
        var legMax = compiled.Segments.Max(s => s.Legs.Length);
        var planIds = scenario.Plans.Select(p => p.Id).ToArray();

        var total = new BlockSummary(compiled, n, fixedPerUser);
        var pending = new BlockSummary?[blocks];
        var pool = new Stack<BlockSummary>();
        var heaps = new TopCosts[threads];
        var gate = new object();
        int nextToClaim = 0, nextToMerge = 0;
        ExceptionDispatchInfo? failure = null;

        void Worker(int worker)
        {
            var outcomes = new UserOutcomes(BlockSize, [.. planIds]);
            var scratch = new Scratch(legMax, compiled.EpochRates.Length, compiled.Months);
            var chunk = new ChunkTotals(compiled.Months, compiled.Models.Length, planIds.Length);
            var heap = heaps[worker] = new TopCosts(topCount);
            try
            {
                while (true)
                {
                    int b;
                    BlockSummary summary;
                    lock (gate)
                    {
                        while (failure is null && nextToClaim < blocks && nextToClaim - nextToMerge >= BlocksAheadPerThread * threads)
                        {
                            Monitor.Wait(gate);
                        }

                        if (failure is not null || nextToClaim >= blocks)
                        {
                            return;
                        }

                        b = nextToClaim++;
                        summary = pool.Count > 0 ? pool.Pop() : new BlockSummary(compiled, n, fixedPerUser);
                    }

                    options.Cancellation.ThrowIfCancellationRequested();
                    SimulateBlock(compiled, options, ranges, b, outcomes, scratch, chunk, summary, heap);
                    lock (gate)
                    {
                        pending[b] = summary;
                        while (nextToMerge < blocks && pending[nextToMerge] is { } ready)
                        {
                            total.Add(ready);
                            pending[nextToMerge] = null;
                            ready.Clear();
                            pool.Push(ready);
                            nextToMerge++;
                            options.Progress?.Report((double)nextToMerge / blocks);
                        }

                        Monitor.PulseAll(gate);
                    }
                }
            }
            catch (Exception e)
            {
                lock (gate)
                {
                    failure ??= ExceptionDispatchInfo.Capture(e);
                    Monitor.PulseAll(gate);
                }
            }
        }

        var workers = new Thread[threads];
        for (var w = 0; w < threads; w++)
        {
            var id = w;
            workers[w] = new Thread(() => Worker(id)) { IsBackground = true, Name = "simulate-" + id };
            workers[w].Start();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        failure?.Throw();
        return Summarise(compiled, options, ranges, total, heaps, topCount);
    }

    private static void SimulateBlock(CompiledScenario compiled, SimulationOptions options, (int From, int To)[] ranges, int block, UserOutcomes outcomes, Scratch scratch, ChunkTotals chunk, BlockSummary summary, TopCosts heap)
    {
        var n = options.Users;
        var from = block * BlockSize;
        var to = (int)Math.Min(n, (long)from + BlockSize);
        var segment = 0;
        while (from >= ranges[segment].To)
        {
            segment++;
        }

        // Chunk by chunk as the exact path cuts them, each chunk's totals added into the block's in order.
        for (var c = from; c < to; c += ChunkSize)
        {
            var end = Math.Min(to, c + ChunkSize);
            for (var i = c; i < end; i++)
            {
                while (i >= ranges[segment].To)
                {
                    segment++;
                }

                SimulateUser(compiled, compiled.Segments[segment], segment, i, i - from, options.Seed, outcomes, chunk, scratch);
            }

            summary.Totals.Add(chunk);
            chunk.Clear();
        }

        for (var s = 0; s < ranges.Length; s++)
        {
            var lo = Math.Max(from, ranges[s].From);
            var hi = Math.Min(to, ranges[s].To);
            if (lo >= hi)
            {
                continue;
            }

            var p = compiled.Segments[s].PlanIndex;
            var segmentCost = summary.SegmentCost[s];
            var negatedMargin = summary.PlanNegatedMargin[p];
            var rawUnits = summary.PlanRawUnits[p];
            for (var i = lo - from; i < hi - from; i++)
            {
                var c = outcomes.Cost[i];
                var r = outcomes.Revenue[i];
                segmentCost.Add(c);
                negatedMargin.Add(-(r - c));
                rawUnits.Add(outcomes.RawUnits[i]);
                summary.SegmentRevenue[s] += r;
                summary.SegmentSessions[s] += outcomes.Sessions[i];
                summary.SegmentCalls[s] += outcomes.Calls[i];
                summary.PlanRevenue[p] += r;
                summary.AllRevenue += r;
                summary.CostSum += c;
                if (r - c < 0)
                {
                    summary.PlanUnprofitable[p]++;
                    summary.AllUnprofitable++;
                }

                heap.Offer(c, from + i, p);
            }

            summary.PlanUsers[p] += hi - lo;
        }

        summary.Groups.Add(outcomes, from, 0, to - from);
    }

    private static SimulationResult Summarise(CompiledScenario compiled, SimulationOptions options, (int From, int To)[] ranges, BlockSummary total, TopCosts[] heaps, int topCount)
    {
        var scenario = compiled.Scenario;
        var n = options.Users;
        var segmentCount = compiled.Segments.Length;
        var planCount = scenario.Plans.Length;
        var rankError = 0.0;
        void Track(SketchView view) => rankError = Math.Max(rankError, view.Count == 0 ? 0 : (double)view.MaxRankError / view.Count);

        var segments = new SummaryAggregator.GroupSummary[segmentCount];
        for (var s = 0; s < segmentCount; s++)
        {
            var view = total.SegmentCost[s].View();
            Track(view);
            segments[s] = new SummaryAggregator.GroupSummary(PercentileSummary.FromSketch(view), PercentileSummary.Empty, total.SegmentRevenue[s], 0, ranges[s].To - ranges[s].From);
        }

        var plans = new SummaryAggregator.GroupSummary[planCount];
        var all = new QuantileSketch();
        for (var p = 0; p < planCount; p++)
        {
            var planCost = new QuantileSketch();
            for (var s = 0; s < segmentCount; s++)
            {
                if (compiled.Segments[s].PlanIndex == p)
                {
                    planCost.Merge(total.SegmentCost[s]);
                }
            }

            all.Merge(planCost);
            var costView = planCost.View();
            var marginView = total.PlanNegatedMargin[p].View();
            Track(costView);
            Track(marginView);
            var count = total.PlanUsers[p];
            plans[p] = new SummaryAggregator.GroupSummary(
                PercentileSummary.FromSketch(costView),
                count == 0 ? PercentileSummary.Empty : PercentileSummary.FromSketch(marginView).Negated(),
                total.PlanRevenue[p],
                count == 0 ? 0 : (double)total.PlanUnprofitable[p] / count,
                count);
        }

        var allView = all.View();
        Track(allView);
        var allSummary = new SummaryAggregator.GroupSummary(PercentileSummary.FromSketch(allView), PercentileSummary.Empty, total.AllRevenue, (double)total.AllUnprofitable / n, n);
        var summaries = new SummaryAggregator.Summaries(plans, segments, allSummary, []);
        var uncertainty = Uncertainty.Resample(total.Groups, options.Seed);

        // The top 0.1 % of users by cost (ties by user index): the union of every thread's top set holds it exactly.
        var top = TopCosts.Top(heaps, topCount);
        var topSum = 0.0;
        var byPlan = new double[planCount];
        for (var i = top.Length - 1; i >= 0; i--)
        {
            topSum += top[i].Cost; // ascending, as the exact path sums them
        }

        foreach (var entry in top)
        {
            byPlan[entry.Plan] += entry.Cost;
        }

        var planIndex = Array.IndexOf(byPlan, byPlan.Max());
        var units = total.PlanRawUnits[planIndex].View();
        var p99 = units.Count == 0 ? 0 : PercentileSummary.FromSketch(units).P99;
        var cap = Math.Max(1, Math.Floor(p99));
        var share = total.CostSum > 0 ? topSum / total.CostSum : 0;
        var topUsers = TopUsersNote(compiled, n, topCount, share, planIndex, cap);
        return Build(compiled, options, n, total.CostSum, [total.Totals], summaries, uncertainty, total.SegmentSessions, total.SegmentCalls, topUsers, new PercentileAccuracy(false, rankError, options.ExactPercentileUsers));
    }

    /// <summary>What a block of users (or, merged in block order, the whole run) adds up to.</summary>
    private sealed class BlockSummary
    {
        public BlockSummary(CompiledScenario compiled, int users, double fixedPerUser)
        {
            var segments = compiled.Segments.Length;
            var plans = compiled.Scenario.Plans.Length;
            Totals = new ChunkTotals(compiled.Months, compiled.Models.Length, plans);
            SegmentCost = [.. Enumerable.Range(0, segments).Select(_ => new QuantileSketch())];
            PlanNegatedMargin = [.. Enumerable.Range(0, plans).Select(_ => new QuantileSketch())];
            PlanRawUnits = [.. Enumerable.Range(0, plans).Select(_ => new QuantileSketch())];
            SegmentRevenue = new double[segments];
            SegmentSessions = new double[segments];
            SegmentCalls = new double[segments];
            PlanRevenue = new double[plans];
            PlanUnprofitable = new long[plans];
            PlanUsers = new int[plans];
            Groups = new Uncertainty.GroupTotals(users, plans, fixedPerUser);
        }

        public ChunkTotals Totals { get; }

        public QuantileSketch[] SegmentCost { get; }

        /// <summary>Gets sketches of −(revenue − cost): ascending order of these is the descending order margins are reported in.</summary>
        public QuantileSketch[] PlanNegatedMargin { get; }

        public QuantileSketch[] PlanRawUnits { get; }

        public double[] SegmentRevenue { get; }

        public double[] SegmentSessions { get; }

        public double[] SegmentCalls { get; }

        public double[] PlanRevenue { get; }

        public long[] PlanUnprofitable { get; }

        public int[] PlanUsers { get; }

        public Uncertainty.GroupTotals Groups { get; }

        public double AllRevenue { get; set; }

        public long AllUnprofitable { get; set; }

        public double CostSum { get; set; }

        public void Add(BlockSummary other)
        {
            Totals.Add(other.Totals);
            for (var s = 0; s < SegmentCost.Length; s++)
            {
                SegmentCost[s].Merge(other.SegmentCost[s]);
                SegmentRevenue[s] += other.SegmentRevenue[s];
                SegmentSessions[s] += other.SegmentSessions[s];
                SegmentCalls[s] += other.SegmentCalls[s];
            }

            for (var p = 0; p < PlanRevenue.Length; p++)
            {
                PlanNegatedMargin[p].Merge(other.PlanNegatedMargin[p]);
                PlanRawUnits[p].Merge(other.PlanRawUnits[p]);
                PlanRevenue[p] += other.PlanRevenue[p];
                PlanUnprofitable[p] += other.PlanUnprofitable[p];
                PlanUsers[p] += other.PlanUsers[p];
            }

            Groups.Add(other.Groups);
            AllRevenue += other.AllRevenue;
            AllUnprofitable += other.AllUnprofitable;
            CostSum += other.CostSum;
        }

        public void Clear()
        {
            Totals.Clear();
            foreach (var sketch in SegmentCost.Concat(PlanNegatedMargin).Concat(PlanRawUnits))
            {
                sketch.Clear();
            }

            Array.Clear(SegmentRevenue);
            Array.Clear(SegmentSessions);
            Array.Clear(SegmentCalls);
            Array.Clear(PlanRevenue);
            Array.Clear(PlanUnprofitable);
            Array.Clear(PlanUsers);
            Groups.Clear();
            AllRevenue = 0;
            AllUnprofitable = 0;
            CostSum = 0;
        }
    }

    /// <summary>The k costliest users one thread saw, ordered by cost then by lower user index (a total order, so the union is exact).</summary>
    private sealed class TopCosts(int capacity)
    {
        private static readonly Comparer<(double Cost, long User)> Order = Comparer<(double Cost, long User)>.Create(static (a, b) =>
        {
            // The queue's head is the least: the cheapest, and among equal costs the later user.
            var c = a.Cost.CompareTo(b.Cost);
            return c != 0 ? c : b.User.CompareTo(a.User);
        });

        private readonly PriorityQueue<int, (double Cost, long User)> queue = new(Order);

        private double leastCost = double.NegativeInfinity;

        public void Offer(double cost, long user, int plan)
        {
            if (queue.Count < capacity)
            {
                queue.Enqueue(plan, (cost, user));
                return;
            }

            // Users come in ascending index order per thread, so an equal cost never displaces an earlier user here;
            // the cheap test settles almost every user.
            if (cost < leastCost)
            {
                return;
            }

            queue.TryPeek(out _, out var least);
            if (Order.Compare((cost, user), least) > 0)
            {
                queue.EnqueueDequeue(plan, (cost, user));
                queue.TryPeek(out _, out least);
            }

            leastCost = least.Cost;
        }

        /// <summary>The <paramref name="k"/> greatest entries of all queues, greatest first.</summary>
        public static (double Cost, long User, int Plan)[] Top(TopCosts?[] all, int k)
        {
            var entries = new List<(double Cost, long User, int Plan)>();
            foreach (var q in all)
            {
                if (q is null)
                {
                    continue;
                }

                foreach (var (plan, key) in q.queue.UnorderedItems)
                {
                    entries.Add((key.Cost, key.User, plan));
                }
            }

            entries.Sort((a, b) => Order.Compare((b.Cost, b.User), (a.Cost, a.User)));
            return [.. entries.Take(k)];
        }
    }
}
