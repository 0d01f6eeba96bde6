namespace InferCost.Simulation;

/// <summary>95 % intervals on a group's mean cost, gross margin and unprofitable share.</summary>
/// <param name="MeanCost">Mean cost per user-month.</param>
/// <param name="GrossMargin">Gross margin.</param>
/// <param name="Unprofitable">Unprofitable share.</param>
internal readonly record struct GroupIntervals(Interval? MeanCost, Interval? GrossMargin, Interval? Unprofitable);

/// <summary>
/// Intervals on means and ratios by a grouped bootstrap: users are dealt round-robin into G = min(n, 1,000) groups
/// (each group a proportional mix of segments), group totals are resampled with replacement 1,000 times, and the 2.5th
/// and 97.5th percentiles of each statistic are the interval. Resampling whole users (through their groups) keeps the
/// ratio estimators' correlation of revenue and cost and makes no normal assumption, so a heavy tail shows as a wide,
/// skewed interval. It cannot see users a seed never drew: when the top 0.1 % carry much of the cost, the engine warns.
/// </summary>
internal static class Uncertainty
{
    private const int Resamples = 1000;
    private const int MaxGroups = 1000;

    public sealed record Result(GroupIntervals All, GroupIntervals[] Plans);

    public static Result Bootstrap(UserOutcomes outcomes, int planCount, double fixedPerUser, ulong seed)
    {
        var totals = new GroupTotals(outcomes.Count, planCount, fixedPerUser);
        totals.Add(outcomes, 0, 0, outcomes.Count);
        return Resample(totals, seed);
    }

    /// <summary>Resamples the group totals (see the class summary).</summary>
    public static Result Resample(GroupTotals totals, ulong seed)
    {
        var g = totals.Groups;
        var planCount = totals.PlanCount;
        var fixedPerUser = totals.FixedPerUser;
        var slots = planCount + 1;
        var count = totals.Count;
        var revenue = totals.Revenue;
        var cost = totals.Cost;
        var losing = totals.Losing;

        var meanStat = new double[slots][];
        var marginStat = new double[slots][];
        var loseStat = new double[slots][];
        for (var s = 0; s < slots; s++)
        {
            meanStat[s] = new double[Resamples];
            marginStat[s] = new double[Resamples];
            loseStat[s] = new double[Resamples];
        }

        var rng = new Xoshiro256(seed ^ 0xB007_5724_A11D_1E55UL, 0);
        var pick = new int[g];
        var sums = new double[4];
        for (var b = 0; b < Resamples; b++)
        {
            for (var k = 0; k < g; k++)
            {
                pick[k] = (int)(rng.NextUInt64() % (ulong)g);
            }

            for (var s = 0; s < slots; s++)
            {
                Array.Clear(sums);
                var baseAt = s * g;
                foreach (var k in pick)
                {
                    sums[0] += count[baseAt + k];
                    sums[1] += revenue[baseAt + k];
                    sums[2] += cost[baseAt + k];
                    sums[3] += losing[baseAt + k];
                }

                meanStat[s][b] = sums[0] > 0 ? (s == planCount ? sums[2] - (fixedPerUser * sums[0]) : sums[2]) / sums[0] : double.NaN;
                marginStat[s][b] = sums[1] > 0 ? (sums[1] - sums[2]) / sums[1] : double.NaN;
                loseStat[s][b] = sums[0] > 0 ? sums[3] / sums[0] : double.NaN;
            }
        }

        var intervals = new GroupIntervals[slots];
        for (var s = 0; s < slots; s++)
        {
            intervals[s] = new GroupIntervals(Range(meanStat[s]), Range(marginStat[s]), Range(loseStat[s]));
        }

        return new Result(intervals[planCount], intervals[..planCount]);
    }

    private static Interval? Range(double[] values)
    {
        var finite = values.Where(double.IsFinite).Order().ToArray();
        if (finite.Length < Resamples / 2)
        {
            return null;
        }

        return new Interval(PercentileSummary.Percentile(finite, 0.025), PercentileSummary.Percentile(finite, 0.975));
    }

    /// <summary>
    /// Users dealt round-robin into G = min(n, 1,000) groups: count, revenue, cost and users losing money per plan
    /// and for all users (the last slot, fixed cost per user included). Totals of disjoint user ranges add up.
    /// </summary>
    internal sealed class GroupTotals
    {
        public GroupTotals(int users, int planCount, double fixedPerUser)
        {
            Groups = Math.Min(users, MaxGroups);
            PlanCount = planCount;
            FixedPerUser = fixedPerUser;
            var size = (planCount + 1) * Groups;
            Count = new double[size];
            Revenue = new double[size];
            Cost = new double[size];
            Losing = new double[size];
        }

        public int Groups { get; }

        public int PlanCount { get; }

        public double FixedPerUser { get; }

        public double[] Count { get; }

        public double[] Revenue { get; }

        public double[] Cost { get; }

        public double[] Losing { get; }

        /// <summary>Adds users [from, to) of <paramref name="outcomes"/>, whose first is user <paramref name="firstUser"/> of the run.</summary>
        public void Add(UserOutcomes outcomes, long firstUser, int from, int to)
        {
            var g = Groups;
            var planCount = PlanCount;
            var group = (int)((firstUser + from) % g);
            for (var i = from; i < to; i++)
            {
                var c = outcomes.Cost[i];
                var r = outcomes.Revenue[i];
                var lose = r - c < 0 ? 1 : 0;
                foreach (var slot in (ReadOnlySpan<int>)[outcomes.Plan[i], planCount])
                {
                    var at = (slot * g) + group;
                    Count[at]++;
                    Revenue[at] += r;
                    Cost[at] += slot == planCount ? c + FixedPerUser : c;
                    Losing[at] += lose;
                }

                if (++group == g)
                {
                    group = 0;
                }
            }
        }

        /// <summary>Sets every total back to zero.</summary>
        public void Clear()
        {
            Array.Clear(Count);
            Array.Clear(Revenue);
            Array.Clear(Cost);
            Array.Clear(Losing);
        }

        /// <summary>Adds <paramref name="other"/>'s totals (same groups and plans).</summary>
        public void Add(GroupTotals other)
        {
            for (var i = 0; i < Count.Length; i++)
            {
                Count[i] += other.Count[i];
                Revenue[i] += other.Revenue[i];
                Cost[i] += other.Cost[i];
                Losing[i] += other.Losing[i];
            }
        }
    }
}
