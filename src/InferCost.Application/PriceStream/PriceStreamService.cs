using InferCost.Application.Catalogs;
using InferCost.Application.Validation;
using InferCost.Errors;
using InferCost.Pricing;

namespace InferCost.Application.PriceStream;

/// <summary><c>infercost price --jsonl</c>: how to price a stream of response bodies.</summary>
public sealed record PriceStreamRequest : IValidatable
{
    /// <summary>Gets the provider id (openai, anthropic, google, …).</summary>
    public string Provider { get; init; } = "";

    /// <summary>Gets the API flavor of the bodies (null: the provider's default).</summary>
    public string? ApiFlavor { get; init; }

    /// <summary>Gets the model every line is priced on instead of the one in the body (optional).</summary>
    public string? Model { get; init; }

    /// <summary>Gets the instant whose prices apply (null: now).</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>Gets the threads to price on; output stays in input order.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <inheritdoc/>
    public IReadOnlyList<FieldError> Validate() => new Validator()
        .Required(Provider, "provider", "--provider")
        .Check(Threads < 1, "threads", $"--threads must be at least 1, got {Threads}")
        .Errors;
}

/// <summary>Lines priced and lines that could not be priced (their output lines carry an <c>error</c> field).</summary>
public sealed record PriceStreamResult(long Priced, long Errors);

/// <summary>Prices JSONL streams of API response bodies on the catalog.</summary>
/// <param name="catalogs">Where the price catalog comes from.</param>
/// <param name="clock">The clock whose "now" picks prices when the request has no date; the system clock when null.</param>
public sealed class PriceStreamService(CatalogSource catalogs, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>A factory of pricers for the request (one per thread); an unknown provider or flavor fails here, before any input is read.</summary>
    /// <exception cref="RequestValidationException">A field is missing or out of range.</exception>
    /// <exception cref="InferCostException">Unknown provider or flavor.</exception>
    public Func<ResponsePricer> Pricers(PriceStreamRequest request)
    {
        Validator.ThrowIfInvalid(request);
        var catalog = catalogs.Catalog;
        var when = request.At ?? _clock.GetUtcNow();
        ResponsePricer Create() => new(catalog, request.Provider, request.ApiFlavor, request.Model, when);
        _ = Create();
        return Create;
    }

    /// <summary>Prices every line of <paramref name="input"/> into <paramref name="output"/>.</summary>
    public PriceStreamResult Price(PriceStreamRequest request, Stream input, Stream output)
    {
        var pricers = Pricers(request);
        var (priced, errors) = StreamPricer.Run(pricers, input, output, request.Threads);
        return new PriceStreamResult(priced, errors);
    }

    /// <summary>Prices every line of <paramref name="input"/> into a text writer.</summary>
    public PriceStreamResult Price(PriceStreamRequest request, Stream input, TextWriter output)
    {
        var pricers = Pricers(request);
        var (priced, errors) = StreamPricer.RunToWriter(pricers, input, output, request.Threads);
        return new PriceStreamResult(priced, errors);
    }
}
