using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace InferCost.Cli;

/// <summary>
/// What a running command writes to: a Spectre console for people, a raw writer for JSON/CSV/JSONL.
/// </summary>
public sealed class CliContext
{
    /// <summary>JSON options for every command's <c>--json</c> output: snake_case, indented, decimals as numbers.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    [ThreadStatic]
    private static CliContext? t_current;

    /// <summary>Initializes a new instance of the <see cref="CliContext"/> class.</summary>
    public CliContext(TextWriter stdout, TextWriter stderr)
    {
        Out = stdout;
        Error = stderr;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!ReferenceEquals(stdout, System.Console.Out) || System.Console.IsOutputRedirected)
        {
            Console.Profile.Width = 160;
        }
    }

    /// <summary>Gets or sets the context of the command running on this thread.</summary>
    public static CliContext Current
    {
        get => t_current ?? new CliContext(System.Console.Out, System.Console.Error);
        set => t_current = value;
    }

    /// <summary>Gets the raw standard output (JSON, CSV, JSONL).</summary>
    public TextWriter Out { get; }

    /// <summary>Gets the standard error writer (warnings, progress).</summary>
    public TextWriter Error { get; }

    /// <summary>Gets the console for tables, charts and trees.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Writes <paramref name="value"/> as one JSON document.</summary>
    public void WriteJson<T>(T value)
    {
        Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));
    }
}
