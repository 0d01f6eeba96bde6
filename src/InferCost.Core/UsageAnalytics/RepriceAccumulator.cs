using System.Collections.Immutable;

namespace InferCost.UsageAnalytics;

/// <summary>
/// Re-prices a stream of records on several alternatives and sums exactly, overall and per user, feature and model
/// (dated versions under their model). A call an alternative cannot take (its prompt exceeds the context window, or
/// it is another kind of call: embeddings move only to embedding models) stays where it is: it counts at its
/// recorded cost, and apart as "stays", never as savings.
/// Add each record with its recorded cost; read the result once at the end.
/// </summary>
/// <remarks>Not thread-safe. Allocates only for users, features and models it has not seen yet.</remarks>
public sealed class RepriceAccumulator
{
    private const string None = "(none)";
    private readonly RepriceTarget[] _targets;
    private readonly RepriceOptions _options;
    private readonly IReadOnlySet<string> _embeddingModels;
    private readonly decimal[] _costs;
    private readonly Stays[] _stays;
    private readonly Dictionary<string, decimal[]> _byUser = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal[]> _byFeature = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal[]> _byModel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _families = new(StringComparer.Ordinal);
    private long _records;
    private decimal _current;

    /// <summary>Initializes a new accumulator.</summary>
    /// <param name="targets">The alternatives.</param>
    /// <param name="options">The what-ifs.</param>
    /// <param name="embeddingModels">
    /// The <c>provider/model</c> ids of embedding models (<see cref="ModelModalities.EmbeddingModels"/>): a record priced
    /// as one is an embedding call. Empty or <see langword="null"/>: every record is a text call.
    /// </param>
    public RepriceAccumulator(IEnumerable<RepriceTarget> targets, RepriceOptions options, IReadOnlySet<string>? embeddingModels = null)
    {
        _targets = [.. targets];
        _options = options;
        _options.Validate();
        _embeddingModels = embeddingModels ?? new HashSet<string>(StringComparer.Ordinal);
        _costs = new decimal[_targets.Length];
        _stays = new Stays[_targets.Length];
    }

    /// <summary>Prices <paramref name="record"/> on every alternative and adds it.</summary>
    /// <exception cref="Pricing.PricingException">An alternative cannot price the usage.</exception>
    public void Add(in UsageRecord record, decimal currentCost)
    {
        _records++;
        _current += currentCost;
        var user = Slot(_byUser, record.User);
        var feature = Slot(_byFeature, record.Feature);
        var model = Slot(_byModel, Family(record.Model));
        user[0] += currentCost;
        feature[0] += currentCost;
        model[0] += currentCost;
        var modality = record.PricedAs is { } pricedAs && _embeddingModels.Contains(pricedAs) ? ModelModality.Embedding : ModelModality.Text;
        for (var i = 0; i < _targets.Length; i++)
        {
            decimal cost;
            if (_targets[i].Stays(record, modality) is { } reason)
            {
                cost = currentCost;
                _stays[i].Add(reason, record.Requests, currentCost);
            }
            else
            {
                cost = Repricer.Price(record, _targets[i], _options);
            }

            _costs[i] += cost;
            user[i + 1] += cost;
            feature[i + 1] += cost;
            model[i + 1] += cost;
        }
    }

    /// <summary>The result, with the <paramref name="top"/> drivers per alternative.</summary>
    public RepriceResult Result(int top = 5)
    {
        var alternatives = _targets.Select((t, i) => new RepriceAlternativeResult(
            t.Id, _records, _current, _costs[i], t.Efficiency, Drivers(_byUser, i, top), Drivers(_byFeature, i, top))
        {
            TopModels = Drivers(_byModel, i, top),
            StaysRecords = _stays[i].Records,
            StaysRequests = _stays[i].Requests,
            StaysCost = _stays[i].Cost,
            StaysOverContext = _stays[i].OverContext,
            StaysOtherModality = _stays[i].OtherModality,
        });
        return new RepriceResult(_records, _current, _options, [.. alternatives]);
    }

    private string Family(string model)
    {
        if (!_families.TryGetValue(model, out var family))
        {
            family = ModelNames.Family(model);
            _families[model] = family;
        }

        return family;
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

    private struct Stays
    {
        public long Records;
        public long Requests;
        public decimal Cost;
        public long OverContext;
        public long OtherModality;

        public void Add(StayReason reason, long requests, decimal cost)
        {
            Records++;
            Requests += requests;
            Cost += cost;
            if (reason == StayReason.ContextWindow)
            {
                OverContext++;
            }
            else
            {
                OtherModality++;
            }
        }
    }
}
