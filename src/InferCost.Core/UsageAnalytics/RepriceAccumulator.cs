using System.Collections.Immutable;

namespace InferCost.UsageAnalytics;

/// <summary>
/// Re-prices a stream of records on several alternatives and sums exactly, overall and per user and feature.
/// Add each record with its recorded cost; read the result once at the end.
/// </summary>
/// <remarks>Not thread-safe. Allocates only for users and features it has not seen yet.</remarks>
public sealed class RepriceAccumulator
{
    private const string None = "(none)";
    private readonly RepriceTarget[] _targets;
    private readonly RepriceOptions _options;
    private readonly decimal[] _costs;
    private readonly Dictionary<string, decimal[]> _byUser = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal[]> _byFeature = new(StringComparer.Ordinal);
    private long _records;
    private decimal _current;

    /// <summary>Initializes a new accumulator.</summary>
    public RepriceAccumulator(IEnumerable<RepriceTarget> targets, RepriceOptions options)
    {
        _targets = [.. targets];
        _options = options;
        _options.Validate();
        _costs = new decimal[_targets.Length];
    }

    /// <summary>Prices <paramref name="record"/> on every alternative and adds it.</summary>
    /// <exception cref="Pricing.PricingException">An alternative cannot price the usage.</exception>
    public void Add(in UsageRecord record, decimal currentCost)
    {
        _records++;
        _current += currentCost;
        var user = Slot(_byUser, record.User);
        var feature = Slot(_byFeature, record.Feature);
        user[0] += currentCost;
        feature[0] += currentCost;
        for (var i = 0; i < _targets.Length; i++)
        {
            var cost = Repricer.Price(record, _targets[i], _options);
            _costs[i] += cost;
            user[i + 1] += cost;
            feature[i + 1] += cost;
        }
    }

    /// <summary>The result, with the <paramref name="top"/> drivers per alternative.</summary>
    public RepriceResult Result(int top = 5)
    {
        var alternatives = _targets.Select((t, i) => new RepriceAlternativeResult(
            t.Id, _records, _current, _costs[i], t.Efficiency, Drivers(_byUser, i, top), Drivers(_byFeature, i, top)));
        return new RepriceResult(_records, _current, _options, [.. alternatives]);
    }

    private decimal[] Slot(Dictionary<string, decimal[]> map, string? key)
    {
        key ??= None;
        if (!map.TryGetValue(key, out var slot))
        {
            slot = new decimal[_targets.Length + 1];
            map[key] = slot;
        }

        return slot;
    }

    private static ImmutableArray<SavingsDriver> Drivers(Dictionary<string, decimal[]> map, int alternative, int top)
        => [.. map
            .Select(kv => new SavingsDriver(kv.Key, kv.Value[0], kv.Value[alternative + 1]))
            .OrderByDescending(d => Math.Abs(d.Savings))
            .ThenBy(d => d.Key, StringComparer.Ordinal)
            .Take(top)];
}
