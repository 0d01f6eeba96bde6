using InferCost.Data.UsageLogs;

namespace InferCost.Data.Tests.UsageLogs;

public sealed class UsageReaderTests
{
    [Fact]
    public void Reads_OpenAI_chat_and_responses_logs_with_cached_and_reasoning_tokens()
    {
        var sink = UsageFixtures.Read("openai-chat.jsonl", UsageLogFormat.OpenAi);
        Assert.Empty(sink.Rejects);
        Assert.Equal(4, sink.Records.Count);
        var first = sink.Records[0].Record;
        Assert.Equal("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT", first.RequestId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1751450400), first.Time);
        Assert.Equal(("cust_acme", "support-bot", "openai", "gpt-4o-2024-08-06"), (first.User, first.Feature, first.Provider, first.Model));
        Assert.Equal((1200L, 1024L, 150L, 0L), (first.InputTokens, first.CacheReadTokens, first.OutputTokens, first.ReasoningTokens));
        var o3 = sink.Records[2].Record;
        Assert.Equal((3000L, 1536L, 2600L, 2304L), (o3.InputTokens, o3.CacheReadTokens, o3.OutputTokens, o3.ReasoningTokens));
        var responses = sink.Records[3].Record;
        Assert.Equal((328L, 356L, 1L), (responses.InputTokens, responses.OutputTokens, responses.WebSearches));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1751457600), responses.Time);
        Assert.All(sink.Records, r => Assert.False(r.Record.IsBatch));
    }

    [Fact]
    public void Reads_OpenAI_batch_output_as_batch_requests_and_counts_failed_ones_apart()
    {
        var sink = UsageFixtures.Read("openai-batch.jsonl", UsageLogFormat.OpenAiBatch);
        Assert.Equal(2, sink.Records.Count);
        Assert.All(sink.Records, r => Assert.True(r.Record.IsBatch));
        Assert.Equal("batch_req_6818a3c1b5c881909b4d3c2b1a0f9e8d", sink.Records[0].Record.RequestId);
        Assert.Equal((1910L, 1792L, 9L), (sink.Records[1].Record.InputTokens, sink.Records[1].Record.CacheReadTokens, sink.Records[1].Record.OutputTokens));
        Assert.Empty(sink.Rejects);
        var failed = Assert.Single(sink.Failures);
        Assert.Equal(3, failed.Line);
        Assert.Contains("failed", failed.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_Anthropic_cache_writes_with_the_5m_and_1h_split_reads_and_web_searches()
    {
        var sink = UsageFixtures.Read("anthropic.jsonl", UsageLogFormat.Anthropic);
        Assert.Empty(sink.Rejects);
        var (a, b, c) = (sink.Records[0].Record, sink.Records[1].Record, sink.Records[2].Record);
        Assert.Equal((2095L + 18000, 0L, 12000L, 6000L, 503L), (a.InputTokens, a.CacheReadTokens, a.CacheWrite5mTokens, a.CacheWrite1hTokens, a.OutputTokens));
        Assert.Equal(("cust_acme", "agent", "anthropic", "msg_01XFDUDYJgAACzvnptvVoYEL"), (a.User, a.Feature, a.Provider, a.RequestId));
        Assert.Equal((1403L + 18000, 18000L, 2L), (b.InputTokens, b.CacheReadTokens, b.WebSearches));
        // No TTL split: all cache writes are 5-minute writes.
        Assert.Equal((412L + 2048, 2048L, 0L), (c.InputTokens, c.CacheWrite5mTokens, c.CacheWrite1hTokens));
        Assert.Equal(new DateTimeOffset(2025, 7, 2, 9, 15, 3, 412, TimeSpan.Zero), a.Time);
    }

    [Fact]
    public void Reads_Gemini_usage_metadata_with_cache_thoughts_and_tool_use_prompts()
    {
        var sink = UsageFixtures.Read("gemini.jsonl", UsageLogFormat.Gemini);
        Assert.Empty(sink.Rejects);
        var (a, b) = (sink.Records[0].Record, sink.Records[1].Record);
        Assert.Equal((9830L, 8192L, 412L + 1298, 1298L), (a.InputTokens, a.CacheReadTokens, a.OutputTokens, a.ReasoningTokens));
        Assert.Equal(("cust_initech", "research", "google", "gemini-2.5-flash"), (a.User, a.Feature, a.Provider, a.Model));
        Assert.Equal(120L + 140, b.InputTokens);
    }

    [Fact]
    public void Reads_OpenTelemetry_GenAI_spans_and_skips_spans_without_usage()
    {
        var sink = UsageFixtures.Read("otel.jsonl", UsageLogFormat.Otel);
        Assert.Empty(sink.Rejects);
        Assert.Equal(2, sink.Records.Count);
        var (a, b) = (sink.Records[0].Record, sink.Records[1].Record);
        Assert.Equal(("openai", "gpt-4o-2024-08-06", "chatcmpl-otel-0001", "cust_acme", "support-bot"), (a.Provider, a.Model, a.RequestId, a.User, a.Feature));
        Assert.Equal((2048L, 1024L, 300L), (a.InputTokens, a.CacheReadTokens, a.OutputTokens));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1751547600), a.Time);
        Assert.Equal(("anthropic", "claude-haiku-4-5", "fff2ac8fd4d2c285", "cust_globex", "helpdesk-api"), (b.Provider, b.Model, b.RequestId, b.User, b.Feature));
        Assert.Equal((1500L, 1024L, 80L), (b.InputTokens, b.CacheWrite5mTokens, b.OutputTokens));
    }

    [Fact]
    public void Reads_LiteLLM_spend_logs_with_end_user_tags_and_cache_details()
    {
        var sink = UsageFixtures.Read("litellm.jsonl", UsageLogFormat.LiteLlm);
        Assert.Empty(sink.Rejects);
        var (a, b) = (sink.Records[0].Record, sink.Records[1].Record);
        Assert.Equal(("cust_acme", "support-bot", "openai", "gpt-4o"), (a.User, a.Feature, a.Provider, a.Model));
        Assert.Equal((2100L, 1024L, 210L), (a.InputTokens, a.CacheReadTokens, a.OutputTokens));
        Assert.Equal(new DateTimeOffset(2025, 7, 4, 8, 0, 1, 123, TimeSpan.Zero), a.Time);
        Assert.Equal((3800L, 1000L, 2000L), (b.InputTokens, b.CacheReadTokens, b.CacheWrite5mTokens));
    }

    [Fact]
    public void Reads_CSV_through_a_column_mapping()
    {
        var mapping = ColumnMapping.Parse(["time=ts,request_id=req,user=customer,feature=product_area,provider=vendor,model=model_name", "input_tokens=prompt_tokens,cache_read_tokens=cached,output_tokens=completion_tokens,reasoning_tokens=thinking"]);
        var sink = UsageFixtures.Read("usage-mapped.csv", UsageLogFormat.Csv, mapping);
        Assert.Empty(sink.Rejects);
        Assert.Equal(3, sink.Records.Count);
        var a = sink.Records[0].Record;
        Assert.Equal(("csv-0001", "cust_acme", "search, beta", "gpt-4o", 1000L, 200L, 100L), (a.RequestId, a.User, a.Feature, a.Model, a.InputTokens, a.CacheReadTokens, a.OutputTokens));
        Assert.Equal(2500L, sink.Records[2].Record.ReasoningTokens);
        Assert.Equal(2, sink.Records[0].Line);
    }

    [Fact]
    public void Broken_JSONL_lines_are_rejected_with_line_numbers_and_good_lines_kept()
    {
        var sink = UsageFixtures.Read("broken.jsonl", UsageLogFormat.OpenAi);
        Assert.Equal(["chatcmpl-ok-0001", "chatcmpl-unknown-0004", "chatcmpl-cache-0005", "chatcmpl-ok-0007"], sink.Records.Select(r => r.Record.RequestId));
        Assert.Equal([2L, 3L, 6L, 8L], sink.Rejects.Select(r => r.Line));
        Assert.StartsWith("invalid JSON", sink.Rejects[0].Problem, StringComparison.Ordinal);
        Assert.Contains("usage.prompt_tokens", sink.Rejects[1].Problem, StringComparison.Ordinal);
        Assert.StartsWith("invalid JSON", sink.Rejects[3].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_CSV_rows_are_rejected_with_line_numbers()
    {
        var sink = UsageFixtures.Read("broken.csv", UsageLogFormat.Csv);
        Assert.Single(sink.Records);
        Assert.Equal([3L, 4L, 5L, 6L], sink.Rejects.Select(r => r.Line));
        Assert.Contains("unterminated", sink.Rejects[3].Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openai-chat.jsonl", UsageLogFormat.OpenAi)]
    [InlineData("openai-batch.jsonl", UsageLogFormat.OpenAiBatch)]
    [InlineData("anthropic.jsonl", UsageLogFormat.Anthropic)]
    [InlineData("gemini.jsonl", UsageLogFormat.Gemini)]
    [InlineData("otel.jsonl", UsageLogFormat.Otel)]
    [InlineData("litellm.jsonl", UsageLogFormat.LiteLlm)]
    [InlineData("usage-mapped.csv", UsageLogFormat.Csv)]
    public void Detects_each_format(string file, UsageLogFormat format)
        => Assert.Equal(format, UsageLogDetector.Detect(UsageFixtures.Path(file)));
}
