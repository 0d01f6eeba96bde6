using System.Text.Json;
using InferCost.Data.UsageLogs;
using InferCost.UsageAnalytics;

namespace InferCost.Data.Tests.UsageLogs;

/// <summary>Logs as real systems write them import with <c>--format auto</c> and nothing else.</summary>
public sealed class RealShapeTests
{
    private static string Real(string name) => UsageFixtures.Path(Path.Combine("real", name));

    private static (ImportResult Result, List<UsageRecord> Records) Import(string file, UsageLogFormat format = UsageLogFormat.Auto, UsageReadOptions? options = null)
    {
        var dir = UsageFixtures.TempDir();
        using var store = UsageStore.Open(Path.Combine(dir, "u.duckdb"));
        var result = store.Import(file, format, UsageFixtures.Catalog, Path.Combine(dir, "rejects.jsonl"), options: options);
        var records = new List<UsageRecord>();
        store.ReadRecords(UsageQuery.All, (in UsageRecord r, decimal _) => records.Add(r));
        return (result, records);
    }

    [Theory]
    [InlineData("real/anthropic-messages-raw.jsonl", UsageLogFormat.Anthropic, 4, 0)]
    [InlineData("real/openai-responses.jsonl", UsageLogFormat.OpenAi, 3, 0)]
    [InlineData("real/anthropic-batch-results.jsonl", UsageLogFormat.AnthropicBatch, 3, 2)]
    [InlineData("real/gemini-generate-content.jsonl", UsageLogFormat.Gemini, 3, 0)]
    [InlineData("real/litellm-spendlogs.jsonl", UsageLogFormat.LiteLlm, 3, 1)]
    [InlineData("real/litellm-spend-logs-api.json", UsageLogFormat.LiteLlm, 3, 1)]
    [InlineData("real/otel-export-pretty.json", UsageLogFormat.Otel, 1, 0)]
    [InlineData("real/gateway-envelopes.jsonl", UsageLogFormat.OpenAi, 3, 1)]
    [InlineData("openai-chat.jsonl", UsageLogFormat.OpenAi, 4, 0)]
    [InlineData("openai-batch.jsonl", UsageLogFormat.OpenAiBatch, 2, 1)]
    [InlineData("anthropic.jsonl", UsageLogFormat.Anthropic, 3, 0)]
    [InlineData("otel.jsonl", UsageLogFormat.Otel, 2, 0)]
    public void Every_usage_record_of_a_real_shape_imports_with_auto_detection(string file, UsageLogFormat detected, int imported, int failed)
    {
        var (result, _) = Import(UsageFixtures.Path(file));
        Assert.Equal(detected, result.Format);
        Assert.Equal((imported, 0L, (long)failed), (result.Inserted, result.Rejected, result.Failed));
    }

    [Fact]
    public void Raw_Anthropic_responses_without_a_timestamp_take_the_file_time_and_say_so()
    {
        var file = Real("anthropic-messages-raw.jsonl");
        var (result, records) = Import(file);
        var mtime = new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero);
        Assert.Equal((4L, (DateTimeOffset?)mtime, TimeSource.FileModified), (result.Undated, result.FallbackTime, result.FallbackSource));
        Assert.All(records, r => Assert.Equal(TimeSource.FileModified, r.TimeSource));
        Assert.Contains(records, r => r.WebSearches == 1);
        Assert.Contains(records, r => r.CacheWrite1hTokens == 2048 && r.InputTokens == 410 + 2048);
    }

    [Fact]
    public void A_given_time_dates_records_that_carry_none()
    {
        var at = new DateTimeOffset(2025, 7, 1, 12, 0, 0, TimeSpan.Zero);
        var (result, records) = Import(Real("gemini-generate-content.jsonl"), options: new UsageReadOptions { DefaultTime = at });
        Assert.Equal((3L, TimeSource.Given), (result.Undated, result.FallbackSource));
        Assert.All(records, r => Assert.Equal((at, TimeSource.Given), (r.Time, r.TimeSource)));
    }

    [Fact]
    public void OpenAI_Responses_objects_are_not_taken_for_Anthropic_and_keep_their_created_at()
    {
        var (result, records) = Import(Real("openai-responses.jsonl"));
        Assert.Equal(UsageLogFormat.OpenAi, result.Format);
        Assert.All(records, r => Assert.Equal(TimeSource.Record, r.TimeSource));
        Assert.Contains(records, r => r.Time == DateTimeOffset.FromUnixTimeSeconds(1741476542));
        Assert.Contains(records, r => r.ReasoningTokens == 1024 && r.User == "user_8841" && r.Feature == "code-assist");
        Assert.Contains(records, r => r.WebSearches == 1);
    }

    [Fact]
    public void Anthropic_batch_results_are_batch_priced_and_failed_items_counted_apart()
    {
        var (result, records) = Import(Real("anthropic-batch-results.jsonl"));
        Assert.All(records, r => Assert.True(r.IsBatch));
        Assert.Equal(2, result.Failed);
        Assert.Contains(result.FirstFailures, f => f.Line == 2 && f.Problem.Contains("errored", StringComparison.Ordinal));
    }

    [Fact]
    public void LiteLLM_blank_end_user_is_no_user_failures_are_not_usage_and_Azure_deployments_resolve()
    {
        var (result, records) = Import(Real("litellm-spendlogs.jsonl"));
        Assert.Equal(1, result.Failed);
        Assert.Contains(records, r => r.Model == "gpt-4o-mini" && r.User is null);
        Assert.Contains(records, r => r.Model == "azure/gpt-4o-2024-08-06" && r.Provider == "azure" && r.User == "cust_acme" && r.CacheReadTokens == 1024);
        Assert.DoesNotContain(records, r => r.User == string.Empty);
    }

    [Fact]
    public void A_deployment_name_maps_to_a_catalog_model_with_model_map()
    {
        var file = Real("litellm-azure-deployment.jsonl");
        Assert.Equal(1, Import(file).Result.Rejected);
        var (result, records) = Import(file, options: new UsageReadOptions { ModelMap = UsageReadOptions.ParseModelMap(["support-bot-4o=gpt-4o"]) });
        Assert.Equal(1, result.Inserted);
        Assert.Equal("gpt-4o", records[0].Model);
    }

    [Fact]
    public void A_model_given_on_the_command_line_prices_records_that_name_none()
    {
        var dir = UsageFixtures.TempDir();
        var file = Path.Combine(dir, "no-model.jsonl");
        File.WriteAllText(file, """{"timestamp":"2025-07-01T00:00:00Z","usage":{"prompt_tokens":100,"completion_tokens":20}}""" + "\n");
        Assert.Equal(1, Import(file).Result.Rejected);
        Assert.Equal(1, Import(file, options: new UsageReadOptions { DefaultModel = "gpt-4o" }).Result.Inserted);
    }

    [Fact]
    public void Gateway_envelopes_keep_the_user_under_request_and_the_model_the_response_names()
    {
        var (result, records) = Import(Real("gateway-envelopes.jsonl"));
        Assert.Equal(1, result.Failed);
        Assert.Contains(records, r => r.User == "cust_initech" && r.Feature == "order-status" && r.Model == "gpt-4o-mini-2024-07-18" && r.CacheReadTokens == 1280);
        Assert.Contains(records, r => r.User == "cust_hooli" && r.Feature == "reply-draft" && r.Provider == "anthropic");
        Assert.Contains(records, r => r.User == "cust_initech" && r.Feature == "triage" && r.Provider == "google");
        Assert.DoesNotContain(records, r => r.User is null);
    }

    [Fact]
    public void A_JSON_array_and_a_pretty_printed_document_are_read_as_whole_documents()
    {
        var array = Import(Real("litellm-spend-logs-api.json"));
        var lines = Import(Real("litellm-spendlogs.jsonl"));
        Assert.Equal(lines.Records.Select(r => (r.RequestId, r.InputTokens, r.Model)).Order(), array.Records.Select(r => (r.RequestId, r.InputTokens, r.Model)).Order());
        var otel = Import(Real("otel-export-pretty.json"));
        Assert.Equal(0, otel.Result.Rejected);
    }

    [Fact]
    public void A_malformed_whole_document_is_one_error_naming_the_file_problem()
    {
        var dir = UsageFixtures.TempDir();
        var file = Path.Combine(dir, "cut.json");
        File.WriteAllText(file, File.ReadAllText(Real("litellm-spend-logs-api.json"))[..700]);
        var ex = Assert.ThrowsAny<InferCost.Errors.InferCostException>(() => Import(file));
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grown_log_without_request_ids_imports_again_without_double_counting()
    {
        var dir = UsageFixtures.TempDir();
        using var store = UsageStore.Open(Path.Combine(dir, "u.duckdb"));
        var log = Path.Combine(dir, "grows.jsonl");
        var lines = File.ReadAllLines(Real("gemini-generate-content.jsonl")); // Gemini responses: ids, but we strip them
        var noIds = lines.Select(l => l.Replace("\"responseId\"", "\"response_id_x\"", StringComparison.Ordinal)).ToArray();
        File.WriteAllLines(log, noIds[..2].Append(noIds[0]));
        var first = store.Import(log, UsageLogFormat.Auto, UsageFixtures.Catalog, Path.Combine(dir, "r.jsonl"));
        Assert.Equal(3, first.Inserted); // the same line twice is two requests
        File.AppendAllLines(log, [noIds[2]]);
        var second = store.Import(log, UsageLogFormat.Auto, UsageFixtures.Catalog, Path.Combine(dir, "r.jsonl"));
        Assert.Equal((1L, 3L), (second.Inserted, second.Duplicates));
        Assert.Equal(4, store.Count());
    }

    [Fact]
    public void The_reject_file_keeps_the_original_record_unescaped_with_a_reason_unknown_models_included()
    {
        var dir = UsageFixtures.TempDir();
        var file = Path.Combine(dir, "unknown.jsonl");
        var line = """{"id":"chatcmpl-x1","object":"chat.completion","created":1751709600,"model":"gpt-9-ultra","usage":{"prompt_tokens":10,"completion_tokens":2}}""";
        File.WriteAllText(file, line + "\n");
        using var store = UsageStore.Open(Path.Combine(dir, "u.duckdb"));
        var rejects = Path.Combine(dir, "r.jsonl");
        store.Import(file, UsageLogFormat.Auto, UsageFixtures.Catalog, rejects);
        var written = File.ReadAllText(rejects);
        Assert.Contains(line, written, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(written);
        Assert.Contains("unknown model 'gpt-9-ultra'", doc.RootElement.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_CSV_without_a_needed_column_is_one_error_that_suggests_map()
    {
        var dir = UsageFixtures.TempDir();
        var csv = Path.Combine(dir, "x.csv");
        File.WriteAllText(csv, "time,llm,input_tokens,output_tokens\n2025-07-01T00:00:00Z,gpt-4o,100,10\n2025-07-01T00:00:01Z,gpt-4o,100,10\n");
        var ex = Assert.Throws<InferCost.Errors.InputFileException>(() => Import(csv));
        Assert.Contains("`model`", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--map model=", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_token_cell_is_a_reject_not_zero()
    {
        var dir = UsageFixtures.TempDir();
        var csv = Path.Combine(dir, "x.csv");
        File.WriteAllText(csv, "time,model,input_tokens,output_tokens\n2025-07-01T00:00:00Z,gpt-4o,100,\n2025-07-01T00:00:01Z,gpt-4o,100,10\n");
        var (result, _) = Import(csv);
        Assert.Equal((1L, 1L), (result.Inserted, result.Rejected));
        Assert.Contains("output_tokens", result.FirstRejects[0].Problem, StringComparison.Ordinal);
    }
}
