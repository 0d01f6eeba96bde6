namespace InferCost.Application.Validation;

/// <summary>A request that checks its own fields (ranges, required values) before a service runs it.</summary>
public interface IValidatable
{
    /// <summary>Every problem with the request's fields; empty when it is valid.</summary>
    IReadOnlyList<FieldError> Validate();
}
