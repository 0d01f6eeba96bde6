using System.Net;
using System.Text.Json;
using InferCost.Testing;

namespace InferCost.Web.Tests.Api;

/// <summary>Every API answer is the CLI's <c>--json</c> for the same inputs, byte for byte.</summary>
public sealed class ApiMatchesCliTests(WebFactory factory) : IClassFixture<WebFactory>
{
    private static string Example(string name) => Path.Combine(RepoPaths.Root, "examples", name + ".yaml");

    private async Task<string> GetAsync(string url)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        return body;
    }

    [Fact]
    public async Task Quote_of_gpt_5_4_answers_the_CLI_quote_with_total_cost_17_5()
    {
        var api = await GetAsync("/api/v1/quote?model=gpt-5.4&input=1000000&output=1000000&at=2026-11-01T00:00:00Z");
        Assert.Equal(CliJson.Run("quote", "--model", "gpt-5.4", "--input", "1000000", "--output", "1000000", "--at", "2026-11-01T00:00:00Z"), api);
        using var doc = JsonDocument.Parse(api);
        Assert.Equal(17.5m, doc.RootElement.GetProperty("total_cost").GetDecimal());
    }

    [Fact]
    public async Task Quote_with_every_volume_flag_answers_the_CLI_quote()
    {
        var api = await GetAsync("/api/v1/quote?model=claude-opus-4-7&input=3000000&output=200000&cached=1000000&cache_write=500000&reasoning=50000&web_searches=20&requests=30&batch=true&at=2026-11-01T00:00:00Z");
        Assert.Equal(CliJson.Run("quote", "--model", "claude-opus-4-7", "--input", "3000000", "--output", "200000", "--cached", "1000000", "--cache-write", "500000",
            "--reasoning", "50000", "--web-searches", "20", "--requests", "30", "--batch", "--at", "2026-11-01T00:00:00Z"), api);
    }

    [Fact]
    public async Task Compare_answers_the_CLI_ranking()
    {
        var api = await GetAsync("/api/v1/compare?models=gpt-5.4,claude-opus-4-7,gemini-3.1-pro-preview,gpt-5.4-mini&input=2000000&output=400000&requests=100&at=2026-11-01T00:00:00Z");
        Assert.Equal(CliJson.Run("compare", "--models", "gpt-5.4,claude-opus-4-7,gemini-3.1-pro-preview,gpt-5.4-mini", "--input", "2000000", "--output", "400000", "--requests", "100", "--at", "2026-11-01T00:00:00Z"), api);
    }

    [Fact]
    public async Task Compare_by_tier_answers_the_CLI_ranking()
    {
        var api = await GetAsync("/api/v1/compare?tier=premium&input=1000000&output=100000&top=5&at=2026-11-01T00:00:00Z");
        Assert.Equal(CliJson.Run("compare", "--tier", "premium", "--input", "1000000", "--output", "100000", "--top", "5", "--at", "2026-11-01T00:00:00Z"), api);
    }

    [Fact]
    public async Task Models_of_a_provider_answer_the_CLI_list()
    {
        var api = await GetAsync("/api/v1/models?provider=anthropic&sort=output");
        Assert.Equal(CliJson.Run("models", "--provider", "anthropic", "--sort", "output"), api);
    }

    [Fact]
    public async Task Model_detail_answers_the_CLI_model()
    {
        var api = await GetAsync("/api/v1/models/gemini-3.1-pro-preview");
        Assert.Equal(CliJson.Run("model", "gemini-3.1-pro-preview"), api);
    }

    [Fact]
    public async Task Catalog_info_answers_the_CLI_catalog_info()
    {
        Assert.Equal(CliJson.Run("catalog", "info"), await GetAsync("/api/v1/catalog/info"));
    }

    [Fact]
    public async Task Pnl_of_seed_002_answers_the_CLI_pnl_with_its_net_loss()
    {
        var api = await GetAsync("/api/v1/pnl?users=10000000&paid_share=0.8&arpu=25&gpus=16000&gpu_hour_price=10.6&training_cost=2000000000&useful_life_months=12");
        Assert.Equal(CliJson.Run("pnl", "--users", "10000000", "--paid-share", "0.8", "--arpu", "25", "--gpus", "16000", "--gpu-hour-price", "10.6",
            "--training-cost", "2000000000", "--useful-life-months", "12"), api);
        using var doc = JsonDocument.Parse(api);
        Assert.Equal(-88_778_667m, Math.Round(doc.RootElement.GetProperty("net_per_month").GetDecimal()));
    }

    [Fact]
    public async Task Token_price_answers_the_CLI_token_price()
    {
        var api = await GetAsync("/api/v1/token-price?inference_cost=0.4&infrastructure_cost=0.1&training_cost=2000000000&useful_life_months=12&tokens_per_month=5000000000000&margin=0.3");
        Assert.Equal(CliJson.Run("token-price", "--inference-cost", "0.4", "--infrastructure-cost", "0.1", "--training-cost", "2000000000", "--useful-life-months", "12",
            "--tokens-per-month", "5000000000000", "--margin", "0.3"), api);
    }

    [Fact]
    public async Task Simulate_of_an_example_answers_the_CLI_simulate()
    {
        var api = await GetAsync("/api/v1/simulate?example=chat-assistant&users=5000&seed=7&set=plans.pro.price%3D25");
        Assert.Equal(CliJson.Run("simulate", Example("chat-assistant"), "--users", "5000", "--seed", "7", "--set", "plans.pro.price=25"), api);
    }

    [Fact]
    public async Task Simulate_of_posted_yaml_answers_the_CLI_simulate_of_that_file()
    {
        using var client = factory.CreateClient();
        var yaml = await File.ReadAllTextAsync(Example("rag-support-bot"));
        using var response = await client.PostAsync(new Uri("/api/v1/simulate", UriKind.Relative),
            new StringContent(JsonSerializer.Serialize(new { scenario = yaml, users = 3000, seed = 3 }), System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Equal(CliJson.Run("simulate", Example("rag-support-bot"), "--users", "3000", "--seed", "3"), body);
    }

    [Fact]
    public async Task Sensitivity_answers_the_CLI_tornado()
    {
        var api = await GetAsync("/api/v1/sensitivity?example=chat-assistant&users=2000&change=0.1");
        Assert.Equal(CliJson.Run("sensitivity", Example("chat-assistant"), "--users", "2000", "--change", "0.1"), api);
    }

    [Fact]
    public async Task Price_plan_answers_the_CLI_price_plan()
    {
        var api = await GetAsync("/api/v1/price-plan?example=chat-assistant&plan=pro&percentile=90&margin=0.5&users=5000");
        Assert.Equal(CliJson.Run("price-plan", Example("chat-assistant"), "--plan", "pro", "--percentile", "90", "--margin", "0.5", "--users", "5000"), api);
    }

    [Fact]
    public async Task Diff_answers_the_CLI_diff_of_the_same_overrides()
    {
        var api = await GetAsync("/api/v1/diff?example=chat-assistant&users=3000&set=plans.pro.price%3D30");
        var cli = CliJson.Run("diff", Example("chat-assistant"), "--users", "3000", "--set", "plans.pro.price=30");
        using var a = JsonDocument.Parse(api);
        using var c = JsonDocument.Parse(cli);
        // The CLI names the files; the API names the scenarios. The comparison itself is the same.
        Assert.Equal(c.RootElement.GetProperty("diff").GetRawText(), a.RootElement.GetProperty("diff").GetRawText());
        Assert.Equal(c.RootElement.GetProperty("overrides").GetRawText(), a.RootElement.GetProperty("overrides").GetRawText());
    }

    [Fact]
    public async Task Perf_answers_the_CLI_perf()
    {
        var api = await GetAsync("/api/v1/perf?model=llama-3.1-70b&gpu=h100&gpus=2&precision=fp8&batch=32&context=4096&engine=sglang");
        Assert.Equal(CliJson.Run("perf", "--model", "llama-3.1-70b", "--gpu", "h100", "--gpus", "2", "--precision", "fp8", "--batch", "32", "--context", "4096", "--engine", "sglang"), api);
    }

    [Fact]
    public async Task Perf_of_a_prefill_answers_the_CLI_perf()
    {
        var api = await GetAsync("/api/v1/perf?model=llama-3.1-8b&gpu=l40s&phase=prefill&batch=4&context=2048&memory_utilization=0.8");
        Assert.Equal(CliJson.Run("perf", "--model", "llama-3.1-8b", "--gpu", "l40s", "--phase", "prefill", "--batch", "4", "--context", "2048", "--memory-utilization", "0.8"), api);
    }

    [Fact]
    public async Task Serve_cost_with_load_targets_and_a_sweep_answers_the_CLI_serve_cost()
    {
        var api = await GetAsync("/api/v1/serve-cost?model=llama-3.1-8b&gpu=h100&isl=1024&osl=256&tok_per_user=20&gpu_hour_price=2.5&ttft_p95=500&itl_p95=50&concurrency_sweep=1,8");
        Assert.Equal(CliJson.Run("serve-cost", "--model", "llama-3.1-8b", "--gpu", "h100", "--isl", "1024", "--osl", "256", "--tok-per-user", "20", "--gpu-hour-price", "2.5",
            "--ttft-p95", "500", "--itl-p95", "50", "--concurrency-sweep", "1,8"), api);
    }

    [Fact]
    public async Task Plan_answers_the_CLI_plan()
    {
        var api = await GetAsync("/api/v1/plan?model=llama-3.1-70b&tok_per_user=15&price=h100=2.1&price=a100=1.2");
        Assert.Equal(CliJson.Run("plan", "--model", "llama-3.1-70b", "--tok-per-user", "15", "--price", "h100=2.1", "--price", "a100=1.2"), api);
    }

    [Fact]
    public async Task Capacity_with_a_load_curve_answers_the_CLI_capacity()
    {
        const string curve = "0.3,0.2,0.2,0.2,0.3,0.4,0.6,0.8,1,1.1,1.2,1.2,1.2,1.2,1.1,1,1,1,0.9,0.8,0.7,0.6,0.5,0.4";
        var api = await GetAsync("/api/v1/capacity?model=llama-3.1-8b&gpu=h100&gpus_per_replica=1&tok_per_user=20&users=800&gpu_hour_price=2.5&load_curve=" + curve);
        Assert.Equal(CliJson.Run("capacity", "--model", "llama-3.1-8b", "--gpu", "h100", "--gpus-per-replica", "1", "--tok-per-user", "20", "--users", "800",
            "--gpu-hour-price", "2.5", "--load-curve", curve), api);
    }

    [Fact]
    public async Task Breakeven_against_a_catalog_model_answers_the_CLI_breakeven()
    {
        var api = await GetAsync("/api/v1/breakeven?api=gpt-5.4-mini&model=llama-3.1-8b&gpu=h100&isl=1024&osl=256&tok_per_user=20");
        Assert.Equal(CliJson.Run("breakeven", "--api", "gpt-5.4-mini", "--model", "llama-3.1-8b", "--gpu", "h100", "--isl", "1024", "--osl", "256", "--tok-per-user", "20"), api);
    }
}
