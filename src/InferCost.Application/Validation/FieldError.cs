namespace InferCost.Application.Validation;

/// <summary>One problem with one field of a request: the CLI prints the message, the web app returns it as RFC 7807 problem details.</summary>
/// <param name="Field">The request field, snake_case as in the JSON and the web query string (e.g. <c>tok_per_user</c>).</param>
/// <param name="Message">What is wrong and what was expected, in the CLI's words (flags named as <c>--flag</c>).</param>
public sealed record FieldError(string Field, string Message);
