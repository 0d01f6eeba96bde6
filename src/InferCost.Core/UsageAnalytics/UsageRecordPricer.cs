using InferCost.Pricing;

namespace InferCost.UsageAnalytics;

/// <summary>
/// Prices usage records with a catalog: resolves each record's provider and model (cached per pair) and applies
/// the rate card in force at the record's time, exactly as <see cref="RateCard.Calculate"/> does.
/// </summary>
/// <remarks>Not thread-safe: keep one per import.</remarks>
public sealed class UsageRecordPricer
{
    private readonly PriceCatalog _catalog;
    private readonly Dictionary<(string? Provider, string Model), ResolvedModel?> _resolved = [];

    /// <summary>Initializes a new pricer over <paramref name="catalog"/>.</summary>
    public UsageRecordPricer(PriceCatalog catalog) => _catalog = catalog;

    /// <summary>Resolves a record's model, or <see langword="null"/> when the catalog does not know it.</summary>
    public ResolvedModel? Resolve(string? provider, string model)
    {
        var key = (provider, model);
        if (!_resolved.TryGetValue(key, out var resolved))
        {
            resolved = _catalog.TryResolve(model, provider);
            if (resolved is null && provider is not null && _catalog.FindProvider(providerId: provider) is null)
            {
                // A provider the catalog does not name (a gateway, a proxy): resolve by model id alone.
                resolved = _catalog.TryResolve(model);
            }

            var slash = model.IndexOf('/', StringComparison.Ordinal);
            if (resolved is null && slash > 0 && slash < model.Length - 1)
            {
                // A routed name (LiteLLM's azure/gpt-4o, OpenRouter's openai/gpt-4o): the part after the slash, at the
                // named provider, else at the record's provider, else anywhere.
                var (prefix, rest) = (model[..slash], model[(slash + 1)..]);
                resolved = _catalog.TryResolve(rest, prefix) ?? (provider is null ? null : _catalog.TryResolve(rest, provider)) ?? _catalog.TryResolve(rest);
            }

            _resolved[key] = resolved;
        }

        return resolved;
    }

    /// <summary>Prices one record; <see langword="false"/> with a reason when the model is unknown or the usage cannot be priced.</summary>
    public bool TryPrice(in UsageRecord record, out RecordCost cost, out ResolvedModel? model, out string? problem)
        => TryPrice(record, record.ToUsage(), out cost, out model, out problem);

    /// <summary>Prices one record's <paramref name="usage"/> (e.g. what a provider's extractor read from its body) at the record's model, time and batch flag.</summary>
    public bool TryPrice(in UsageRecord record, in Usage usage, out RecordCost cost, out ResolvedModel? model, out string? problem)
    {
        cost = default;
        model = Resolve(record.Provider, record.Model);
        if (model is null)
        {
            var nearest = PriceCatalog.Nearest(record.Model, _catalog.AllModels.Select(m => m.Model.Id), 3);
            problem = $"unknown model '{record.Model}'" + (record.Provider is null ? string.Empty : $" at provider '{record.Provider}'") + $". Closest: {string.Join(", ", nearest)}";
            return false;
        }

        problem = record.Problem();
        if (problem is not null)
        {
            return false;
        }

        try
        {
            var billed = model.Model.MinimumBilledAudioSeconds is null ? usage : model.Model.ApplyBillingRules(usage);
            cost = Price(billed, record.Requests, model.Model.RatesAt(record.Time), record.IsBatch ? model.Facts.BatchMultiplier?.Value : null);
            return true;
        }
        catch (PricingException ex)
        {
            problem = ex.Message;
            return false;
        }
    }

    /// <summary>Prices one record on a rate card, with an optional batch multiplier for batch records.</summary>
    /// <exception cref="PricingException">The rate card cannot price the usage.</exception>
    public static RecordCost Price(in UsageRecord record, RateCard rates, decimal? batchMultiplier)
        => Price(record.ToUsage(), record.Requests, rates, batchMultiplier);

    /// <summary>Prices a usage for <paramref name="requests"/> requests on a rate card, with an optional batch multiplier.</summary>
    /// <exception cref="PricingException">The rate card cannot price the usage.</exception>
    public static RecordCost Price(in Usage usage, long requests, RateCard rates, decimal? batchMultiplier)
    {
        ArgumentNullException.ThrowIfNull(rates);
        var options = new PricingOptions { Requests = requests };
        var list = rates.CalculateTotals(usage, options);
        if (batchMultiplier is not { } m || m == 1m)
        {
            return new RecordCost(list.TotalCost, list.TotalCost, list.InputCost, list.OutputCost);
        }

        var batch = rates.CalculateTotals(usage, options with { BatchMultiplier = m });
        return new RecordCost(batch.TotalCost, list.TotalCost, batch.InputCost, batch.OutputCost);
    }
}
