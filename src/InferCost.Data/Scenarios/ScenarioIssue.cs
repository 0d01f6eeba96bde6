using InferCost.Errors;

namespace InferCost.Data.Scenarios;

/// <summary>A problem in a scenario file: where (file, line, column, field) and what.</summary>
/// <param name="File">The file.</param>
/// <param name="Line">The 1-based line, when known.</param>
/// <param name="Field">The dotted field path.</param>
/// <param name="Problem">What is wrong and what was expected.</param>
/// <param name="Column">The 1-based column, when known.</param>
public sealed record ScenarioIssue(string File, int? Line, string Field, string Problem, int? Column = null)
{
    /// <inheritdoc/>
    public override string ToString() => InputFileException.Format(File, Line, Column, Field, Problem);
}
