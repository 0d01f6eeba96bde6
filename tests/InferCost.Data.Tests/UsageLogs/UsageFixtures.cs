using InferCost.Data.Catalog;
using InferCost.Data.UsageLogs;
using InferCost.Pricing;
using InferCost.UsageAnalytics;

namespace InferCost.Data.Tests.UsageLogs;

/// <summary>Fixture paths, a collecting sink and temp folders for usage tests.</summary>
internal static class UsageFixtures
{
    public static PriceCatalog Catalog => CatalogLoader.LoadBuiltIn();

    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "usage", name);

    public static CollectingSink Read(string name, UsageLogFormat format, ColumnMapping? mapping = null)
    {
        var sink = new CollectingSink();
        using var stream = File.OpenRead(Path(name));
        UsageLogReader.Create(format, mapping).Read(stream, sink);
        return sink;
    }

    public static string TempDir()
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "infercost-usage-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}

internal sealed class CollectingSink : IUsageSink
{
    public List<(UsageRecord Record, long Line)> Records { get; } = [];

    public List<(long Line, string Problem)> Rejects { get; } = [];

    public void OnRecord(in UsageRecord record, long line) => Records.Add((record, line));

    public List<(long Line, string Problem)> Failures { get; } = [];

    public void OnReject(long line, string problem, ReadOnlySpan<byte> raw) => Rejects.Add((line, problem));

    public void OnFailed(long line, string reason, ReadOnlySpan<byte> raw) => Failures.Add((line, reason));
}
