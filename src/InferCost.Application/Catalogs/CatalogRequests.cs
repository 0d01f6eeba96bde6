using InferCost.Application.Validation;
using InferCost.Pricing;

namespace InferCost.Application.Catalogs;

/// <summary><c>infercost models</c>: catalog models with their current prices, filtered and sorted.</summary>
public sealed record ModelsRequest : IValidatable
{
    /// <summary>The sort orders <see cref="Sort"/> accepts.</summary>
    public static readonly IReadOnlyList<string> SortOrders = ["id", "input", "output", "blended"];

    /// <summary>Gets the provider whose models are listed (null: every provider).</summary>
    public string? Provider { get; init; }

    /// <summary>Gets the market tier the models must be in (null: any).</summary>
    public MarketTier? Tier { get; init; }

    /// <summary>Gets the highest output price per 1M tokens a model may have (null: any).</summary>
    public decimal? MaxOutputPrice { get; init; }

    /// <summary>Gets the sort order: id, input, output or blended.</summary>
    public string Sort { get; init; } = "id";

    /// <summary>Gets whether deprecated models are listed.</summary>
    public bool IncludeDeprecated { get; init; }

    /// <inheritdoc/>
    public IReadOnlyList<FieldError> Validate() => new Validator()
        .Check(!SortOrders.Contains(Sort), "sort", $"--sort must be one of {string.Join(", ", SortOrders)} (got '{Sort}')")
        .Check(MaxOutputPrice is < 0, "max_output_price", "--max-output-price must not be negative")
        .Errors;
}

/// <summary><c>infercost model ID</c>: every price dimension, tier and dated version of one model, with sources.</summary>
public sealed record ModelRequest : IValidatable
{
    /// <summary>Gets the model id, e.g. <c>gpt-5.4</c> or <c>openai/gpt-5.4</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>Gets the provider id when the model is served by several.</summary>
    public string? Provider { get; init; }

    /// <inheritdoc/>
    public IReadOnlyList<FieldError> Validate() => new Validator().Required(Id, "id", "the model id").Errors;
}
