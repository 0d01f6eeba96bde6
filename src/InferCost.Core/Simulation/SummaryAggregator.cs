using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace InferCost.Simulation;

/// <summary>
/// Percentile summaries of cost and margin per segment, per plan and for all users, with as few sorts as possible:
/// each segment's costs are sorted once (independent pieces in parallel, then merged); a plan's sorted costs are its
/// segments' sorted costs merged, and all users' are the plans' merged. Where a plan's revenue is the same for every
/// user (no overage), its sorted margins are price − sorted costs (subtraction is monotone), so only plans with varying
/// revenue sort their margins. Sums run in the same order as a straightforward implementation, so results are the same
/// to the bit.
/// </summary>
internal static class SummaryAggregator
{
    /// <summary>Below this many values a piece is sorted whole rather than split across threads.</summary>
    private const int MinPiece = 32_768;

    /// <summary>Summarises <paramref name="outcomes"/>; segment s holds the users in <paramref name="ranges"/>[s].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Summaries Summarise(CompiledScenario compiled, UserOutcomes outcomes, (int From, int To)[] ranges, int threads)
    {
        var segmentCount = compiled.Segments.Length;
        var planCount = compiled.Scenario.Plans.Length;
        var cost = outcomes.Cost;
        var revenueOf = outcomes.Revenue;
        threads = Math.Max(1, threads);

        // Per plan, in index order: revenue, users who lose money, whether revenue is constant.
        var planRevenue = new double[planCount];
        var planUnprofitable = new int[planCount];
        var planUsers = new int[planCount];
        var planConstant = new bool[planCount];
        var planPrice = new double[planCount];
        var planSeen = new bool[planCount];
        var segmentRevenue = new double[segmentCount];
        for (var s = 0; s < segmentCount; s++)
        {
            var p = compiled.Segments[s].PlanIndex;
            var (from, to) = ranges[s];
            var rev = 0.0;
            var unprofitable = 0;
            var constant = true;
            var price = from < to ? revenueOf[from] : 0;
            for (var i = from; i < to; i++)
            {
                var r = revenueOf[i];
                rev += r;
                planRevenue[p] += r;
                if (r - cost[i] < 0)
                {
                    unprofitable++;
                }

                // Bitwise, so that 0 and −0 differ; a NaN cost would sort first either way, so it rules the shortcut out.
                constant &= BitConverter.DoubleToInt64Bits(r) == BitConverter.DoubleToInt64Bits(price) && !double.IsNaN(cost[i]);
            }

            segmentRevenue[s] = rev;
            if (from < to)
            {
                planConstant[p] = planSeen[p] ? planConstant[p] && constant && BitConverter.DoubleToInt64Bits(price) == BitConverter.DoubleToInt64Bits(planPrice[p]) : constant;
                planPrice[p] = price;
                planSeen[p] = true;
            }

            planUnprofitable[p] += unprofitable;
            planUsers[p] += to - from;
        }

        // Sort each segment's costs, and the margins of plans with varying revenue, all in one parallel batch.
        var sortedSegments = new double[segmentCount][];
        for (var s = 0; s < segmentCount; s++)
        {
            sortedSegments[s] = cost.AsSpan(ranges[s].From, ranges[s].To - ranges[s].From).ToArray();
        }

        var margins = new double[planCount][];
        var toSort = new List<double[]>(sortedSegments);
        for (var p = 0; p < planCount; p++)
        {
            if (planSeen[p] && !planConstant[p])
            {
                var m = new double[planUsers[p]];
                var j = 0;
                for (var s = 0; s < segmentCount; s++)
                {
                    if (compiled.Segments[s].PlanIndex == p)
                    {
                        for (var i = ranges[s].From; i < ranges[s].To; i++)
                        {
                            m[j++] = revenueOf[i] - cost[i];
                        }
                    }
                }

                margins[p] = m;
                toSort.Add(m);
            }
        }

        var sorted = SortAll(toSort, threads);
        for (var s = 0; s < segmentCount; s++)
        {
            sortedSegments[s] = sorted[s];
        }

        var segmentSummaries = new GroupSummary[segmentCount];
        for (var s = 0; s < segmentCount; s++)
        {
            var count = ranges[s].To - ranges[s].From;
            segmentSummaries[s] = new GroupSummary(PercentileSummary.FromSorted(sortedSegments[s]), PercentileSummary.Empty, segmentRevenue[s], 0, count);
        }

        var planSummaries = new GroupSummary[planCount];
        var sortedPlans = new double[planCount][];
        var k = segmentCount;
        for (var p = 0; p < planCount; p++)
        {
            double[]? planCosts = null;
            for (var s = 0; s < segmentCount; s++)
            {
                if (compiled.Segments[s].PlanIndex == p)
                {
                    planCosts = planCosts is null ? sortedSegments[s] : Merge(planCosts, sortedSegments[s]);
                }
            }

            planCosts ??= [];
            sortedPlans[p] = planCosts;
            double[] planMargins;
            if (margins[p] is not null)
            {
                planMargins = sorted[k++];
                Array.Reverse(planMargins); // heavy-user sense: margin pN is the margin of the user at cost percentile N
            }
            else
            {
                // Same revenue r for every user: r − c is non-increasing in c, so r − ascending costs is descending.
                planMargins = new double[planCosts.Length];
                var r = planPrice[p];
                for (var j = 0; j < planCosts.Length; j++)
                {
                    planMargins[j] = r - planCosts[j];
                }
            }

            var count = planUsers[p];
            planSummaries[p] = new GroupSummary(
                PercentileSummary.FromSorted(planCosts),
                PercentileSummary.FromSorted(planMargins),
                planRevenue[p],
                count == 0 ? 0 : (double)planUnprofitable[p] / count,
                count);
        }

        double[]? allCosts = null;
        foreach (var planCosts in sortedPlans)
        {
            allCosts = allCosts is null ? planCosts : Merge(allCosts, planCosts);
        }

        // Users whose plan index is out of range belong to no plan; the engine never produces them.
        var n = outcomes.Count;
        var allRevenue = 0.0;
        var allUnprofitable = 0;
        for (var i = 0; i < n; i++)
        {
            allRevenue += revenueOf[i];
            if (revenueOf[i] - cost[i] < 0)
            {
                allUnprofitable++;
            }
        }

        var all = new GroupSummary(PercentileSummary.FromSorted(allCosts ?? []), PercentileSummary.Empty, allRevenue, n == 0 ? 0 : (double)allUnprofitable / n, n);
        return new Summaries(planSummaries, segmentSummaries, all, allCosts ?? []);
    }

    /// <summary>
    /// Sorts each array ascending (as <see cref="Array.Sort(Array)"/> orders doubles, by <see cref="SortDoubles"/>): large arrays are cut into pieces,
    /// every piece of every array is sorted in parallel, then each array's pieces are merged. Returns the sorted arrays
    /// (a merged array may be a new one).
    /// </summary>
    internal static double[][] SortAll(IReadOnlyList<double[]> arrays, int threads)
    {
        var pieces = new List<(int Array, int From, int Length)>();
        var piecesOf = new int[arrays.Count];
        for (var a = 0; a < arrays.Count; a++)
        {
            var length = arrays[a].Length;
            var k = threads <= 1 ? 1 : Math.Clamp(length / MinPiece, 1, threads);
            piecesOf[a] = k;
            for (var p = 0; p < k; p++)
            {
                var from = (int)((long)length * p / k);
                var to = (int)((long)length * (p + 1) / k);
                pieces.Add((a, from, to - from));
            }
        }

        // Largest pieces first so that the threads finish together.
        pieces.Sort((x, y) => y.Length.CompareTo(x.Length));
        if (threads <= 1 || pieces.Count == 1)
        {
            foreach (var (a, from, length) in pieces)
            {
                SortDoubles(arrays[a].AsSpan(from, length));
            }
        }
        else
        {
            Parallel.For(0, pieces.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
            {
                var (a, from, length) = pieces[i];
                SortDoubles(arrays[a].AsSpan(from, length));
            });
        }

        var result = new double[arrays.Count][];
        for (var a = 0; a < arrays.Count; a++)
        {
            result[a] = piecesOf[a] == 1 ? arrays[a] : MergePieces(arrays[a], piecesOf[a]);
        }

        return result;
    }

    /// <summary>
    /// Sorts ascending, with the same result as <see cref="MemoryExtensions.Sort{T}(Span{T})"/>: an LSD radix sort on
    /// order-preserving 64-bit keys (11-bit digits, passes where every key has the same digit skipped). Spans holding
    /// NaN or −0, which a comparison sort orders differently from their bits, and short spans use the comparison sort.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SortDoubles(Span<double> values)
    {
        const int Bits = 11, Radix = 1 << Bits, Passes = 6;
        const ulong NegativeZero = 0x8000_0000_0000_0000UL;
        var n = values.Length;
        if (n < 4096)
        {
            values.Sort();
            return;
        }

        var keys = MemoryMarshal.Cast<double, ulong>(values);
        foreach (var bits in keys)
        {
            // NaN: exponent all ones and a non-zero fraction.
            if (bits == NegativeZero || (bits & 0x7FFF_FFFF_FFFF_FFFFUL) > 0x7FF0_0000_0000_0000UL)
            {
                values.Sort();
                return;
            }
        }

        var counts = new int[Passes * Radix];
        for (var i = 0; i < n; i++)
        {
            // Positive: set the sign bit; negative: flip every bit. Unsigned order of keys is then numeric order.
            var bits = keys[i];
            var key = bits ^ ((ulong)((long)bits >> 63) | NegativeZero);
            keys[i] = key;
            for (var p = 0; p < Passes; p++)
            {
                counts[(p * Radix) + (int)((key >> (p * Bits)) & (Radix - 1))]++;
            }
        }

        var buffer = GC.AllocateUninitializedArray<ulong>(n);
        Span<ulong> src = keys, dst = buffer;
        var offsets = new int[Radix];
        for (var p = 0; p < Passes; p++)
        {
            var count = counts.AsSpan(p * Radix, Radix);
            var shift = p * Bits;
            if (count[(int)((src[0] >> shift) & (Radix - 1))] == n)
            {
                continue; // every key has this digit
            }

            var sum = 0;
            for (var d = 0; d < Radix; d++)
            {
                offsets[d] = sum;
                sum += count[d];
            }

            for (var i = 0; i < n; i++)
            {
                var key = src[i];
                dst[offsets[(int)((key >> shift) & (Radix - 1))]++] = key;
            }

            var t = src;
            src = dst;
            dst = t;
        }

        for (var i = 0; i < n; i++)
        {
            var key = src[i];
            keys[i] = (key & NegativeZero) != 0 ? key ^ NegativeZero : ~key;
        }
    }

    /// <summary>Merges two ascending arrays into a new ascending array.</summary>
    internal static double[] Merge(double[] a, double[] b)
    {
        if (a.Length == 0)
        {
            return b;
        }

        if (b.Length == 0)
        {
            return a;
        }

        var result = new double[a.Length + b.Length];
        MergeInto(a, b, result);
        return result;
    }

    private static double[] MergePieces(double[] values, int k)
    {
        // Pieces are the equal cuts made in SortAll; merge them left to right.
        var length = values.Length;
        var merged = values.AsSpan(0, (int)((long)length / k)).ToArray();
        for (var p = 1; p < k; p++)
        {
            var from = (int)((long)length * p / k);
            var to = (int)((long)length * (p + 1) / k);
            var next = new double[merged.Length + (to - from)];
            MergeInto(merged, values.AsSpan(from, to - from), next);
            merged = next;
        }

        return merged;
    }

    private static void MergeInto(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result)
    {
        int i = 0, j = 0, o = 0;
        while (i < a.Length && j < b.Length)
        {
            // NaN sorts first, as Array.Sort puts it.
            var x = a[i];
            var y = b[j];
            if (y < x || double.IsNaN(y))
            {
                result[o++] = y;
                j++;
            }
            else
            {
                result[o++] = x;
                i++;
            }
        }

        a[i..].CopyTo(result[o..]);
        o += a.Length - i;
        b[j..].CopyTo(result[o..]);
    }

    /// <summary>Cost and margin summaries of one group of users.</summary>
    internal readonly record struct GroupSummary(PercentileSummary Cost, PercentileSummary Margin, double Revenue, double Unprofitable, int Count);

    /// <summary>Summaries per plan, per segment and for all users.</summary>
    internal sealed record Summaries(GroupSummary[] Plans, GroupSummary[] Segments, GroupSummary All, double[] AllSorted);
}
