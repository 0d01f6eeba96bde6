using InferCost.Testing;
using InferCost.Web.Tests.Api;

namespace InferCost.Web.Tests.Hosting;

/// <summary>A DuckDB usage store holding the repository's example logs, imported once by the real CLI.</summary>
internal static class UsageStoreFixture
{
    private static readonly Lazy<string> Store = new(Import);

    /// <summary>Gets the store's path (649 records of November 2026).</summary>
    public static string Path => Store.Value;

    private static string Import()
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "infercost-web-usage", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var db = System.IO.Path.Combine(dir, "usage.duckdb");
        var examples = System.IO.Path.Combine(RepoPaths.Root, "examples", "usage");
        CliJson.Run("usage", "import", System.IO.Path.Combine(examples, "gateway.jsonl"), System.IO.Path.Combine(examples, "litellm-spendlogs.jsonl"),
            System.IO.Path.Combine(examples, "billing-export.csv"), "--db", db);
        return db;
    }
}
