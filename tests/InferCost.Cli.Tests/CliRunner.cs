using System.Text.Json;

namespace InferCost.Cli.Tests;

/// <summary>Runs <c>infercost</c> in-process with captured output.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public static JsonElement Json(params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.True(code == 0, $"exit {code}: {error}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
