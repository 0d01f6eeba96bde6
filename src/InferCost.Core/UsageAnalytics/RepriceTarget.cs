using InferCost.Pricing;

namespace InferCost.UsageAnalytics;

/// <summary>An alternative to price traffic on: a catalog model, the rate card in force, its batch multiplier and efficiency.</summary>
/// <param name="Model">The resolved model.</param>
/// <param name="Rates">The rate card to apply (the one in force at the chosen date).</param>
/// <param name="BatchMultiplier">The model's batch multiplier (e.g. 0.5), or <see langword="null"/> when it has no batch API.</param>
/// <param name="Efficiency">The output-token factor on this model (1 = same output tokens as the recorded traffic).</param>
public sealed record RepriceTarget(ResolvedModel Model, RateCard Rates, decimal? BatchMultiplier, decimal Efficiency)
{
    /// <summary>Gets <c>provider/model</c>.</summary>
    public string Id => Model.QualifiedId;

    /// <summary>Builds a target for <paramref name="model"/> at <paramref name="at"/> with the options' efficiency factor.</summary>
    public static RepriceTarget For(ResolvedModel model, DateTimeOffset at, RepriceOptions options)
    {
        var factor = options.Efficiency.TryGetValue(model.Model.Id, out var f) || options.Efficiency.TryGetValue(model.QualifiedId, out f) ? f : 1m;
        var rates = model.Model.RatesAt(at);
        return new RepriceTarget(model, rates, model.Facts.BatchMultiplier?.Value, factor)
        {
            ContextWindow = model.Model.EffectiveContextWindow,
            Modality = ModelModalities.Of(model.Model, rates),
        };
    }

    /// <summary>Gets the alternative's context window in tokens (<see cref="CatalogModel.EffectiveContextWindow"/>); a call whose prompt exceeds it stays. <see langword="null"/> when unknown (not checked).</summary>
    public long? ContextWindow { get; init; }

    /// <summary>Gets what kind of call the alternative serves; a call of another kind stays.</summary>
    public ModelModality Modality { get; init; }

    /// <summary>Why <paramref name="record"/> cannot move to this alternative, or <see langword="null"/> when it can.</summary>
    /// <param name="record">The call.</param>
    /// <param name="recordModality">The kind of call it is (the modality of the model that priced it).</param>
    public StayReason? Stays(in UsageRecord record, ModelModality recordModality)
    {
        if (recordModality != Modality)
        {
            return StayReason.Modality;
        }

        return ContextWindow is { } window && record.InputTokens > window ? StayReason.ContextWindow : null;
    }

    /// <summary>The multiplier on token prices for a record: the batch share's blend when given, else the record's own batch flag.</summary>
    public decimal TokenMultiplier(bool recordIsBatch, RepriceOptions options)
    {
        var m = BatchMultiplier ?? 1m;
        return options.BatchShare is { } s ? 1m - s + (s * m) : recordIsBatch ? m : 1m;
    }
}
