using InferCost.Errors;

namespace InferCost.Application.Validation;

/// <summary>A request failed validation: bad input (CLI exit 1, HTTP 400 with the field errors).</summary>
public sealed class RequestValidationException : InferCostException
{
    /// <summary>Initializes a new instance of the <see cref="RequestValidationException"/> class.</summary>
    public RequestValidationException(IReadOnlyList<FieldError> errors)
        : base(string.Join("; ", (errors ?? throw new ArgumentNullException(nameof(errors))).Select(e => e.Message)))
    {
        Errors = errors;
    }

    /// <summary>Gets every problem found, in field order.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>Gets the errors grouped by field, the shape ASP.NET Core's validation problem details take.</summary>
    public IDictionary<string, string[]> ByField() =>
        Errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
}
