using InferCost.Pricing;

namespace InferCost.UsageAnalytics;

/// <summary>What kind of call a model serves, as far as re-pricing token traffic is concerned.</summary>
public enum ModelModality
{
    /// <summary>Text generation (chat, completions, responses): priced per output token, or free.</summary>
    Text,

    /// <summary>Embeddings: input tokens only (an id naming <c>embed</c>, or a rate card with input and no output price).</summary>
    Embedding,

    /// <summary>Neither: audio, OCR pages or voice messages; token traffic cannot move there.</summary>
    Other,
}

/// <summary>Tells a catalog model's <see cref="ModelModality"/> from its id and rate card.</summary>
public static class ModelModalities
{
    /// <summary>
    /// The modality of <paramref name="model"/> priced by <paramref name="rates"/>: <see cref="ModelModality.Embedding"/>
    /// when its id names <c>embed</c> or its card prices input tokens and no output tokens (genai-prices lists embedding
    /// models so); <see cref="ModelModality.Text"/> when it prices output tokens or nothing at all (free chat models);
    /// <see cref="ModelModality.Other"/> when it prices only other units (audio hours, document pages).
    /// </summary>
    public static ModelModality Of(CatalogModel model, RateCard rates)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rates);
        if (model.Id.Contains("embed", StringComparison.OrdinalIgnoreCase))
        {
            return ModelModality.Embedding;
        }

        if (rates.PriceOf(UsageUnits.OutputTokens) is not null || rates.Prices.IsEmpty)
        {
            return ModelModality.Text;
        }

        return rates.PriceOf(UsageUnits.InputTokens) is not null ? ModelModality.Embedding : ModelModality.Other;
    }

    /// <summary>The <c>provider/model</c> ids of every embedding model in <paramref name="catalog"/> (rate card in force at <paramref name="at"/>).</summary>
    public static IReadOnlySet<string> EmbeddingModels(PriceCatalog catalog, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.AllModels
            .Where(m => Of(m.Model, m.Model.RatesAt(at)) == ModelModality.Embedding)
            .Select(m => m.QualifiedId)
            .ToHashSet(StringComparer.Ordinal);
    }
}
