using CsCheck;
using InferCost.Simulation;

namespace InferCost.Core.Tests.Simulation;

/// <summary>The quantile sketch's rank-error bound, checked against exact order statistics on generated data (CsCheck).</summary>
public class QuantileSketchTests
{
    private static readonly int[] Capacities = [2, 4, 16, 64, 256, 1024];

    /// <summary>n values of one of several known shapes: uniform, lognormal over decades, many ties, both signs, sorted, reversed.</summary>
    private static readonly Gen<double[]> GenValues =
        from kind in Gen.Int[0, 5]
        from n in Gen.Int[1, 40_000]
        from seed in Gen.ULong
        select Values(kind, n, seed);

    [Fact]
    public void Every_rank_it_answers_is_within_its_stated_bound_of_the_exact_rank()
    {
        Gen.Select(GenValues, Gen.Int[0, Capacities.Length - 1]).Sample((values, c) =>
        {
            var sketch = new QuantileSketch(Capacities[c]);
            foreach (var v in values)
            {
                sketch.Add(v);
            }

            AssertWithinBound(values, sketch);
        }, iter: 60);
    }

    [Fact]
    public void Its_bound_never_exceeds_n_times_levels_over_capacity()
    {
        Gen.Select(Gen.Int[1, 200_000], Gen.Int[0, Capacities.Length - 1]).Sample((n, c) =>
        {
            var capacity = Capacities[c];
            var sketch = new QuantileSketch(capacity);
            for (var i = 0; i < n; i++)
            {
                sketch.Add((i * 7919L % n) + 0.5);
            }

            // Level h compacts only while n / 2^h ≥ capacity, each compaction consuming ≥ capacity items of weight 2^h.
            var levels = n < capacity ? 0 : (int)Math.Floor(Math.Log2((double)n / capacity)) + 1;
            Assert.InRange(sketch.MaxRankError, 0, (long)n * levels / capacity);
            Assert.InRange(sketch.ItemsHeld, 0, capacity * (levels + 1));
        }, iter: 40);
    }

    [Fact]
    public void Merging_in_any_grouping_keeps_every_rank_within_the_summed_bound()
    {
        Gen.Select(GenValues, Gen.Int[2, 6], Gen.Int[0, 3]).Sample((values, parts, c) =>
        {
            var capacity = Capacities[c];
            var pieces = Enumerable.Range(0, parts).Select(p => values[(values.Length * p / parts)..(values.Length * (p + 1) / parts)]).ToArray();
            QuantileSketch Sketch(double[] piece)
            {
                var s = new QuantileSketch(capacity);
                foreach (var v in piece)
                {
                    s.Add(v);
                }

                return s;
            }

            // Left to right: ((a ∪ b) ∪ c) ∪ …
            var left = Sketch(pieces[0]);
            foreach (var piece in pieces[1..])
            {
                left.Merge(Sketch(piece));
            }

            // Right to left: a ∪ (b ∪ (c ∪ …))
            var right = Sketch(pieces[^1]);
            foreach (var piece in pieces[..^1].Reverse())
            {
                var s = Sketch(piece);
                s.Merge(right);
                right = s;
            }

            foreach (var merged in new[] { left, right })
            {
                Assert.Equal(values.Length, merged.Count);
                Assert.Equal(values.Max(), merged.Max);
                Assert.Equal(values.Min(), merged.Min);
                AssertWithinBound(values, merged);
            }
        }, iter: 40);
    }

    [Fact]
    public void The_same_inputs_merged_in_the_same_order_give_the_same_answers()
    {
        var values = Values(1, 30_000, 99);
        SketchView Run()
        {
            var a = new QuantileSketch(64);
            var b = new QuantileSketch(64);
            for (var i = 0; i < values.Length; i++)
            {
                (i % 3 == 0 ? a : b).Add(values[i]);
            }

            a.Merge(b);
            return a.View();
        }

        var first = Run();
        var second = Run();
        for (long r = 1; r <= values.Length; r += 97)
        {
            Assert.Equal(first.AtRank(r), second.AtRank(r));
        }
    }

    [Fact]
    public void Below_its_capacity_it_is_exact()
    {
        var values = Values(2, 1000, 3);
        var sketch = new QuantileSketch(1024);
        foreach (var v in values)
        {
            sketch.Add(v);
        }

        var sorted = values.Order().ToArray();
        var view = sketch.View();
        Assert.Equal(0, view.MaxRankError);
        for (var r = 1; r <= sorted.Length; r++)
        {
            Assert.Equal(sorted[r - 1], view.AtRank(r));
        }

        Assert.Equal(PercentileSummary.FromSorted(sorted), PercentileSummary.FromSketch(view));
    }

    [Fact]
    public void A_cleared_sketch_answers_as_a_new_one()
    {
        var values = Values(0, 5000, 8);
        var used = new QuantileSketch(16);
        foreach (var v in Values(3, 7000, 9))
        {
            used.Add(v);
        }

        used.Clear();
        var fresh = new QuantileSketch(16);
        foreach (var v in values)
        {
            used.Add(v);
            fresh.Add(v);
        }

        Assert.Equal(fresh.MaxRankError, used.MaxRankError);
        var a = used.View();
        var b = fresh.View();
        for (long r = 1; r <= values.Length; r += 13)
        {
            Assert.Equal(b.AtRank(r), a.AtRank(r));
        }
    }

    private static void AssertWithinBound(double[] values, QuantileSketch sketch)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        var view = sketch.View();
        var e = view.MaxRankError;
        var ranks = new long[] { 1, 2, n / 100, n / 10, n / 4, n / 2, n * 9 / 10, n * 95 / 100, n * 99 / 100, n - 1, n }.Where(r => r >= 1 && r <= n).Distinct();
        foreach (var r in ranks)
        {
            var v = view.AtRank(r);

            // v's exact ranks are (values < v) + 1 … (values ≤ v); some rank in that span is within e of r.
            var below = LowerBound(sorted, v);
            var upTo = UpperBound(sorted, v);
            Assert.True(upTo >= r - e && below + 1 <= r + e, $"rank {r} of {n}: value {v} holds ranks {below + 1}..{upTo}, bound ±{e}");
        }
    }

    private static int LowerBound(double[] sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] < v)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int UpperBound(double[] sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] <= v)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static double[] Values(int kind, int n, ulong seed)
    {
        var rng = new Xoshiro256(seed, (ulong)kind);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = kind switch
            {
                0 => rng.NextDouble(),
                1 => Math.Exp(rng.NextGaussian() * 3),
                2 => Math.Round(rng.NextGaussian() * 3),
                3 => (rng.NextGaussian() * 50) - 10,
                4 => i,
                _ => n - i,
            };
        }

        return values;
    }
}
