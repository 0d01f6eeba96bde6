using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using InferCost.Data.Catalog;
using static InferCost.Cli.Tests.CliRunner;

namespace InferCost.Cli.Tests.Catalog;

public class CatalogCommandTests
{
    private static readonly FixedClock Today = new(CliRunner.Today);

    // The shipped catalog with gpt-5.4's input price changed from $2.5 to $3 per 1M: a "newer feed".
    private static byte[] FeedWithGpt54InputAt(decimal price)
    {
        var root = JsonNode.Parse(CatalogLoader.ReadResource(CatalogLoader.BaseResource))!;
        var openai = root["providers"]!.AsArray().Single(p => (string)p!["id"]! == "openai")!;
        var model = openai["models"]!.AsArray().Single(m => (string)m!["id"]! == "gpt-5.4")!;
        foreach (var version in model["versions"]!.AsArray())
        {
            var input = version!["prices"]!["input_mtok"]!;
            if (input is JsonObject tiered)
            {
                tiered["base"] = price;
            }
            else
            {
                version["prices"]!["input_mtok"] = price;
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(root);
    }

    [Fact]
    public async Task Catalog_update_fetches_a_changed_feed_over_http_prints_the_change_and_quote_uses_the_new_price()
    {
        var store = NewStore();
        var before = JsonWith(Today, store, "quote", "--model", "gpt-5.4", "--input", "1000000", "--output", "0", "--requests", "10");
        Assert.Equal(2.5m, before.GetProperty("input_cost").GetDecimal());

        var feed = FeedWithGpt54InputAt(3m);
        await using var server = new FeedServer(feed);
        var (code, output, error) = RunWith(Today, store, "catalog", "update", "--url", server.Url);

        Assert.True(code == 0, error);
        Assert.Equal(1, server.RequestsServed);
        Assert.Contains("price changes 1", output, StringComparison.Ordinal);
        Assert.Contains("openai/gpt-5.4 input_mtok: 2.5", output, StringComparison.Ordinal);
        var after = JsonWith(Today, store, "quote", "--model", "gpt-5.4", "--input", "1000000", "--output", "0", "--requests", "10");
        Assert.Equal(3m, after.GetProperty("input_cost").GetDecimal());

        var info = JsonWith(Today, store, "catalog", "info");
        var inUse = info.GetProperty("in_use");
        Assert.Equal(server.Url, inUse.GetProperty("source").GetString());
        Assert.Equal("2026-12-02", inUse.GetProperty("date").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(feed)), inUse.GetProperty("sha256").GetString());
        Assert.False(inUse.GetProperty("built_in").GetBoolean());
        Assert.Matches(@"genai-prices-2026-12-02-[0-9a-f]{12}\.catalog\.json$", inUse.GetProperty("path").GetString());
        Assert.Empty(info.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public void Catalog_update_from_an_unreachable_url_exits_1_with_one_error_and_changes_nothing()
    {
        var store = NewStore();
        var (code, output, error) = RunWith(Today, store, "catalog", "update", "--url", FeedServer.UnreachableUrl());

        Assert.Equal(1, code);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: could not fetch http://127.0.0.1:", line, StringComparison.Ordinal);
        Assert.Contains("nothing changed", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(store.DataFolder));
        Assert.True(JsonWith(Today, store, "catalog", "info").GetProperty("in_use").GetProperty("built_in").GetBoolean());
    }

    [Fact]
    public async Task Catalog_update_refuses_a_server_error_and_a_feed_that_is_not_a_catalog()
    {
        var store = NewStore();
        await using (var failing = new FeedServer("{}"u8.ToArray(), HttpStatusCode.InternalServerError))
        {
            var (code, _, error) = RunWith(Today, store, "catalog", "update", "--url", failing.Url);
            Assert.Equal(1, code);
            Assert.Contains("the server answered 500", error, StringComparison.Ordinal);
        }

        await using (var wrong = new FeedServer("{\"not\": \"a catalog\"}"u8.ToArray()))
        {
            var (code, _, error) = RunWith(Today, store, "catalog", "update", "--url", wrong.Url);
            Assert.Equal(1, code);
            Assert.Contains(wrong.Url, error, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(store.DataFolder));
    }

    [Fact]
    public void Pricing_commands_say_once_on_stderr_and_in_json_when_the_catalog_is_older_than_the_threshold()
    {
        var store = NewStore();
        // The built-in snapshot is of 2026-09-22: 71 days old on 2026-12-02.
        var (code, output, error) = RunWith(Today, store, "quote", "--model", "gpt-5.4", "--input", "1000", "--output", "100", "--json");
        Assert.Equal(0, code);
        var warning = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("warning: prices are 71 days old (built-in snapshot of 2026-09-22, older than 30 days); run `infercost catalog update` to fetch current ones", warning);
        var warnings = JsonDocument.Parse(output).RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToList();
        Assert.Equal([warning["warning: ".Length..]], warnings);

        var compare = JsonWith(Today, store, "compare", "--models", "gpt-5.4,claude-opus-4-7", "--input", "1000", "--output", "100");
        Assert.Single(compare.GetProperty("warnings").EnumerateArray());

        // Fresh enough: within 30 days of the snapshot, or under a longer threshold.
        var (_, _, early) = RunWith(new FixedClock(new DateTimeOffset(2026, 10, 22, 0, 0, 0, TimeSpan.Zero)), store, "quote", "--model", "gpt-5.4", "--input", "1000", "--output", "100");
        Assert.Empty(early);
        var (_, _, patient) = RunWith(Today, store, "quote", "--model", "gpt-5.4", "--input", "1000", "--output", "100", "--catalog-max-age", "90");
        Assert.Empty(patient);
    }

    [Fact]
    public void A_prefix_matched_id_is_named_in_the_output_and_refused_under_strict_model()
    {
        var json = Json("quote", "--model", "claude-sonnet-4-5-20250929", "--input", "1000", "--output", "100");
        Assert.Equal("claude-sonnet-4-5", json.GetProperty("model").GetString());
        Assert.Equal("claude-sonnet-4-5-20250929", json.GetProperty("requested_model").GetString());
        Assert.Equal("pattern", json.GetProperty("matched_by").GetString());
        Assert.Contains(json.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("priced as anthropic/claude-sonnet-4-5 (pattern (prefix) match)", StringComparison.Ordinal));

        var (_, table, _) = Run("quote", "--model", "claude-sonnet-4-5-20250929", "--input", "1000", "--output", "100");
        Assert.Contains("priced as anthropic/claude-sonnet-4-5", table, StringComparison.Ordinal);

        var (code, _, error) = Run("quote", "--model", "claude-sonnet-4-5-20250929", "--input", "1000", "--output", "100", "--strict-model");
        Assert.Equal(1, code);
        Assert.Contains("--strict-model refuses guesses", error, StringComparison.Ordinal);

        // An exact id and a declared alias pass under --strict-model.
        Assert.Equal("exact", Json("quote", "--model", "claude-sonnet-4-5", "--input", "1", "--output", "1", "--strict-model").GetProperty("matched_by").GetString());
        Assert.Equal("alias", Json("quote", "--model", "grok-4", "--input", "1", "--output", "1", "--strict-model").GetProperty("matched_by").GetString());
    }

    [Fact]
    public void A_longer_model_name_is_not_billed_as_the_model_it_starts_with()
    {
        var (code, _, error) = Run("quote", "--model", "gemini-3.8-flash-lite", "--input", "1000", "--output", "100");
        Assert.Equal(1, code);
        Assert.Contains("Unknown model 'gemini-3.8-flash-lite'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_check_against_a_litellm_map_lists_disagreements_unmatched_models_and_context_windows_exactly()
    {
        var file = Path.Combine(Testing.RepoPaths.Root, "tests", "InferCost.Cli.Tests", "Fixtures", "litellm", "model_prices_excerpt.json");
        var json = Json("catalog", "check", "--against", "litellm:" + file);

        Assert.Equal(8, json.GetProperty("entries").GetInt32()); // 11 entries less sample_spec, an image and an embedding model
        Assert.Equal(6, json.GetProperty("compared").GetInt32());
        var disagreements = json.GetProperty("disagreements").EnumerateArray()
            .Select(d => $"{d.GetProperty("model").GetString()} {d.GetProperty("dimension").GetString()} {d.GetProperty("ours").GetDecimal()} {d.GetProperty("theirs").GetDecimal()}")
            .ToList();
        Assert.Equal(
            [
                "amazon.titan-text-express-v1 input_mtok 0.2 1.3",
                "amazon.titan-text-express-v1 output_mtok 0.6 1.7",
                "amazon.titan-text-lite-v1 input_mtok 0.15 0.3",
                "amazon.titan-text-lite-v1 output_mtok 0.2 0.4",
                "anthropic.claude-haiku-4-5-20251001-v1:0 cache_read_mtok 0.11 0.1",
                "anthropic.claude-haiku-4-5-20251001-v1:0 cache_write_mtok 1.375 1.25",
                "anthropic.claude-haiku-4-5-20251001-v1:0 input_mtok 1.1 1",
                "anthropic.claude-haiku-4-5-20251001-v1:0 output_mtok 5.5 5",
            ],
            disagreements);
        Assert.All(json.GetProperty("disagreements").EnumerateArray(), d => Assert.Equal("genai-prices", d.GetProperty("source").GetString()));
        Assert.Equal(["ai21.jamba-1-5-large-v1:0", "amazon.nova-2-lite-v1:0"], json.GetProperty("unmatched").EnumerateArray().Select(u => u.GetString()).ToList());
        var context = Assert.Single(json.GetProperty("context").EnumerateArray());
        Assert.Equal("writer.palmyra-x5-v1:0", context.GetProperty("model").GetString());
        Assert.Equal(128000, context.GetProperty("ours").GetInt64());
        Assert.Equal(1000000, context.GetProperty("theirs").GetInt64());
    }

    [Fact]
    public void Catalog_check_against_a_genai_prices_feed_of_another_date_reports_its_changed_price()
    {
        var file = Path.Combine(Path.GetTempPath(), $"feed-{Guid.NewGuid():N}.json");
        File.WriteAllBytes(file, FeedWithGpt54InputAt(3m));
        try
        {
            var json = Json("catalog", "check", "--against", "genai-prices:" + file);
            var gpt = Assert.Single(json.GetProperty("disagreements").EnumerateArray(), d => d.GetProperty("model").GetString() == "openai/gpt-5.4");
            Assert.Equal("input_mtok", gpt.GetProperty("dimension").GetString());
            Assert.Equal(2.5m, gpt.GetProperty("ours").GetDecimal());
            Assert.Equal(3m, gpt.GetProperty("theirs").GetDecimal());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Catalog_check_names_what_it_expects_for_a_bad_against()
    {
        var (code, _, error) = Run("catalog", "check", "--against", "pricelist.json");
        Assert.Equal(1, code);
        Assert.Contains("litellm:FILE|URL or genai-prices:FILE|URL", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Quote_prices_a_service_tier_from_the_overlay_and_refuses_one_the_catalog_lacks()
    {
        // OpenAI priority processing for GPT-5.4: $5 in / $30 out per 1M (openai.com/api-priority-processing).
        var priority = Json("quote", "--model", "gpt-5.4", "--input", "1000000", "--output", "100000", "--requests", "10", "--service-tier", "priority");
        Assert.Equal("priority", priority.GetProperty("service_tier").GetString());
        Assert.Equal(5m, priority.GetProperty("input_cost").GetDecimal());
        Assert.Equal(3m, priority.GetProperty("output_cost").GetDecimal());
        var standard = Json("quote", "--model", "gpt-5.4", "--input", "1000000", "--output", "100000", "--requests", "10", "--service-tier", "standard");
        Assert.Equal(2.5m, standard.GetProperty("input_cost").GetDecimal());

        var (code, _, error) = Run("quote", "--model", "claude-opus-4-7", "--input", "1000", "--output", "100", "--service-tier", "flex");
        Assert.Equal(1, code);
        Assert.Contains("no 'flex' service-tier prices for claude-opus-4-7", error, StringComparison.Ordinal);
    }
}
