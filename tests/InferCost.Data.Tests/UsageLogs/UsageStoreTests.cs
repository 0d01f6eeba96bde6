using System.Text.Json;
using InferCost.Data.UsageLogs;
using InferCost.Pricing;
using InferCost.UsageAnalytics;

namespace InferCost.Data.Tests.UsageLogs;

public sealed class UsageStoreTests
{
    [Theory]
    [InlineData("openai-chat.jsonl", 4)]
    [InlineData("openai-batch.jsonl", 2)]
    [InlineData("anthropic.jsonl", 3)]
    [InlineData("gemini.jsonl", 2)]
    [InlineData("otel.jsonl", 2)]
    [InlineData("litellm.jsonl", 2)]
    public void Imported_prices_equal_the_pricer_exactly(string file, int expected)
    {
        var dir = UsageFixtures.TempDir();
        var catalog = UsageFixtures.Catalog;
        using var store = UsageStore.Open(Path.Combine(dir, "u.duckdb"));
        var result = store.Import(UsageFixtures.Path(file), UsageLogFormat.Auto, catalog, Path.Combine(dir, "rejects.jsonl"));
        Assert.Equal(expected, result.Inserted);
        Assert.Equal(result.Records, result.Inserted);

        var sink = UsageFixtures.Read(file, result.Format);
        var expectedCosts = new List<decimal>();
        foreach (var (record, _) in sink.Records)
        {
            var model = catalog.TryResolve(record.Model, record.Provider) ?? catalog.TryResolve(record.Model)!;
            var rates = model.Model.RatesAt(record.Time);
            var options = new PricingOptions { Requests = 1, BatchMultiplier = record.IsBatch ? model.Facts.BatchMultiplier?.Value : null };
            expectedCosts.Add(rates.Calculate(record.ToUsage(), options).TotalCost.Usd);
        }

        var stored = new List<decimal>();
        store.ReadRecords(UsageQuery.All, (in UsageRecord r, decimal cost) => stored.Add(cost));
        Assert.Equal(expectedCosts.Order(), stored.Order());
        Assert.All(stored, c => Assert.True(c > 0));
    }

    [Fact]
    public void Batch_output_is_priced_with_the_batch_discount()
    {
        var dir = UsageFixtures.TempDir();
        using var store = UsageStore.Open(Path.Combine(dir, "u.duckdb"));
        store.Import(UsageFixtures.Path("openai-batch.jsonl"), UsageLogFormat.OpenAiBatch, UsageFixtures.Catalog, Path.Combine(dir, "r.jsonl"));
        var (cost, list) = (store.Scalar<decimal>("SELECT sum(cost) FROM usage_records"), store.Scalar<decimal>("SELECT sum(list_cost) FROM usage_records"));
        Assert.True(cost < list, $"{cost} < {list}");
    }

    [Fact]
    public void Reimporting_the_same_file_or_the_same_request_ids_does_not_double_count()
    {
        var dir = UsageFixtures.TempDir();
        using var store = UsageStore.Open(Path.Combine(dir, "u.duckdb"));
        var catalog = UsageFixtures.Catalog;
        var first = store.Import(UsageFixtures.Path("openai-chat.jsonl"), UsageLogFormat.Auto, catalog, Path.Combine(dir, "r.jsonl"));
        var total = store.Scalar<decimal>("SELECT sum(cost) FROM usage_records");
        var again = store.Import(UsageFixtures.Path("openai-chat.jsonl"), UsageLogFormat.Auto, catalog, Path.Combine(dir, "r.jsonl"));
        Assert.Equal((4L, 0L, 4L), (first.Inserted, again.Inserted, again.Duplicates));

        // The same requests in another file (a copy with one new line) add only the new one.
        var copy = Path.Combine(dir, "copy.jsonl");
        File.WriteAllText(copy, File.ReadAllText(UsageFixtures.Path("openai-chat.jsonl")) + File.ReadAllLines(UsageFixtures.Path("broken.jsonl"))[0] + "\n");
        var third = store.Import(copy, UsageLogFormat.OpenAi, catalog, Path.Combine(dir, "r.jsonl"));
        Assert.Equal((1L, 4L), (third.Inserted, third.Duplicates));
        Assert.Equal(5, store.Count());
        Assert.True(store.Scalar<decimal>("SELECT sum(cost) FROM usage_records") > total);
    }

    [Fact]
    public void Lines_without_request_ids_dedupe_on_file_hash_and_line()
    {
        var dir = UsageFixtures.TempDir();
        using var store = UsageStore.Open(Path.Combine(dir, "u.duckdb"));
        var csv = Path.Combine(dir, "no-ids.csv");
        File.WriteAllText(csv, "time,model,input_tokens,output_tokens\n2025-07-01T00:00:00Z,gpt-4o,100,10\n2025-07-01T00:00:00Z,gpt-4o,100,10\n");
        store.Import(csv, UsageLogFormat.Auto, UsageFixtures.Catalog, Path.Combine(dir, "r.jsonl"));
        store.Import(csv, UsageLogFormat.Auto, UsageFixtures.Catalog, Path.Combine(dir, "r.jsonl"));
        Assert.Equal(2, store.Count()); // two identical lines are two requests; the second import adds nothing
    }

    [Fact]
    public void Malformed_lines_and_unknown_models_are_counted_reported_and_written_to_the_reject_file()
    {
        var dir = UsageFixtures.TempDir();
        using var store = UsageStore.Open(Path.Combine(dir, "u.duckdb"));
        var rejects = Path.Combine(dir, "broken.rejects.jsonl");
        var result = store.Import(UsageFixtures.Path("broken.jsonl"), UsageLogFormat.Auto, UsageFixtures.Catalog, rejects);
        Assert.Equal((2L, 6L), (result.Inserted, result.Rejected));
        Assert.Equal([2L, 3L, 4L, 5L, 6L, 8L], result.FirstRejects.Select(r => r.Line).Order());
        Assert.Contains(result.FirstRejects, r => r.Line == 4 && r.Problem.Contains("unknown model 'gpt-9-ultra-preview'", StringComparison.Ordinal));
        Assert.Contains(result.FirstRejects, r => r.Line == 5 && r.Problem.Contains("exceed input tokens", StringComparison.Ordinal));
        var lines = File.ReadAllLines(rejects);
        Assert.Equal(6, lines.Length);
        using var doc = JsonDocument.Parse(lines[0]);
        Assert.Equal(2, doc.RootElement.GetProperty("line").GetInt64());
        Assert.Contains("chatcmpl-trunc-0002", doc.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_totals_equal_the_sum_of_records_and_groups_sum_to_totals()
    {
        var dir = UsageFixtures.TempDir();
        using var store = UsageStore.Open(Path.Combine(dir, "u.duckdb"));
        var log = Path.Combine(dir, "syn.jsonl");
        using (var s = File.Create(log))
        {
            SyntheticUsageLog.WriteOpenAiJsonl(s, 3000, seed: 7);
        }

        store.Import(log, UsageLogFormat.Auto, UsageFixtures.Catalog, Path.Combine(dir, "r.jsonl"));
        foreach (var f in new[] { "openai-chat.jsonl", "anthropic.jsonl", "gemini.jsonl", "otel.jsonl" })
        {
            store.Import(UsageFixtures.Path(f), UsageLogFormat.Auto, UsageFixtures.Catalog, Path.Combine(dir, "r.jsonl"));
        }

        var sum = 0m;
        long records = 0;
        store.ReadRecords(UsageQuery.All, (in UsageRecord r, decimal cost) => { sum += cost; records++; });
        foreach (var by in Enum.GetValues<ReportDimension>())
        {
            var report = store.Report(by, UsageQuery.All, top: 100_000);
            Assert.Equal(sum, report.Totals.Cost);
            Assert.Equal(records, report.Totals.Records);
            Assert.Equal(sum, report.Rows.Sum(r => r.Cost));
        }

        var top = store.Report(ReportDimension.User, UsageQuery.All, top: 3);
        Assert.Equal(3, top.Rows.Length);
        Assert.True(top.OtherGroups > 0);
        Assert.True(top.Rows[0].Cost >= top.Rows[1].Cost);

        var july = new UsageQuery(new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero), null);
        Assert.Equal(4 + 3 + 2 + 2, store.Report(ReportDimension.Day, july, 100).Totals.Records);
    }
}
