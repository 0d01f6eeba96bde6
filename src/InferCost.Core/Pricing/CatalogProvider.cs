using System.Collections.Immutable;

namespace InferCost.Pricing;

/// <summary>A provider in the catalog: its models, how to recognise it, and how to read usage from its responses.</summary>
public sealed record CatalogProvider
{
    /// <summary>Gets the id, e.g. <c>openai</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the display name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the pricing pages.</summary>
    public ImmutableArray<string> PricingUrls { get; init; } = [];

    /// <summary>Gets the regex matching the provider's API base URL.</summary>
    public string? ApiPattern { get; init; }

    /// <summary>Gets the rule matching model ids this provider serves (used when no provider is given).</summary>
    public ModelMatch? ModelMatch { get; init; }

    /// <summary>Gets the rule matching provider ids that mean this provider.</summary>
    public ModelMatch? ProviderMatch { get; init; }

    /// <summary>Gets providers whose models this provider also serves at their prices.</summary>
    public ImmutableArray<string> FallbackModelProviders { get; init; } = [];

    /// <summary>Gets how to read usage from this provider's API responses, by API flavor.</summary>
    public ImmutableArray<UsageExtractor> Extractors { get; init; } = [];

    /// <summary>Gets notes on the provider's prices.</summary>
    public string? PriceComments { get; init; }

    /// <summary>Gets the models, in source order (the first match wins).</summary>
    public required ImmutableArray<CatalogModel> Models { get; init; }

    /// <summary>
    /// Gets declared aliases (lower-case id → model id) from the overlay, consulted before the models' match rules:
    /// e.g. <c>mistral-large-latest</c> → <c>mistral-large-2512</c> when the provider moved the alias.
    /// </summary>
    public System.Collections.Immutable.ImmutableDictionary<string, string> Aliases { get; init; } = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty;

    /// <summary>Gets provider-wide overlay facts (e.g. batch discount); a model's own facts win.</summary>
    public ModelFacts Facts { get; init; } = ModelFacts.None;

    /// <summary>
    /// Gets the API flavor used when none is named: <c>default</c> when the provider defines one, else its first
    /// extractor's flavor (OpenAI: <c>chat</c>); null when the provider defines no extraction.
    /// </summary>
    public string? DefaultApiFlavor => Extractors.IsEmpty ? null : Extractors.Any(e => e.ApiFlavor == "default") ? "default" : Extractors[0].ApiFlavor;

    /// <summary>The extractor for <paramref name="apiFlavor"/> (when null: <see cref="DefaultApiFlavor"/>).</summary>
    /// <exception cref="PricingException">The provider has no extractors, or none with that flavor.</exception>
    public UsageExtractor ExtractorFor(string? apiFlavor)
    {
        if (Extractors.IsEmpty)
        {
            throw new PricingException($"Provider '{Id}' defines no usage extraction");
        }

        var flavor = apiFlavor ?? DefaultApiFlavor;

        foreach (var extractor in Extractors)
        {
            if (extractor.ApiFlavor == flavor)
            {
                return extractor;
            }
        }

        throw new PricingException($"Unknown apiFlavor '{flavor}', allowed values: {string.Join(", ", Extractors.Select(e => e.ApiFlavor))}");
    }
}
