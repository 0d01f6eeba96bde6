using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using InferCost.Web.Hosting;
using InferCost.Web.Tests.Hosting;

namespace InferCost.Web.Tests.Api;

/// <summary>The usage endpoints read the server's configured store and answer the CLI's <c>--json</c> over the same store.</summary>
public sealed class UsageApiMatchesCliTests : IAsyncLifetime
{
    private LiveServer _server = null!;

    private static string Db => UsageStoreFixture.Path;

    public async Task InitializeAsync() => _server = await LiveServer.StartAsync(new ServeOptions { UsageDb = Db });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<string> GetAsync(string url)
    {
        using var client = new HttpClient { BaseAddress = _server.Address };
        using var response = await client.GetAsync(new Uri(url.TrimStart('/'), UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return body;
    }

    [Fact]
    public async Task Usage_report_by_user_answers_the_CLI_report()
    {
        var api = await GetAsync("/api/v1/usage/report?by=user&top=5&from=2026-11-03&to=2026-11-15");
        Assert.Equal(CliJson.Run("usage", "report", "--by", "user", "--top", "5", "--from", "2026-11-03", "--to", "2026-11-15", "--db", Db), api);
    }

    [Fact]
    public async Task Usage_reprice_answers_the_CLI_reprice()
    {
        var api = await GetAsync("/api/v1/usage/reprice?to=gpt-5.4-mini,claude-haiku-4-5&cache_hit=0.5&efficiency=gpt-5.4-mini=0.8&at=2026-11-25T00:00:00Z&top=3");
        Assert.Equal(CliJson.Run("usage", "reprice", "--to", "gpt-5.4-mini,claude-haiku-4-5", "--cache-hit", "0.5", "--efficiency", "gpt-5.4-mini=0.8",
            "--at", "2026-11-25T00:00:00Z", "--top", "3", "--db", Db), api);
    }

    [Fact]
    public async Task Usage_fit_answers_the_CLI_fit_without_writing_a_file()
    {
        var api = await GetAsync("/api/v1/usage/fit?session_gap=20");
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "infercost-web-usage", Guid.NewGuid().ToString("N") + ".yaml");
        var cli = JsonNode.Parse(CliJson.Run("usage", "fit", "--session-gap", "20", "--out", file, "--db", Db))!.AsObject();
        // The CLI names the file it wrote; the API writes none. The fit itself is the same.
        Assert.Equal(file, (string?)cli["out"]);
        cli.Remove("out");
        Assert.Null(JsonNode.Parse(api)!["out"]);
        Assert.Equal(cli.ToJsonString(), JsonNode.Parse(api)!.ToJsonString());
    }

    [Fact]
    public async Task Usage_forecast_with_a_budget_answers_the_CLI_forecast()
    {
        var api = await GetAsync("/api/v1/usage/forecast?month=2026-11&by=model&budget=2.5&top=3");
        Assert.Equal(CliJson.Run("usage", "forecast", "--month", "2026-11", "--by", "model", "--budget", "2.5", "--top", "3", "--db", Db), api);
        using var doc = JsonDocument.Parse(api);
        Assert.Equal(2.5m, doc.RootElement.GetProperty("total").GetProperty("budget").GetDecimal());
    }

    [Fact]
    public async Task Daily_costs_by_model_add_up_to_the_report_by_day()
    {
        using var daily = JsonDocument.Parse(await GetAsync("/api/v1/usage/daily?by=model&top=2"));
        using var report = JsonDocument.Parse(await GetAsync("/api/v1/usage/report?by=day&top=100"));
        var byDay = report.RootElement.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("cost").GetDecimal());
        var series = daily.RootElement.GetProperty("series").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Equal(3, series.Count);
        Assert.Equal("(other)", series[^1]);
        foreach (var day in daily.RootElement.GetProperty("days").EnumerateArray())
        {
            var costs = day.GetProperty("costs").EnumerateArray().Select(c => c.GetDecimal()).ToList();
            Assert.Equal(day.GetProperty("cost").GetDecimal(), costs.Sum());
            Assert.Equal(byDay[day.GetProperty("day").GetString()!], costs.Sum());
        }

        Assert.Equal(byDay.Count, daily.RootElement.GetProperty("days").GetArrayLength());
    }

    [Fact]
    public async Task No_usage_parameter_can_name_a_file_the_server_reads()
    {
        // Unknown parameters are ignored: the store stays the configured one.
        var withPath = await GetAsync("/api/v1/usage/report?by=model&db=/etc/passwd&store=/etc/passwd&path=/etc/passwd");
        Assert.Equal(await GetAsync("/api/v1/usage/report?by=model"), withPath);
    }
}
