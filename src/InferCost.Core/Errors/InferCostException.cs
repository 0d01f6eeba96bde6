namespace InferCost.Errors;

/// <summary>
/// An error in what a user gave InferCost (a file, a flag, a value): the command line reports it with
/// exit code 1 and its message, never with a stack trace.
/// </summary>
public class InferCostException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="InferCostException"/> class.</summary>
    public InferCostException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InferCostException"/> class with a message.</summary>
    public InferCostException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InferCostException"/> class with a message and a cause.</summary>
    public InferCostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Bad input in a file: names the file, the line (1-based, when known) and the field, and says what was expected.
/// </summary>
public sealed class InputFileException : InferCostException
{
    /// <summary>Initializes a new instance of the <see cref="InputFileException"/> class.</summary>
    /// <param name="file">The file (or <c>-</c> for standard input) the bad value came from.</param>
    /// <param name="line">The 1-based line, or <see langword="null"/> when unknown.</param>
    /// <param name="field">The field or path of the bad value, or <see langword="null"/>.</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    public InputFileException(string file, int? line, string? field, string problem)
        : this(file, line, null, field, problem)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InputFileException"/> class with a column.</summary>
    /// <param name="file">The file (or <c>-</c> for standard input) the bad value came from.</param>
    /// <param name="line">The 1-based line, or <see langword="null"/> when unknown.</param>
    /// <param name="column">The 1-based column, or <see langword="null"/> when unknown.</param>
    /// <param name="field">The field or path of the bad value, or <see langword="null"/>.</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    public InputFileException(string file, int? line, int? column, string? field, string problem)
        : base(Format(file, line, column, field, problem))
    {
        File = file;
        Line = line;
        Column = line is null ? null : column;
        Field = field;
        Problem = problem;
    }

    /// <summary>Gets the file the bad value came from.</summary>
    public string File { get; }

    /// <summary>Gets the 1-based line of the bad value, when known.</summary>
    public int? Line { get; }

    /// <summary>Gets the 1-based column of the bad value, when known.</summary>
    public int? Column { get; }

    /// <summary>Gets the field or path of the bad value, when known.</summary>
    public string? Field { get; }

    /// <summary>Gets what is wrong and what was expected.</summary>
    public string Problem { get; }

    /// <summary>Formats a location and problem as <c>file:line:column: field: problem</c> (parts that are unknown are left out).</summary>
    /// <param name="file">The file.</param>
    /// <param name="line">The 1-based line, when known.</param>
    /// <param name="column">The 1-based column, when known.</param>
    /// <param name="field">The field, when known.</param>
    /// <param name="problem">What is wrong.</param>
    /// <returns>The one-line message.</returns>
    public static string Format(string file, int? line, int? column, string? field, string problem)
    {
        var where = line is { } l ? (column is { } c ? $"{file}:{l}:{c}" : $"{file}:{l}") : file;
        return field is null ? $"{where}: {problem}" : $"{where}: {field}: {problem}";
    }
}
