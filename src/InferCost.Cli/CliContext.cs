using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;

namespace InferCost.Cli;

/// <summary>
/// What a running command writes to: a Spectre console for people, a raw writer for JSON/CSV/JSONL. Passed to every
/// command when the command tree is built (no ambient state).
/// </summary>
public sealed class CliContext
{
    /// <summary>JSON options for the few outputs that are not an operation result (reflection): snake_case, indented.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Initializes a new instance of the <see cref="CliContext"/> class.</summary>
    public CliContext(TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        Out = stdout;
        Error = stderr;
        var terminal = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected;
        Console = CreateConsole(stdout, terminal);
    }

    /// <summary>Gets the raw standard output (JSON, CSV, JSONL).</summary>
    public TextWriter Out { get; }

    /// <summary>Gets the standard error writer (warnings, progress).</summary>
    public TextWriter Error { get; }

    /// <summary>Gets the console for tables, charts and trees.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Gets whether standard output is the process's own, not redirected (progress bars, raw streams).</summary>
    public bool IsProcessConsole => ReferenceEquals(Out, System.Console.Out);

    /// <summary>A console that writes plain text (no colours, no ANSI, 160 columns) to <paramref name="writer"/>, as for a redirected output.</summary>
    public static IAnsiConsole CreateConsole(TextWriter writer, bool terminal = false)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = 160;
        }

        return console;
    }

    /// <summary>Writes an operation's result as one JSON document: the source-generated contract the web API returns too.</summary>
    public void WriteJson<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        Out.WriteLine(JsonSerializer.Serialize(value, typeInfo));
    }

    /// <summary>Writes <paramref name="value"/> as one JSON document by reflection (outputs that are not an operation result).</summary>
    public void WriteJson<T>(T value)
    {
        Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));
    }
}
