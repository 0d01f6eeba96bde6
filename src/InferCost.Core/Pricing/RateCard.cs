using System.Collections.Immutable;
using System.Globalization;

namespace InferCost.Pricing;

/// <summary>One priced unit of a rate card.</summary>
/// <param name="Unit">What is counted.</param>
/// <param name="Price">Its price per <see cref="UsageUnit.Per"/> units.</param>
public sealed record UnitPrice(UsageUnit Unit, TieredPrice Price);

/// <summary>
/// The prices of one model at one point in time: a price per usage unit (input, cache read, cache write,
/// output, web searches…), each flat or tiered. Prices a <see cref="Usage"/> exactly with genai-prices semantics.
/// </summary>
/// <remarks>
/// The rate card is compiled once: units ordered most specific first, each with the priced units it contains,
/// so that pricing one usage is a short loop over decimals with no allocation.
/// </remarks>
public sealed class RateCard
{
    private readonly bool _anyTiered;
    private Plan? _plan; // compiled on first use: a catalog holds thousands of rate cards, a command prices few

    /// <summary>Initializes a new rate card from unit prices.</summary>
    /// <param name="prices">The prices; at most one per unit.</param>
    /// <param name="ignoredPriceKeys">Price keys the source had that InferCost cannot price (kept for display).</param>
    /// <exception cref="ArgumentException">A unit is priced twice.</exception>
    public RateCard(IEnumerable<UnitPrice> prices, IEnumerable<string>? ignoredPriceKeys = null)
    {
        Prices = [.. prices.OrderBy(p => p.Unit.Index)];
        IgnoredPriceKeys = [.. ignoredPriceKeys ?? []];
        if (Prices.Select(p => p.Unit).Distinct().Count() != Prices.Length)
        {
            throw new ArgumentException("A rate card can price each unit once.", nameof(prices));
        }

        _anyTiered = Prices.Any(p => p.Price.IsTiered);
    }

    /// <summary>Gets the unit prices, in unit registry order.</summary>
    public ImmutableArray<UnitPrice> Prices { get; }

    /// <summary>Gets price keys the source listed that have no unit here (ignored when pricing).</summary>
    public ImmutableArray<string> IgnoredPriceKeys { get; }

    /// <summary>Gets why this rate card cannot price anything (a missing ancestor or join price), or <see langword="null"/>.</summary>
    public string? Problem => Compiled.Problem;

    /// <summary>Gets whether any price is tiered by prompt length.</summary>
    public bool IsTiered => _anyTiered;

    /// <summary>The price of <paramref name="unit"/>, or <see langword="null"/> when it is not priced.</summary>
    public TieredPrice? PriceOf(UsageUnit unit)
    {
        foreach (var p in Prices)
        {
            if (p.Unit == unit)
            {
                return p.Price;
            }
        }

        return null;
    }

    /// <summary>A copy with some unit prices added or replaced.</summary>
    public RateCard With(IEnumerable<UnitPrice> overrides)
    {
        var byUnit = Prices.ToDictionary(p => p.Unit);
        foreach (var o in overrides)
        {
            byUnit[o.Unit] = o;
        }

        return new RateCard(byUnit.Values, IgnoredPriceKeys);
    }

    /// <summary>Prices a usage: input, output and total only, without allocating.</summary>
    /// <exception cref="PricingException">The usage is inconsistent or this rate card cannot price it.</exception>
    public PriceTotals CalculateTotals(in Usage usage, in PricingOptions options = default)
    {
        var plan = Compiled;
        Span<decimal> leaves = stackalloc decimal[plan.Order.Length];
        var tierInput = ComputeLeaves(usage, options, leaves);
        decimal input = 0, output = 0, other = 0;
        var batch = options.BatchMultiplier ?? 1m;
        for (var i = 0; i < leaves.Length; i++)
        {
            var quantity = leaves[i];
            if (quantity == 0m)
            {
                continue;
            }

            var price = plan.Tiered[i] ? plan.Order[i].Price.PriceFor(tierInput) : plan.Flat[i];
            var cost = plan.Scale[i] != 0m ? price * quantity * plan.Scale[i] : price * quantity / plan.Per[i];
            if (batch != 1m && plan.IsTokens[i])
            {
                cost *= batch;
            }

            switch (plan.Direction[i])
            {
                case PriceDirection.Input: input += cost; break;
                case PriceDirection.Output: output += cost; break;
                default: other += cost; break;
            }
        }

        if (plan.Requests is not null)
        {
            Accumulate(plan.Requests.Unit.Direction, Cost(plan.Requests.Price, options.Requests ?? 1m, tierInput, plan.Requests.Unit.Per), ref input, ref output, ref other);
        }

        return new PriceTotals(input, output, input + output + other);
    }

    /// <summary>Prices a usage with one line per priced unit.</summary>
    /// <exception cref="PricingException">The usage is inconsistent or this rate card cannot price it.</exception>
    public CostBreakdown Calculate(in Usage usage, in PricingOptions options = default)
    {
        var plan = Compiled;
        Span<decimal> leaves = stackalloc decimal[plan.Order.Length];
        var tierInput = ComputeLeaves(usage, options, leaves);
        var batch = options.BatchMultiplier ?? 1m;
        var lines = ImmutableArray.CreateBuilder<CostLine>(plan.Order.Length + 1);
        decimal input = 0, output = 0, other = 0;
        for (var i = 0; i < plan.Order.Length; i++)
        {
            var (unit, price) = (plan.Order[i].Unit, plan.Order[i].Price);
            var multiplier = unit.IsTokens ? batch : 1m;
            var unitPrice = price.PriceFor(tierInput) * multiplier;
            var cost = Cost(price, leaves[i], tierInput, unit.Per) * multiplier;
            Accumulate(unit.Direction, cost, ref input, ref output, ref other);
            lines.Add(new CostLine(unit, leaves[i], unitPrice, price.TierIndexFor(tierInput), Quantities.Money.FromUsd(cost)));
        }

        if (plan.Requests is not null)
        {
            var count = options.Requests ?? 1m;
            var cost = Cost(plan.Requests.Price, count, tierInput, plan.Requests.Unit.Per);
            Accumulate(plan.Requests.Unit.Direction, cost, ref input, ref output, ref other);
            lines.Add(new CostLine(plan.Requests.Unit, count, plan.Requests.Price.PriceFor(tierInput), plan.Requests.Price.TierIndexFor(tierInput), Quantities.Money.FromUsd(cost)));
        }

        lines.Sort((a, b) => a.Unit.Index.CompareTo(b.Unit.Index));
        return new CostBreakdown(
            lines.ToImmutable(),
            Quantities.Money.FromUsd(input),
            Quantities.Money.FromUsd(output),
            Quantities.Money.FromUsd(other),
            Quantities.Money.FromUsd(input + output + other),
            _anyTiered ? tierInput : null,
            options.BatchMultiplier);
    }

    /// <summary>Formats as <c>input_mtok=2.5, output_mtok=15</c>.</summary>
    public override string ToString() => string.Join(", ", Prices.Select(p => p.Unit.PriceKey + "=" + p.Price));

    private static decimal Cost(TieredPrice price, decimal quantity, decimal tierInput, decimal per)
    {
        if (quantity == 0m)
        {
            return 0m;
        }

        var scale = ExactReciprocal(per);
        return scale != 0m ? price.PriceFor(tierInput) * quantity * scale : price.PriceFor(tierInput) * quantity / per;
    }

    // 1/per when it is exact in decimal (per is a power of ten), else 0: multiplying by it equals dividing by per.
    private static decimal ExactReciprocal(decimal per) => per switch
    {
        1m => 1m,
        1_000m => 0.001m,
        1_000_000m => 0.000001m,
        1_000_000_000m => 0.000000001m,
        _ => 0m,
    };

    private static void Accumulate(PriceDirection direction, decimal cost, ref decimal input, ref decimal output, ref decimal other)
    {
        switch (direction)
        {
            case PriceDirection.Input: input += cost; break;
            case PriceDirection.Output: output += cost; break;
            default: other += cost; break;
        }
    }

    // Splits reported totals into exclusive leaves per priced unit: a unit's leaf is its reported value minus
    // the leaves of the priced units it contains. Returns the input tokens that select the tier.
    private decimal ComputeLeaves(in Usage usage, in PricingOptions options, Span<decimal> leaves)
    {
        var plan = Compiled;
        if (plan.Problem is not null)
        {
            throw new PricingException(plan.Problem);
        }

        var present = usage.PresentMask;
        var tierInput = options.TierInputTokens ?? (_anyTiered ? Reported(usage, UsageUnits.InputTokens) : 0m);
        for (var i = 0; i < leaves.Length; i++)
        {
            decimal total;
            if ((present & plan.Bit[i]) != 0)
            {
                total = usage.Values[plan.Index[i]];
            }
            else
            {
                total = Reported(usage, plan.Order[i].Unit);
            }

            var leaf = total;
            foreach (var j in plan.Descendants[i])
            {
                leaf -= leaves[j];
            }

            if (leaf < 0)
            {
                throw new PricingException(DescribeExcess(usage, plan.Order[i].Unit, total, total - leaf));
            }

            leaves[i] = leaf;
        }

        return tierInput;
    }

    // The value reported for a unit; an absent unit counts as zero unless a reported positive value implies it.
    private static decimal Reported(in Usage usage, UsageUnit unit)
    {
        if (usage.Has(unit))
        {
            return usage.GetOrZero(unit);
        }

        var positive = usage.PresentMask & ~UsageUnits.Requests.Bit & PositiveMask(usage);
        if ((positive & unit.DescendantMask) != 0)
        {
            var child = UsageUnits.All[System.Numerics.BitOperations.TrailingZeroCount(positive & unit.DescendantMask)];
            throw new PricingException($"Missing usage value for {unit.UsageKey} with positive reported descendant {child.UsageKey}");
        }

        foreach (var (a, b) in UsageOverlaps.For(unit))
        {
            if ((positive & a.Bit) != 0 && (positive & b.Bit) != 0)
            {
                throw new PricingException($"Missing usage value for {unit.UsageKey} with positive reported overlap {a.UsageKey} and {b.UsageKey}");
            }
        }

        return 0m;
    }

    private static ulong PositiveMask(in Usage usage)
    {
        ulong mask = 0;
        var present = usage.PresentMask;
        while (present != 0)
        {
            var i = System.Numerics.BitOperations.TrailingZeroCount(present);
            if (usage.Values[i] > 0)
            {
                mask |= 1UL << i;
            }

            present &= present - 1;
        }

        return mask;
    }

    private string DescribeExcess(in Usage usage, UsageUnit unit, decimal total, decimal contained)
    {
        var plan = Compiled;
        foreach (var p in plan.Order)
        {
            if ((unit.DescendantMask & p.Unit.Bit) != 0 && usage.Has(p.Unit) && usage.GetOrZero(p.Unit) > total)
            {
                return string.Create(CultureInfo.InvariantCulture, $"Invalid usage data: {p.Unit.UsageKey} ({usage.GetOrZero(p.Unit)}) cannot exceed {unit.UsageKey} ({total})");
            }
        }

        var parts = new List<string>();
        foreach (var p in plan.Order)
        {
            if ((unit.DescendantMask & p.Unit.Bit) != 0 && usage.GetOrZero(p.Unit) > 0)
            {
                parts.Add(p.Unit.UsageKey);
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"Invalid usage data: more-specific usage for {string.Join(", ", parts)} totals {contained}, which exceeds {unit.UsageKey} ({total})");
    }

    private static string? FindProblem(ImmutableArray<UnitPrice> prices)
    {
        var priced = prices.Select(p => p.Unit).ToHashSet();
        foreach (var unit in priced)
        {
            foreach (var ancestor in UsageUnits.All.Where(a => (unit.AncestorMask & a.Bit) != 0))
            {
                if (!priced.Contains(ancestor))
                {
                    return $"Missing ancestor price key {ancestor.PriceKey} for {unit.PriceKey}";
                }
            }
        }

        var list = prices.Select(p => p.Unit).ToArray();
        for (var i = 0; i < list.Length; i++)
        {
            for (var j = i + 1; j < list.Length; j++)
            {
                if (!list[i].IsCompatibleWith(list[j]))
                {
                    continue;
                }

                var join = UsageUnits.FindJoin(list[i], list[j]);
                if (join is null)
                {
                    return $"Missing registered join unit for {list[i].PriceKey} and {list[j].PriceKey}";
                }

                if (!priced.Contains(join))
                {
                    return $"Missing join price key {join.PriceKey} for {list[i].PriceKey} and {list[j].PriceKey}";
                }
            }
        }

        return null;
    }
    private Plan Compiled => Volatile.Read(ref _plan) ?? Interlocked.CompareExchange(ref _plan, new Plan(Prices), null) ?? _plan!;

    // The rate card compiled for the hot path: priced units most specific first, with their priced descendants.
    private sealed class Plan
    {
        public Plan(ImmutableArray<UnitPrice> prices)
        {
            Requests = prices.FirstOrDefault(p => p.Unit == UsageUnits.Requests);
            Order = [.. prices
                .Where(p => p.Unit != UsageUnits.Requests)
                .OrderByDescending(p => p.Unit.Dimensions.Length)
                .ThenBy(p => p.Unit.UsageKey, StringComparer.Ordinal)];
            Descendants = new int[Order.Length][];
            for (var i = 0; i < Order.Length; i++)
            {
                var unit = Order[i].Unit;
                Descendants[i] = [.. Enumerable.Range(0, Order.Length).Where(j => (unit.DescendantMask & Order[j].Unit.Bit) != 0)];
            }

            Index = [.. Order.Select(p => p.Unit.Index)];
            Bit = [.. Order.Select(p => p.Unit.Bit)];
            Flat = [.. Order.Select(p => p.Price.Base)];
            Tiered = [.. Order.Select(p => p.Price.IsTiered)];
            Scale = [.. Order.Select(p => ExactReciprocal(p.Unit.Per))];
            Per = [.. Order.Select(p => p.Unit.Per)];
            Direction = [.. Order.Select(p => p.Unit.Direction)];
            IsTokens = [.. Order.Select(p => p.Unit.IsTokens)];
            Problem = FindProblem(prices);
        }

        public UnitPrice[] Order { get; }

        public int[][] Descendants { get; }

        public UnitPrice? Requests { get; }

        public int[] Index { get; }

        public ulong[] Bit { get; }

        public decimal[] Flat { get; }

        public bool[] Tiered { get; }

        public decimal[] Scale { get; }

        public decimal[] Per { get; }

        public PriceDirection[] Direction { get; }

        public bool[] IsTokens { get; }

        public string? Problem { get; }
    }
}

/// <summary>Options that change how a usage is priced, beyond the rate card.</summary>
public readonly record struct PricingOptions
{
    /// <summary>Gets the multiplier applied to token prices (0.5 for a 50 % batch discount), or <see langword="null"/>.</summary>
    public decimal? BatchMultiplier { get; init; }

    /// <summary>Gets the number of requests the usage covers, for per-request fees (default 1).</summary>
    public decimal? Requests { get; init; }

    /// <summary>Gets the per-request input tokens that select the long-context tier (default: the usage's input tokens).</summary>
    public decimal? TierInputTokens { get; init; }
}

/// <summary>Input, output and total cost of one usage, in dollars (exact).</summary>
/// <param name="InputCost">Input side, cache reads and writes included.</param>
/// <param name="OutputCost">Output side, reasoning included.</param>
/// <param name="TotalCost">Everything, fees included.</param>
public readonly record struct PriceTotals(decimal InputCost, decimal OutputCost, decimal TotalCost);

/// <summary>The cost of one priced unit within a usage.</summary>
/// <param name="Unit">What was counted.</param>
/// <param name="Quantity">How many were billed at this unit's price (the exclusive part: e.g. uncached input).</param>
/// <param name="UnitPrice">The price per <see cref="UsageUnit.Per"/> units that applied (tier and batch included).</param>
/// <param name="TierIndex">The tier in force (-1 for the base price).</param>
/// <param name="Cost">Quantity × price ÷ per.</param>
public sealed record CostLine(UsageUnit Unit, decimal Quantity, decimal UnitPrice, int TierIndex, Quantities.Money Cost);

/// <summary>A usage's cost, line by line and by side.</summary>
/// <param name="Lines">One line per priced unit, in unit registry order.</param>
/// <param name="InputCost">Input side.</param>
/// <param name="OutputCost">Output side.</param>
/// <param name="OtherCost">Fees without a side (requests, tool calls).</param>
/// <param name="TotalCost">Everything.</param>
/// <param name="TierInputTokens">The input tokens that selected the tier, when any price is tiered.</param>
/// <param name="BatchMultiplier">The batch multiplier applied to token prices, if any.</param>
public sealed record CostBreakdown(
    ImmutableArray<CostLine> Lines,
    Quantities.Money InputCost,
    Quantities.Money OutputCost,
    Quantities.Money OtherCost,
    Quantities.Money TotalCost,
    decimal? TierInputTokens,
    decimal? BatchMultiplier);

/// <summary>For each unit, the pairs of unrelated, compatible units whose join is that unit.</summary>
internal static class UsageOverlaps
{
    private static readonly ImmutableArray<ImmutableArray<(UsageUnit, UsageUnit)>> Pairs = Build();

    public static ImmutableArray<(UsageUnit, UsageUnit)> For(UsageUnit unit) => Pairs[unit.Index];

    private static ImmutableArray<ImmutableArray<(UsageUnit, UsageUnit)>> Build()
    {
        var all = UsageUnits.All.Where(u => u != UsageUnits.Requests).ToArray();
        var lists = UsageUnits.All.Select(_ => new List<(UsageUnit, UsageUnit)>()).ToArray();
        for (var i = 0; i < all.Length; i++)
        {
            for (var j = i + 1; j < all.Length; j++)
            {
                var (a, b) = (all[i], all[j]);
                var related = (a.AncestorMask & b.Bit) != 0 || (b.AncestorMask & a.Bit) != 0;
                if (related || !a.IsCompatibleWith(b))
                {
                    continue;
                }

                if (UsageUnits.FindJoin(a, b) is { } join)
                {
                    lists[join.Index].Add((a, b));
                }
            }
        }

        return [.. lists.Select(l => l.ToImmutableArray())];
    }
}
