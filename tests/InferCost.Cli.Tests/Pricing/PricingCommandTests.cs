using System.Text.Json;
using static InferCost.Cli.Tests.CliRunner;

namespace InferCost.Cli.Tests.Pricing;

public class PricingCommandTests
{
    [Fact]
    public void Quote_prices_a_million_in_and_out_on_gpt_5_4_at_the_list_rate()
    {
        var json = Json("quote", "--model", "gpt-5.4", "--input", "1000000", "--output", "1000000", "--json");
        Assert.Equal(17.5m, json.GetProperty("total_cost").GetDecimal());
        Assert.Equal("openai", json.GetProperty("provider").GetString());
    }

    [Fact]
    public void Quote_prices_a_long_gemini_prompt_wholly_at_the_upper_tier()
    {
        var json = Json("quote", "--model", "gemini-3.1-pro-preview", "--input", "250000", "--output", "1000", "--json");
        Assert.Equal(250_000m * 4 / 1_000_000 + 1_000m * 18 / 1_000_000, json.GetProperty("total_cost").GetDecimal());
        Assert.All(json.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("unit").GetString()!.EndsWith("_tokens", StringComparison.Ordinal)),
            l => Assert.True(l.GetProperty("long_context_tier").GetBoolean()));
    }

    [Theory]
    [InlineData("gpt-5.4")]
    [InlineData("claude-opus-4-7")]
    [InlineData("gemini-3.1-pro-preview")]
    public void Batch_halves_the_price_where_the_provider_offers_fifty_percent(string model)
    {
        var list = Json("quote", "--model", model, "--input", "40000", "--output", "3000", "--cached", "10000", "--json").GetProperty("total_cost").GetDecimal();
        var batch = Json("quote", "--model", model, "--input", "40000", "--output", "3000", "--cached", "10000", "--batch", "--json");
        Assert.Equal(list / 2, batch.GetProperty("total_cost").GetDecimal());
        Assert.Equal(0.5m, batch.GetProperty("batch_multiplier").GetDecimal());
    }

    [Fact]
    public void Quote_charges_web_searches_at_ten_dollars_per_thousand()
    {
        var json = Json("quote", "--model", "gpt-5.4", "--input", "0", "--output", "0", "--web-searches", "500", "--json");
        Assert.Equal(5m, json.GetProperty("total_cost").GetDecimal());
    }

    [Fact]
    public void Unknown_model_is_a_user_error_naming_the_closest_ids()
    {
        var (code, _, err) = Run("quote", "--model", "gpt-5.44", "--input", "1", "--output", "1");
        Assert.Equal(1, code);
        Assert.Contains("Unknown model 'gpt-5.44'", err, StringComparison.Ordinal);
        Assert.Contains("gpt-5.4", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_flags_are_user_errors()
    {
        Assert.Equal(1, Run("quote", "--model", "gpt-5.4", "--input", "lots", "--output", "1").Code);
        Assert.Equal(1, Run("quote", "--model", "gpt-5.4", "--input", "10", "--output", "1", "--cached", "20").Code);
    }

    [Fact]
    public void Models_filters_by_provider_tier_and_price_and_sorts()
    {
        var json = Json("models", "--provider", "openai", "--max-output-price", "2", "--sort", "output", "--json");
        var models = json.GetProperty("models").EnumerateArray().ToList();
        Assert.NotEmpty(models);
        Assert.All(models, m => Assert.Equal("openai", m.GetProperty("provider").GetString()));
        var outputs = models.Select(m => m.GetProperty("output_per_million").GetDecimal()).ToList();
        Assert.All(outputs, o => Assert.True(o <= 2m));
        Assert.Equal(outputs.Order(), outputs);
        var mid = Json("models", "--tier", "mid", "--json").GetProperty("models").EnumerateArray();
        Assert.All(mid, m => Assert.Equal("mid", m.GetProperty("market_tier").GetString()));
    }

    [Fact]
    public void Model_shows_every_dimension_tier_version_and_source()
    {
        var json = Json("model", "gpt-5.4", "--json");
        var prices = json.GetProperty("versions").EnumerateArray().Last().GetProperty("prices").EnumerateArray().ToList();
        var input = prices.Single(p => p.GetProperty("price_key").GetString() == "input_mtok");
        Assert.Equal(2.5m, input.GetProperty("base").GetDecimal());
        Assert.Equal(271_999, input.GetProperty("tiers")[0].GetProperty("start").GetInt64());
        Assert.Equal(0.5m, json.GetProperty("batch_multiplier").GetDecimal());
        Assert.Contains(json.GetProperty("sources").EnumerateArray(), s => s.GetString()!.Contains("openai.com", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_ranks_models_cheapest_first()
    {
        var json = Json("compare", "--input", "100000", "--output", "10000", "--models", "gpt-5.4,claude-opus-4-7,gemini-3.1-pro-preview", "--json");
        var quotes = json.GetProperty("quotes").EnumerateArray().ToList();
        Assert.Equal(3, quotes.Count);
        var totals = quotes.Select(q => q.GetProperty("total_cost").GetDecimal()).ToList();
        Assert.Equal(totals.Order(), totals);
        Assert.Equal("gemini-3.1-pro-preview", quotes[0].GetProperty("model").GetString()); // $0.32 vs $0.40 vs $0.75
    }

    [Fact]
    public void Price_writes_one_line_per_input_line_in_order_and_survives_bad_lines()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file,
            [
                """{"id":"chatcmpl-1","model":"gpt-5.4-2026-03-05","usage":{"prompt_tokens":1200,"completion_tokens":300,"prompt_tokens_details":{"cached_tokens":1000},"completion_tokens_details":{"reasoning_tokens":100}}}""",
                """{"id":"chatcmpl-2","model":"gpt-5.4","usage":{"prompt_tokens":"many","completion_tokens":3}}""",
                """{"id":"chatcmpl-3","model":"gpt-5.4","usa""",
                """{"id":"chatcmpl-4","model":"gpt-nope","usage":{"prompt_tokens":1,"completion_tokens":1}}""",
                """{"input_tokens":1000000,"output_tokens":1000000,"model":"gpt-5.4-mini"}""",
            ]);
            var (code, output, _) = Run("price", file, "--provider", "openai", "--api-flavor", "chat", "--jsonl");
            Assert.Equal(0, code);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal([1, 2, 3, 4, 5], lines.Select(l => l.GetProperty("line").GetInt32()));
            Assert.Equal("gpt-5.4", lines[0].GetProperty("model").GetString());
            // 200 uncached × $2.50 + 1,000 cached × $0.25, output 300 × $15.
            Assert.Equal(0.0005m + 0.00025m, lines[0].GetProperty("input_cost").GetDecimal());
            Assert.Equal(0.0045m, lines[0].GetProperty("output_cost").GetDecimal());
            Assert.Equal(0.00525m, lines[0].GetProperty("total_cost").GetDecimal());
            Assert.Contains("number", lines[1].GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.Contains("invalid JSON", lines[2].GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.Contains("Unknown model 'gpt-nope'", lines[3].GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.Equal(5.25m, lines[4].GetProperty("total_cost").GetDecimal());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Price_on_several_threads_writes_the_same_lines_in_the_same_order()
    {
        var file = Path.GetTempFileName();
        try
        {
            var random = new Random(3);
            string[] models = ["gpt-5.4", "gpt-5.4-mini", "gpt-4o", "gpt-unknown"];
            File.WriteAllLines(file, Enumerable.Range(0, 10_000).Select(i => (i % 97) switch
            {
                0 => "",
                1 => """{"model":"gpt-5.4","usage":{"prompt_tokens":""",
                2 => """{"model":"gpt-5.4","usage":{"prompt_tokens":-1,"completion_tokens":1}}""",
                _ => "{\"model\":\"" + models[random.Next(models.Length)] + "\",\"usage\":{\"prompt_tokens\":" + random.Next(1, 400_000)
                    + ",\"completion_tokens\":" + random.Next(1, 5_000) + ",\"prompt_tokens_details\":{\"cached_tokens\":" + random.Next(0, 100) + "}}}",
            }));
            var one = Run("price", file, "--provider", "openai", "--api-flavor", "chat", "--jsonl", "--threads", "1");
            var three = Run("price", file, "--provider", "openai", "--api-flavor", "chat", "--jsonl", "--threads", "3");
            Assert.Equal(0, one.Code);
            Assert.Equal(0, three.Code);
            Assert.Equal(one.Out, three.Out);
            var lines = one.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(Enumerable.Range(1, 10_000), lines.Select(l => l.GetProperty("line").GetInt32())); // one answer per line, blank ones too
            Assert.Equal("empty line", lines[97].GetProperty("error").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Price_reads_anthropic_messages_with_cache_writes_by_ttl()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{"id":"msg_1","type":"message","model":"claude-opus-4-7","usage":{"input_tokens":1000,"cache_creation_input_tokens":3000,"cache_read_input_tokens":5000,"cache_creation":{"ephemeral_5m_input_tokens":2000,"ephemeral_1h_input_tokens":1000},"output_tokens":400,"server_tool_use":{"web_search_requests":2}}}""" + "\n");
            var line = JsonDocument.Parse(Run("price", file, "--provider", "anthropic", "--jsonl").Out).RootElement;
            // 1,000 × $5 + 2,000 × $6.25 + 1,000 × $10 + 5,000 × $0.50 per 1M; output 400 × $25; 2 searches × $0.01.
            Assert.Equal((5_000m + 12_500m + 10_000m + 2_500m) / 1_000_000m, line.GetProperty("input_cost").GetDecimal());
            Assert.Equal(0.01m, line.GetProperty("output_cost").GetDecimal());
            Assert.Equal(0.03m + 0.01m + 0.02m, line.GetProperty("total_cost").GetDecimal());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Catalog_update_validates_a_snapshot_and_prints_what_changed()
    {
        var output = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.json");
        try
        {
            var json = Json("catalog", "update", "--from", Testing.RepoPaths.GenAiPricesData, "--out", output, "--json");
            Assert.Equal(43, json.GetProperty("providers").GetInt32());
            Assert.Equal(1694, json.GetProperty("models").GetInt32());
            Assert.Empty(json.GetProperty("added").EnumerateArray());
            Assert.Empty(json.GetProperty("price_changes").EnumerateArray());
            Assert.True(File.Exists(output));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void Catalog_update_rejects_a_broken_snapshot_with_file_and_field()
    {
        var bad = Path.GetTempFileName();
        try
        {
            File.WriteAllText(bad, """[{"id":"x","name":"X","models":[{"id":"m","match":{"equals":"m"},"prices":{"input_mtok":"free"}}]}]""");
            var (code, _, err) = Run("catalog", "update", "--from", bad, "--dry-run");
            Assert.Equal(1, code);
            Assert.Contains(bad, err, StringComparison.Ordinal);
            Assert.Contains("$[0].models[0].prices.input_mtok", err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(bad);
        }
    }
}
