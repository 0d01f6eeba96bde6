using System.Text;
using System.Text.Json;
using InferCost.Application.PriceStream;
using InferCost.Data.UsageLogs;
using InferCost.Data.Catalog;
using InferCost.Pricing;
using static InferCost.Cli.Tests.CliRunner;

namespace InferCost.Cli.Tests.Hardening;

/// <summary>Regression tests for issue 9: every input line of <c>price --jsonl</c> gets exactly one answer.</summary>
public sealed class PriceStreamHardeningTests
{
    private const string Chat = """{"model":"gpt-5.4","usage":{"prompt_tokens":1000,"completion_tokens":100}}""";

    // 1,000 × $2.50 + 100 × $15 per 1M tokens.
    private const decimal ChatCost = 0.0025m + 0.0015m;

    private static List<JsonElement> Price(byte[] input, params string[] options)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, input);
            var (code, output, error) = Run(["price", file, "--provider", "openai", "--jsonl", .. options]);
            Assert.True(code == 0, $"exit {code}: {error}");
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
            return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static byte[] Bytes(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    [Theory]
    [InlineData("1")]
    [InlineData("3")]
    public void A_line_of_invalid_UTF8_gets_an_error_line_and_the_lines_around_it_are_priced(string threads)
    {
        var bad = Encoding.UTF8.GetBytes("""{"model":"gpt-5.4","user":"x""").Concat(new byte[] { 0xC3, 0x28, 0xFF }).Concat(Encoding.UTF8.GetBytes("\",\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":100}}")).ToArray();
        var input = Encoding.UTF8.GetBytes(Chat + "\n").Concat(bad).Concat(Encoding.UTF8.GetBytes("\n" + Chat + "\n")).ToArray();
        var lines = Price(input, "--api-flavor", "chat", "--threads", threads);
        Assert.Equal([1, 2, 3], lines.Select(l => l.GetProperty("line").GetInt32()));
        Assert.Equal(ChatCost, lines[0].GetProperty("total_cost").GetDecimal());
        Assert.Equal("invalid UTF-8 at byte 29", lines[1].GetProperty("error").GetString());
        Assert.Equal(ChatCost, lines[2].GetProperty("total_cost").GetDecimal());
    }

    [Fact]
    public void A_blank_line_gets_an_empty_line_error_with_its_true_line_number()
    {
        var lines = Price(Bytes(Chat, "", "   ", Chat), "--api-flavor", "chat");
        Assert.Equal(4, lines.Count);
        Assert.Equal("""{"line":2,"error":"empty line"}""", lines[1].GetRawText());
        Assert.Equal("""{"line":3,"error":"empty line"}""", lines[2].GetRawText());
        Assert.Equal(4, lines[3].GetProperty("line").GetInt32());
        Assert.Equal(ChatCost, lines[3].GetProperty("total_cost").GetDecimal());
    }

    [Fact]
    public void A_byte_order_mark_at_the_start_and_CRLF_line_breaks_are_accepted()
    {
        var input = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Chat + "\r\n" + Chat + "\r\n")).ToArray();
        var lines = Price(input, "--api-flavor", "chat");
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal(ChatCost, l.GetProperty("total_cost").GetDecimal()));
    }

    [Fact]
    public void A_line_over_64_MiB_gets_an_error_line_and_the_next_line_is_priced()
    {
        var huge = new StringBuilder("{\"model\":\"gpt-5.4\",\"pad\":\"").Append('x', JsonLines.MaxLineBytes).Append("\",\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}").ToString();
        var lines = Price(Bytes(Chat, huge, Chat), "--api-flavor", "chat");
        Assert.Equal([1, 2, 3], lines.Select(l => l.GetProperty("line").GetInt32()));
        Assert.Equal("line longer than 64 MiB (the limit)", lines[1].GetProperty("error").GetString());
        Assert.Equal(ChatCost, lines[2].GetProperty("total_cost").GetDecimal());
    }

    [Fact]
    public void The_line_limit_holds_at_its_edge_on_a_small_limit()
    {
        var pricer = new ResponsePricer(CatalogLoader.LoadBuiltIn(), "openai", "chat", null, DateTimeOffset.UtcNow);
        var limit = Chat.Length;
        var input = Bytes(Chat, Chat + " ", Chat);
        using var output = new MemoryStream();
        var (priced, errors) = StreamPricer.Run(pricer, new MemoryStream(input), output, limit);
        Assert.Equal((2, 1), (priced, errors));
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($$"""{"line":2,"error":"line longer than {{limit:N0}} bytes (the limit)"}""", lines[1]);
    }

    [Fact]
    public void Lines_priced_before_a_read_failure_are_written_out()
    {
        var pricer = new ResponsePricer(CatalogLoader.LoadBuiltIn(), "openai", "chat", null, DateTimeOffset.UtcNow);
        using var output = new MemoryStream();
        var input = new FailingStream(Bytes(Chat, Chat, Chat));
        Assert.Throws<IOException>(() => StreamPricer.Run(pricer, input, output));
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public void A_fractional_token_count_is_rejected_naming_the_field()
    {
        var lines = Price(Bytes("""{"model":"gpt-5.4","usage":{"prompt_tokens":10.5,"completion_tokens":100}}""", Chat), "--api-flavor", "chat");
        Assert.Equal("Expected `usage.prompt_tokens` value to be a whole number from 0 to 1,000,000,000,000, got 10.5", lines[0].GetProperty("error").GetString());
        Assert.Equal(ChatCost, lines[1].GetProperty("total_cost").GetDecimal());
    }

    [Fact]
    public void A_fractional_count_in_a_usage_object_is_rejected_too()
    {
        var lines = Price(Bytes("""{"model":"gpt-5.4","input_tokens":10.5,"output_tokens":1}"""), "--api-flavor", "chat");
        Assert.Equal("Expected `input_tokens` value to be a whole number from 0 to 1,000,000,000,000, got 10.5", lines[0].GetProperty("error").GetString());
    }

    [Fact]
    public void A_mistyped_optional_count_is_rejected_not_billed_as_zero()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{"modelVersion":"gemini-2.5-flash","usageMetadata":{"promptTokenCount":1000,"candidatesTokenCount":"400"}}""" + "\n");
            var (code, output, _) = Run("price", file, "--provider", "google", "--jsonl");
            Assert.Equal(0, code);
            var line = JsonDocument.Parse(output).RootElement;
            Assert.Equal("Expected `usageMetadata.candidatesTokenCount` value to be a number, got string", line.GetProperty("error").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("1000000000001")]
    [InlineData("1e400")]
    public void A_count_above_one_trillion_is_rejected(string count)
    {
        var lines = Price(Bytes($$$"""{"model":"gpt-5.4","usage":{"prompt_tokens":{{{count}}},"completion_tokens":1}}"""), "--api-flavor", "chat");
        Assert.Equal($"Expected `usage.prompt_tokens` value to be a whole number from 0 to 1,000,000,000,000, got {count}", lines[0].GetProperty("error").GetString());
    }

    [Fact]
    public void One_trillion_tokens_is_priced_exactly()
    {
        var lines = Price(Bytes("""{"model":"gpt-5.4","usage":{"prompt_tokens":1000000000000,"completion_tokens":0}}"""), "--api-flavor", "chat");
        Assert.Equal(5_000_000m, lines[0].GetProperty("total_cost").GetDecimal()); // 10^6 × $5.00: past 272K input the whole request is at the long-context tier
    }

    [Fact]
    public void Deep_nesting_gets_an_error_line()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        var lines = Price(Bytes(deep, Chat), "--api-flavor", "chat");
        Assert.StartsWith("invalid JSON", lines[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(ChatCost, lines[1].GetProperty("total_cost").GetDecimal());
    }

    [Fact]
    public void A_provider_without_an_api_flavor_uses_its_default_flavor()
    {
        var lines = Price(Bytes(Chat));
        Assert.Equal(ChatCost, lines[0].GetProperty("total_cost").GetDecimal()); // OpenAI: chat, its first flavor
    }

    /// <summary>A stream whose reads fail after its data: a disk or pipe error in the middle of a run.</summary>
    private sealed class FailingStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = base.Read(buffer, offset, count);
            return n > 0 ? n : throw new IOException("the disk went away");
        }
    }
}
