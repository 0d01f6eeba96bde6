using InferCost.Cli;

namespace InferCost.Web.Tests.Api;

/// <summary>Runs the real CLI in-process with <c>--json</c> and returns its output.</summary>
internal static class CliJson
{
    private static readonly Lock Gate = new();

    public static string Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code;
        lock (Gate)
        {
            code = CliApp.Run([.. args, "--json"], stdout, stderr);
        }

        Assert.True(code == 0, $"infercost {string.Join(' ', args)} exited {code}: {stderr}");
        return stdout.ToString().TrimEnd('\n', '\r');
    }
}
