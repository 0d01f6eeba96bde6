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
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="clock">What "today" is (staleness, snapshot dates); the system clock when null.</param>
    /// <param name="store">The user's catalog folders; from the environment when null.</param>
    public CliContext(TextWriter stdout, TextWriter stderr, TimeProvider? clock = null, Data.Catalog.CatalogStore? store = null)
    {
        Out = stdout;
        Error = stderr;
        Clock = clock ?? TimeProvider.System;
        Store = store ?? Data.Catalog.CatalogStore.FromEnvironment();
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

    /// <summary>Gets the clock that says what day it is.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Gets today's date (UTC) by <see cref="Clock"/>.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    /// <summary>Gets the user's catalog folders (snapshots saved by <c>catalog update</c>, overlays).</summary>
    public Data.Catalog.CatalogStore Store { get; }

    /// <summary>Gets the warnings this run has given (each also written once to standard error); <c>--json</c> outputs list them.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Writes <paramref name="warning"/> to standard error and records it, once per run.</summary>
    public void Warn(string warning)
    {
        if (!Warnings.Contains(warning))
        {
            Warnings.Add(warning);
            Error.WriteLine("warning: " + warning);
        }
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
