namespace InferCost.Application.Validation;

/// <summary>Collects field errors; services call <see cref="ThrowIfInvalid"/> before they compute.</summary>
public sealed class Validator
{
    private readonly List<FieldError> _errors = [];

    /// <summary>Gets the errors found so far.</summary>
    public IReadOnlyList<FieldError> Errors => _errors;

    /// <summary>Throws <see cref="RequestValidationException"/> when <paramref name="request"/> has any field error.</summary>
    /// <exception cref="RequestValidationException">The request is not valid.</exception>
    public static void ThrowIfInvalid(IValidatable request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }

    /// <summary>Adds an error when <paramref name="failed"/> is true.</summary>
    public Validator Check(bool failed, string field, string message)
    {
        if (failed)
        {
            _errors.Add(new FieldError(field, message));
        }

        return this;
    }

    /// <summary>Adds an error when <paramref name="value"/> is null or blank.</summary>
    public Validator Required(string? value, string field, string flag) => Check(string.IsNullOrWhiteSpace(value), field, $"{flag} is required");

    /// <summary>Adds an error when <paramref name="value"/> has no value.</summary>
    public Validator Required<T>(T? value, string field, string flag)
        where T : struct => Check(value is null, field, $"{flag} is required");
}
