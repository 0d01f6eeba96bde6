namespace InferCost.Simulation;

/// <summary>
/// A mergeable quantile summary with a deterministic, proven rank-error bound (a compactor hierarchy in the style of
/// Manku–Rajagopalan–Lindsay and KLL, without randomness). Level h holds items that each stand for 2^h inputs; when a
/// level holds <see cref="Capacity"/> items or more it is sorted and every other item (alternately the odd and the even
/// positions) moves up a level with twice the weight. One such compaction at level h changes the estimated rank of any
/// value by at most 2^h (at most one of the pairs it halves straddles the value), so the sketch keeps the sum of 2^h
/// over every compaction it (or any sketch merged into it) made: <see cref="MaxRankError"/>. The estimated rank of any
/// value is within that many inputs of its true rank, with no assumption on the distribution. Each compaction
/// consumes at least <see cref="Capacity"/> items of its level, so the bound is at most n·⌈log₂(n / Capacity)⌉ / Capacity.
/// </summary>
/// <remarks>
/// The result depends only on the inputs, their order and the order of merges (no randomness), so a fixed
/// partition merged in a fixed order gives the same quantiles on any number of threads. Doubles are ordered as
/// <see cref="double.CompareTo(double)"/> orders them (NaN first), as <see cref="MemoryExtensions.Sort{T}(Span{T})"/> does.
/// Count, sum, minimum and maximum are exact.
/// </remarks>
public sealed class QuantileSketch
{
    /// <summary>The default items per level: a bound of at most ≈ 0.05 % of n up to 10^9 values (4 MiB at that size).</summary>
    public const int DefaultCapacity = 32_768;

    private readonly List<double[]> levels = [];
    private readonly List<int> counts = [];
    private readonly List<long> compactions = [];

    /// <summary>Initializes an empty sketch.</summary>
    /// <param name="capacity">Items per level before it compacts (even, at least 2).</param>
    public QuantileSketch(int capacity = DefaultCapacity)
    {
        if (capacity < 2 || capacity % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be even and at least 2");
        }

        Capacity = capacity;
    }

    /// <summary>Gets the items a level holds before it compacts.</summary>
    public int Capacity { get; }

    /// <summary>Gets the number of values added (directly or through merges).</summary>
    public long Count { get; private set; }

    /// <summary>Gets the sum of the values, added in input and merge order.</summary>
    public double Sum { get; private set; }

    /// <summary>Gets the largest value (<see cref="double.CompareTo(double)"/> order); 0 when empty.</summary>
    public double Max { get; private set; }

    /// <summary>Gets the smallest value (<see cref="double.CompareTo(double)"/> order); 0 when empty.</summary>
    public double Min { get; private set; }

    /// <summary>
    /// Gets the proven bound on rank error: for every value x, the sketch's estimate of the number of inputs ≤ x is
    /// within this many of the true number. 0 while nothing has been compacted (the sketch is then exact).
    /// </summary>
    public long MaxRankError { get; private set; }

    /// <summary>Gets <see cref="MaxRankError"/> as a share of <see cref="Count"/> (0 when empty).</summary>
    public double RankError => Count == 0 ? 0 : (double)MaxRankError / Count;

    /// <summary>Gets the number of items held (the memory is about 8 bytes each, plus slack).</summary>
    public int ItemsHeld
    {
        get
        {
            var total = 0;
            foreach (var c in counts)
            {
                total += c;
            }

            return total;
        }
    }

    /// <summary>Adds one value.</summary>
    public void Add(double value)
    {
        if (levels.Count == 0)
        {
            AddLevel();
        }

        Track(value);
        Sum += value;
        Count++;
        var buffer = levels[0];
        var n = counts[0];
        buffer[n++] = value;
        counts[0] = n;
        if (n >= Capacity)
        {
            Compress(0);
        }
    }

    /// <summary>Empties the sketch, keeping its buffers for reuse.</summary>
    public void Clear()
    {
        for (var h = 0; h < counts.Count; h++)
        {
            counts[h] = 0;
            compactions[h] = 0;
        }

        Count = 0;
        Sum = 0;
        Min = 0;
        Max = 0;
        MaxRankError = 0;
    }

    /// <summary>Adds every value of <paramref name="other"/> (which is left unchanged); errors add up.</summary>
    public void Merge(QuantileSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
        {
            return;
        }

        if (Count == 0)
        {
            Min = other.Min;
            Max = other.Max;
        }
        else
        {
            Track(other.Min);
            Track(other.Max);
        }

        Count += other.Count;
        Sum += other.Sum;
        MaxRankError += other.MaxRankError;
        for (var h = 0; h < other.levels.Count; h++)
        {
            while (levels.Count <= h)
            {
                AddLevel();
            }

            Append(h, other.levels[h].AsSpan(0, other.counts[h]));
        }

        Compress(0);
    }

    /// <summary>Takes a sorted, weighted view of the items for queries (the sketch may change afterwards).</summary>
    public SketchView View()
    {
        var items = ItemsHeld;
        var values = new double[items];
        var weights = new long[items];
        var at = 0;
        for (var h = 0; h < levels.Count; h++)
        {
            levels[h].AsSpan(0, counts[h]).CopyTo(values.AsSpan(at));
            weights.AsSpan(at, counts[h]).Fill(1L << h);
            at += counts[h];
        }

        values.AsSpan().Sort(weights.AsSpan());
        var cumulative = weights;
        for (var i = 1; i < cumulative.Length; i++)
        {
            cumulative[i] += cumulative[i - 1];
        }

        return new SketchView(values, cumulative, Count, MaxRankError, Sum, Min, Max);
    }

    private void Track(double value)
    {
        if (Count == 0)
        {
            Min = value;
            Max = value;
            return;
        }

        if (value.CompareTo(Min) < 0)
        {
            Min = value;
        }

        if (value.CompareTo(Max) > 0)
        {
            Max = value;
        }
    }

    private void AddLevel()
    {
        levels.Add(new double[Capacity]);
        counts.Add(0);
        compactions.Add(0);
    }

    private void Append(int level, ReadOnlySpan<double> items)
    {
        var n = counts[level];
        var buffer = levels[level];
        if (n + items.Length > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, n + items.Length));
            levels[level] = buffer;
        }

        items.CopyTo(buffer.AsSpan(n));
        counts[level] = n + items.Length;
    }

    /// <summary>Compacts every level from <paramref name="from"/> up that holds <see cref="Capacity"/> items or more.</summary>
    private void Compress(int from)
    {
        for (var h = from; h < levels.Count; h++)
        {
            var n = counts[h];
            if (n < Capacity)
            {
                continue;
            }

            var buffer = levels[h].AsSpan(0, n);
            buffer.Sort();

            // An even number of the smallest items is halved; an odd one out (the largest) stays at this level.
            var even = n - (n % 2);
            var offset = (int)(compactions[h] & 1);
            compactions[h]++;
            MaxRankError += 1L << h;
            if (levels.Count == h + 1)
            {
                AddLevel();
            }

            var up = new double[even / 2];
            for (int i = offset, j = 0; i < even; i += 2, j++)
            {
                up[j] = buffer[i];
            }

            var kept = n - even;
            if (kept == 1)
            {
                buffer[0] = buffer[n - 1];
            }

            counts[h] = kept;
            Append(h + 1, up);
        }
    }
}

/// <summary>A frozen, sorted view of a <see cref="QuantileSketch"/>: values with cumulative weights, for rank queries.</summary>
public sealed class SketchView
{
    private readonly double[] values;
    private readonly long[] cumulative;

    internal SketchView(double[] values, long[] cumulative, long count, long maxRankError, double sum, double min, double max)
    {
        this.values = values;
        this.cumulative = cumulative;
        Count = count;
        MaxRankError = maxRankError;
        Sum = sum;
        Min = min;
        Max = max;
    }

    /// <summary>Gets the number of values summarised.</summary>
    public long Count { get; }

    /// <summary>Gets the proven rank-error bound (see <see cref="QuantileSketch.MaxRankError"/>).</summary>
    public long MaxRankError { get; }

    /// <summary>Gets the exact sum.</summary>
    public double Sum { get; }

    /// <summary>Gets the exact minimum.</summary>
    public double Min { get; }

    /// <summary>Gets the exact maximum.</summary>
    public double Max { get; }

    /// <summary>
    /// The value at 1-based rank <paramref name="rank"/> (clamped to 1..<see cref="Count"/>): the smallest held value
    /// whose estimated rank reaches it; its true rank is within <see cref="MaxRankError"/> of the request. Rank 1 is the
    /// exact minimum and rank <see cref="Count"/> the exact maximum.
    /// </summary>
    public double AtRank(long rank)
    {
        if (Count == 0)
        {
            return 0;
        }

        if (rank <= 1)
        {
            return Min;
        }

        if (rank >= Count)
        {
            return Max;
        }

        var i = Array.BinarySearch(cumulative, rank);
        if (i < 0)
        {
            i = ~i;
        }

        return values[Math.Min(i, values.Length - 1)];
    }
}
