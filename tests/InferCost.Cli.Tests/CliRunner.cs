using System.Text.Json;
using InferCost.Data.Catalog;

namespace InferCost.Cli.Tests;

/// <summary>
/// Runs <c>infercost</c> in-process with captured output (the one runner every CLI test uses). Every run sees a fixed
/// "today" and an empty user data folder of its own, so no test depends on the wall clock or on a catalog the person
/// running the tests saved with <c>catalog update</c>.
/// </summary>
internal static class CliRunner
{
    /// <summary>The day every CLI test runs on unless it says otherwise.</summary>
    public static readonly DateTimeOffset Today = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static readonly CatalogStore Isolated = NewStore();

    public static (int Code, string Out, string Err) Run(params string[] args) => RunWith(new FixedClock(Today), Isolated, args);

    /// <summary>Runs with the given clock and user folders.</summary>
    public static (int Code, string Out, string Err) RunWith(TimeProvider clock, CatalogStore store, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr, clock, store);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs with <c>--json</c> (added when missing), requires exit 0 and parses the output.</summary>
    public static JsonElement Json(params string[] args) => JsonWith(new FixedClock(Today), Isolated, args);

    /// <summary>As <see cref="Json(string[])"/>, with the given clock and user folders.</summary>
    public static JsonElement JsonWith(TimeProvider clock, CatalogStore store, params string[] args)
    {
        var (code, output, error) = RunWith(clock, store, args.Contains("--json") ? args : [.. args, "--json"]);
        Assert.True(code == 0, $"exit {code}: {error}");
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }

    /// <summary>A fresh, empty pair of user folders under the temp directory.</summary>
    public static CatalogStore NewStore()
    {
        var root = Path.Combine(Path.GetTempPath(), "infercost-tests", Guid.NewGuid().ToString("N"));
        return new CatalogStore(Path.Combine(root, "data"), Path.Combine(root, "config"));
    }
}

/// <summary>A clock that always says the same instant.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
