namespace InferCost.Data.Scenarios;

/// <summary>A problem in a scenario file: where (file, line, field) and what.</summary>
/// <param name="File">The file.</param>
/// <param name="Line">The 1-based line, when known.</param>
/// <param name="Field">The dotted field path.</param>
/// <param name="Problem">What is wrong and what was expected.</param>
public sealed record ScenarioIssue(string File, int? Line, string Field, string Problem)
{
    /// <inheritdoc/>
    public override string ToString() => (Line is { } l ? $"{File}:{l}" : File) + $": {Field}: {Problem}";
}
