using InferCost.Errors;

namespace InferCost.Data.Yaml;

/// <summary>One problem in a YAML input file: where (file, line, column, field) and what.</summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="Line">The 1-based line, when known.</param>
/// <param name="Column">The 1-based column, when known.</param>
/// <param name="Field">The dotted field path (<c>(yaml)</c> for a syntax error, <c>(root)</c> for the document).</param>
/// <param name="Problem">What is wrong and what was expected.</param>
internal sealed record YamlIssue(string File, int? Line, int? Column, string Field, string Problem)
{
    /// <summary>The issue as the exception every reader throws for bad input.</summary>
    public InputFileException ToException(string? suffix = null) => new(File, Line, Column, Field, Problem + suffix);

    /// <inheritdoc/>
    public override string ToString() => InputFileException.Format(File, Line, Column, Field, Problem);
}
