using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace InferCost.Pricing;

/// <summary>
/// What one request (or a batch of identical requests) used: a value per <see cref="UsageUnit"/> that was reported.
/// Semantics are genai-prices': <c>input_tokens</c> includes cache reads and writes, <c>output_tokens</c> includes
/// reasoning. A unit that was not reported is absent, which is not the same as zero.
/// </summary>
/// <remarks>This type is an immutable value type; build one with <see cref="UsageBuilder"/> or <see cref="Of"/>.</remarks>
public readonly struct Usage
{
    internal readonly UsageValues Values;
    private readonly ulong _present;

    internal Usage(in UsageValues values, ulong present)
    {
        Values = values;
        _present = present;
    }

    /// <summary>Gets a bit mask of the units that were reported (bit <see cref="UsageUnit.Index"/>).</summary>
    public ulong PresentMask => _present;

    /// <summary>Gets whether nothing was reported.</summary>
    public bool IsEmpty => _present == 0;

    /// <summary>Builds a token usage from the common fields (all optional; absent when null).</summary>
    /// <param name="input">All input tokens, cache reads and writes included.</param>
    /// <param name="output">All output tokens, reasoning included.</param>
    /// <param name="cacheRead">Input tokens read from a prompt cache.</param>
    /// <param name="cacheWrite">Input tokens written to a prompt cache (any TTL).</param>
    /// <param name="cacheWrite1h">Of <paramref name="cacheWrite"/>, those written with a 1-hour TTL.</param>
    /// <param name="reasoning">Of <paramref name="output"/>, reasoning tokens.</param>
    /// <param name="webSearches">Web search tool calls.</param>
    public static Usage Of(long? input = null, long? output = null, long? cacheRead = null, long? cacheWrite = null,
        long? cacheWrite1h = null, long? reasoning = null, long? webSearches = null)
    {
        var b = default(UsageBuilder);
        if (input is { } i) b.Set(UsageUnits.InputTokens, i);
        if (output is { } o) b.Set(UsageUnits.OutputTokens, o);
        if (cacheRead is { } cr) b.Set(UsageUnits.CacheReadTokens, cr);
        if (cacheWrite is { } cw) b.Set(UsageUnits.CacheWriteTokens, cw);
        if (cacheWrite1h is { } cw1) b.Set(UsageUnits.CacheWrite1hTokens, cw1);
        if (reasoning is { } r) b.Set(UsageUnits.OutputReasoningTokens, r);
        if (webSearches is { } w) b.Set(UsageUnits.WebSearches, w);
        return b.ToUsage();
    }

    /// <summary>Whether <paramref name="unit"/> was reported.</summary>
    public bool Has(UsageUnit unit) => (_present & unit.Bit) != 0;

    /// <summary>The reported value of <paramref name="unit"/>, or <see langword="null"/> when absent.</summary>
    public decimal? Get(UsageUnit unit) => Has(unit) ? Values[unit.Index] : null;

    /// <summary>The reported value of <paramref name="unit"/>, or zero when absent.</summary>
    public decimal GetOrZero(UsageUnit unit) => Values[unit.Index];

    /// <summary>A usage with every value multiplied by <paramref name="factor"/> (e.g. per request → per month).</summary>
    public Usage Scale(decimal factor)
    {
        var b = new UsageBuilder(this);
        foreach (var unit in UsageUnits.All)
        {
            if (Has(unit))
            {
                b.Set(unit, Values[unit.Index] * factor);
            }
        }

        return b.ToUsage();
    }

    /// <summary>The reported units and values, in registry order.</summary>
    public IEnumerable<KeyValuePair<UsageUnit, decimal>> Entries()
    {
        foreach (var unit in UsageUnits.All)
        {
            if (Has(unit))
            {
                yield return KeyValuePair.Create(unit, Values[unit.Index]);
            }
        }
    }

    /// <summary>Formats as <c>{input_tokens: 1000, output_tokens: 50}</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("{");
        foreach (var (unit, value) in Entries())
        {
            if (sb.Length > 1) sb.Append(", ");
            sb.Append(unit.UsageKey).Append(": ").Append(value.ToString(CultureInfo.InvariantCulture));
        }

        return sb.Append('}').ToString();
    }
}

/// <summary>Builds a <see cref="Usage"/>; a mutable value type meant for hot paths (readers fill one per record).</summary>
public struct UsageBuilder
{
    private UsageValues _values;
    private ulong _present;

    /// <summary>Initializes a builder holding the values of <paramref name="usage"/>.</summary>
    public UsageBuilder(in Usage usage)
    {
        _values = usage.Values;
        _present = usage.PresentMask;
    }

    /// <summary>Gets whether nothing was set.</summary>
    public readonly bool IsEmpty => _present == 0;

    /// <summary>Sets the value of <paramref name="unit"/>; rejects negative values.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative.</exception>
    public void Set(UsageUnit unit, decimal value)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Invalid usage value for {unit.UsageKey}: expected a finite non-negative number.");
        }

        _values[unit.Index] = value;
        _present |= unit.Bit;
    }

    /// <summary>Adds to the value of <paramref name="unit"/> (absent counts as zero); rejects negative values.</summary>
    public void Add(UsageUnit unit, decimal value)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Invalid usage value for {unit.UsageKey}: expected a finite non-negative number.");
        }

        _values[unit.Index] += value;
        _present |= unit.Bit;
    }

    /// <summary>Forgets every value, to reuse the builder for the next record.</summary>
    public void Clear()
    {
        // Only reported slots can be non-zero.
        var mask = _present;
        while (mask != 0)
        {
            var i = System.Numerics.BitOperations.TrailingZeroCount(mask);
            _values[i] = 0m;
            mask &= mask - 1;
        }

        _present = 0;
    }

    /// <summary>The value set for <paramref name="unit"/>, or <see langword="null"/>.</summary>
    public readonly decimal? Get(UsageUnit unit) => (_present & unit.Bit) != 0 ? _values[unit.Index] : null;

    /// <summary>The usage built so far.</summary>
    public readonly Usage ToUsage() => new(_values, _present);
}

/// <summary>Fixed storage for one value per usage unit.</summary>
[InlineArray(Capacity)]
internal struct UsageValues
{
    public const int Capacity = 64;

    private decimal _element0;
}
