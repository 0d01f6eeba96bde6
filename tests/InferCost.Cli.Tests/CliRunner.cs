using System.Text.Json;

namespace InferCost.Cli.Tests;

/// <summary>Runs <c>infercost</c> in-process with captured output (the one runner every CLI test uses).</summary>
internal static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs with <c>--json</c> (added when missing), requires exit 0 and parses the output.</summary>
    public static JsonElement Json(params string[] args)
    {
        var (code, output, error) = Run(args.Contains("--json") ? args : [.. args, "--json"]);
        Assert.True(code == 0, $"exit {code}: {error}");
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }
}
