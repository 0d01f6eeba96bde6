using System.Net;
using System.Text.Json;

namespace InferCost.Web.Tests.Api;

/// <summary>Bad input answers 400 with RFC 7807 problem details that say what was wrong.</summary>
public sealed class ApiErrorTests(WebFactory factory) : IClassFixture<WebFactory>
{
    private async Task<(HttpStatusCode Status, JsonElement Problem)> ProblemAsync(HttpRequestMessage request)
    {
        using var client = factory.CreateClient();
        using var response = await client.SendAsync(request);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, doc.RootElement.Clone());
    }

    private Task<(HttpStatusCode Status, JsonElement Problem)> GetProblemAsync(string url) => ProblemAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative)));

    [Theory]
    [InlineData("/api/v1/quote?model=gpt-5.4&input=abc&output=1", "input")]
    [InlineData("/api/v1/quote?model=gpt-5.4&output=1", "input")]
    [InlineData("/api/v1/quote?model=no-such-model-xyz&input=1&output=1", "no-such-model-xyz")]
    [InlineData("/api/v1/compare?input=1&output=1", "models")]
    [InlineData("/api/v1/models?sort=price", "sort")]
    [InlineData("/api/v1/models?provider=nobody-at-all", "nobody-at-all")]
    [InlineData("/api/v1/models/no-such-model-xyz", "no-such-model-xyz")]
    [InlineData("/api/v1/pnl?users=10&paid_share=1.5&arpu=25&gpus=1&gpu_hour_price=1&training_cost=1&useful_life_months=12", "paid-share")]
    [InlineData("/api/v1/pnl?users=10&paid_share=0.5&arpu=25&gpus=1&gpu_hour_price=1&training_cost=1&useful_life_months=0", "useful-life-months")]
    [InlineData("/api/v1/token-price?inference_cost=1&tokens_per_month=0", "tokens")]
    [InlineData("/api/v1/simulate?example=nope", "nope")]
    [InlineData("/api/v1/simulate?example=chat-assistant&users=0", "users")]
    [InlineData("/api/v1/simulate?example=chat-assistant&users=2000000", "users")]
    [InlineData("/api/v1/simulate?example=chat-assistant&users=100&set=plans.pro.price", "plans.pro.price")]
    [InlineData("/api/v1/compare?tier=luxury&input=1&output=1", "luxury")]
    [InlineData("/api/v1/price-plan?example=chat-assistant&plan=gold&users=100", "gold")]
    [InlineData("/api/v1/diff?example=chat-assistant&users=100", "override")]
    [InlineData("/api/v1/examples/nope", "nope")]
    [InlineData("/api/v1/perf?gpu=h100&batch=8&context=2048", "model")]
    [InlineData("/api/v1/perf?model=llama-3.1-8b&gpu=no-such-gpu&batch=8&context=2048", "no-such-gpu")]
    [InlineData("/api/v1/serve-cost?model=llama-3.1-8b&gpu=h100&concurrency_sweep=1,x", "concurrency_sweep")]
    [InlineData("/api/v1/serve-cost?model=llama-3.1-8b&gpu=h100&engine=warp-drive", "warp-drive")]
    [InlineData("/api/v1/capacity?model=llama-3.1-8b&gpu=h100&gpus_per_replica=1&tok_per_user=20&gpu_hour_price=2", "users")]
    [InlineData("/api/v1/breakeven?model=llama-3.1-8b&gpu=h100", "api")]
    [InlineData("/api/v1/plan?model=llama-3.1-8b&price=h100", "price")]
    [InlineData("/api/v1/usage/report?by=planet", "by")]
    [InlineData("/api/v1/usage/reprice?to=gpt-5.4-mini&cache_hit=2", "cache")]
    [InlineData("/api/v1/usage/forecast?as_of=yesterday", "as_of")]
    public async Task Bad_input_answers_400_problem_details_naming_the_problem(string url, string named)
    {
        var (status, problem) = await GetProblemAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_invalid_scenario_answers_a_validation_problem_with_the_line_and_field()
    {
        var yaml = "name: broken\nmodels:\n  main: gpt-5.4\nsegments: {}\nplans: []\nsurprise: 1\n";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/simulate", UriKind.Relative))
        {
            Content = new StringContent(JsonSerializer.Serialize(new { scenario = yaml, users = 100 }), System.Text.Encoding.UTF8, "application/json"),
        };
        var (status, problem) = await ProblemAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any(), problem.ToString());
        Assert.Contains("scenario.yaml:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scenario_check_lists_the_problems_of_invalid_yaml_and_none_of_an_example()
    {
        using var client = factory.CreateClient();
        using var bad = await client.PostAsync(new Uri("/api/v1/scenario/check", UriKind.Relative),
            new StringContent("{\"scenario\":\"name: x\\nplans: 3\\n\"}", System.Text.Encoding.UTF8, "application/json"));
        using var badDoc = JsonDocument.Parse(await bad.Content.ReadAsStringAsync());
        Assert.False(badDoc.RootElement.GetProperty("valid").GetBoolean());
        Assert.NotEqual(0, badDoc.RootElement.GetProperty("issues").GetArrayLength());

        using var good = await client.PostAsync(new Uri("/api/v1/scenario/check", UriKind.Relative),
            new StringContent("{\"example\":\"coding-agent\"}", System.Text.Encoding.UTF8, "application/json"));
        using var goodDoc = JsonDocument.Parse(await good.Content.ReadAsStringAsync());
        Assert.True(goodDoc.RootElement.GetProperty("valid").GetBoolean(), goodDoc.RootElement.ToString());
    }
}
