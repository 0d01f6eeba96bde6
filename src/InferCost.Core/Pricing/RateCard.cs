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
    private readonly UnitPrice[] _order;          // priced units except requests, most specific first
    private readonly int[][] _descendants;        // per _order slot: slots of priced strict descendants
    private readonly UnitPrice? _requests;
    private readonly bool _anyTiered;

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

        _requests = Prices.FirstOrDefault(p => p.Unit == UsageUnits.Requests);
        _order = [.. Prices
            .Where(p => p.Unit != UsageUnits.Requests)
            .OrderByDescending(p => p.Unit.Dimensions.Length)
            .ThenBy(p => p.Unit.UsageKey, StringComparer.Ordinal)];
        _descendants = new int[_order.Length][];
        for (var i = 0; i < _order.Length; i++)
        {
            var unit = _order[i].Unit;
            _descendants[i] = [.. Enumerable.Range(0, _order.Length).Where(j => (unit.DescendantMask & _order[j].Unit.Bit) != 0)];
        }

        _anyTiered = Prices.Any(p => p.Price.IsTiered);
        Problem = FindProblem(Prices);
    }

    /// <summary>Gets the unit prices, in unit registry order.</summary>
    public ImmutableArray<UnitPrice> Prices { get; }

    /// <summary>Gets price keys the source listed that have no unit here (ignored when pricing).</summary>
    public ImmutableArray<string> IgnoredPriceKeys { get; }

    /// <summary>Gets why this rate card cannot price anything (a missing ancestor or join price), or <see langword="null"/>.</summary>
    public string? Problem { get; }

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
        Span<decimal> leaves = stackalloc decimal[_order.Length];
        var tierInput = ComputeLeaves(usage, options, leaves);
        decimal input = 0, output = 0, other = 0;
        var batch = options.BatchMultiplier ?? 1m;
        for (var i = 0; i < _order.Length; i++)
        {
            var (unit, price) = (_order[i].Unit, _order[i].Price);
            var cost = Cost(price, leaves[i], tierInput, unit.Per);
            if (unit.IsTokens && batch != 1m)
            {
                cost *= batch;
            }

            Accumulate(unit.Direction, cost, ref input, ref output, ref other);
        }

        if (_requests is not null)
        {
            Accumulate(_requests.Unit.Direction, Cost(_requests.Price, options.Requests ?? 1m, tierInput, _requests.Unit.Per), ref input, ref output, ref other);
        }

        return new PriceTotals(input, output, input + output + other);
    }

    /// <summary>Prices a usage with one line per priced unit.</summary>
    /// <exception cref="PricingException">The usage is inconsistent or this rate card cannot price it.</exception>
    public CostBreakdown Calculate(in Usage usage, in PricingOptions options = default)
    {
        Span<decimal> leaves = stackalloc decimal[_order.Length];
        var tierInput = ComputeLeaves(usage, options, leaves);
        var batch = options.BatchMultiplier ?? 1m;
        var lines = ImmutableArray.CreateBuilder<CostLine>(_order.Length + 1);
        decimal input = 0, output = 0, other = 0;
        for (var i = 0; i < _order.Length; i++)
        {
            var (unit, price) = (_order[i].Unit, _order[i].Price);
            var multiplier = unit.IsTokens ? batch : 1m;
            var unitPrice = price.PriceFor(tierInput) * multiplier;
            var cost = Cost(price, leaves[i], tierInput, unit.Per) * multiplier;
            Accumulate(unit.Direction, cost, ref input, ref output, ref other);
            lines.Add(new CostLine(unit, leaves[i], unitPrice, price.TierIndexFor(tierInput), Money.Money.FromUsd(cost)));
        }

        if (_requests is not null)
        {
            var count = options.Requests ?? 1m;
            var cost = Cost(_requests.Price, count, tierInput, _requests.Unit.Per);
            Accumulate(_requests.Unit.Direction, cost, ref input, ref output, ref other);
            lines.Add(new CostLine(_requests.Unit, count, _requests.Price.PriceFor(tierInput), _requests.Price.TierIndexFor(tierInput), Money.Money.FromUsd(cost)));
        }

        lines.Sort((a, b) => a.Unit.Index.CompareTo(b.Unit.Index));
        return new CostBreakdown(
            lines.ToImmutable(),
            Money.Money.FromUsd(input),
            Money.Money.FromUsd(output),
            Money.Money.FromUsd(other),
            Money.Money.FromUsd(input + output + other),
            _anyTiered ? tierInput : null,
            options.BatchMultiplier);
    }

    /// <summary>Formats as <c>input_mtok=2.5, output_mtok=15</c>.</summary>
    public override string ToString() => string.Join(", ", Prices.Select(p => p.Unit.PriceKey + "=" + p.Price));

    private static decimal Cost(TieredPrice price, decimal quantity, decimal tierInput, decimal per)
        => quantity == 0m ? 0m : price.PriceFor(tierInput) * quantity / per;

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
        if (Problem is not null)
        {
            throw new PricingException(Problem);
        }

        var tierInput = options.TierInputTokens ?? (_anyTiered ? Reported(usage, UsageUnits.InputTokens) : 0m);
        for (var i = 0; i < _order.Length; i++)
        {
            var unit = _order[i].Unit;
            var total = Reported(usage, unit);
            var contained = 0m;
            foreach (var j in _descendants[i])
            {
                contained += leaves[j];
            }

            var leaf = total - contained;
            if (leaf < 0)
            {
                throw new PricingException(DescribeExcess(usage, unit, total, contained));
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
        foreach (var p in _order)
        {
            if ((unit.DescendantMask & p.Unit.Bit) != 0 && usage.Has(p.Unit) && usage.GetOrZero(p.Unit) > total)
            {
                return string.Create(CultureInfo.InvariantCulture, $"Invalid usage data: {p.Unit.UsageKey} ({usage.GetOrZero(p.Unit)}) cannot exceed {unit.UsageKey} ({total})");
            }
        }

        var parts = new List<string>();
        foreach (var p in _order)
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
public sealed record CostLine(UsageUnit Unit, decimal Quantity, decimal UnitPrice, int TierIndex, Money.Money Cost);

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
    Money.Money InputCost,
    Money.Money OutputCost,
    Money.Money OtherCost,
    Money.Money TotalCost,
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
