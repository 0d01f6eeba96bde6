using System.Net;
using InferCost.Cli;
using InferCost.Web.Hosting;

namespace InferCost.Web.Tests.Hosting;

/// <summary><c>infercost serve</c>: loopback by default, a key off loopback, the key enforced.</summary>
public sealed class ServeTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://localhost:8080", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("http://127.0.0.2:80/", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://+:8080", false)]
    [InlineData("http://[::]:8080", false)]
    [InlineData("http://192.168.1.10:8080", false)]
    [InlineData("http://example.com:80", false)]
    public void Only_loopback_addresses_count_as_loopback(string url, bool loopback) => Assert.Equal(loopback, ServeOptions.IsLoopback(url));

    [Theory]
    [InlineData("--urls", "http://0.0.0.0:8080")]
    [InlineData("--urls", "http://127.0.0.1:8080;http://*:9090")]
    public void Serve_refuses_a_non_loopback_bind_without_an_api_key_and_says_why(string flag, string value)
    {
        var previous = Environment.GetEnvironmentVariable("INFERCOST_API_KEY");
        Environment.SetEnvironmentVariable("INFERCOST_API_KEY", null);
        try
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var code = CliApp.Run(["serve", flag, value], stdout, stderr);
            Assert.Equal(1, code);
            Assert.Contains("without an API key", stderr.ToString(), StringComparison.Ordinal);
            Assert.Contains("--api-key", stderr.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("INFERCOST_API_KEY", previous);
        }
    }

    [Fact]
    public void Serve_refuses_port_and_urls_together()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(1, CliApp.Run(["serve", "--port", "5001", "--urls", "http://127.0.0.1:5002"], stdout, stderr));
        Assert.Contains("not both", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_loopback_bind_with_a_key_is_allowed()
    {
        Assert.Null(new ServeOptions { Urls = ["http://0.0.0.0:8080"], ApiKey = "secret" }.Refusal());
        Assert.NotNull(new ServeOptions { Urls = ["http://0.0.0.0:8080"] }.Refusal());
        Assert.Null(new ServeOptions().Refusal());
    }

    [Fact]
    public async Task With_a_key_requests_without_it_answer_401_and_with_it_200()
    {
        await using var server = await LiveServer.StartAsync(new ServeOptions { ApiKey = "s3cret-key" });
        using var client = new HttpClient { BaseAddress = server.Address };
        using var none = await client.GetAsync(new Uri("api/v1/catalog/info", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, new Uri("api/v1/catalog/info", UriKind.Relative));
        wrong.Headers.Add("X-Api-Key", "s3cret-kez");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);
        using var right = new HttpRequestMessage(HttpMethod.Get, new Uri("api/v1/catalog/info", UriKind.Relative));
        right.Headers.Add("X-Api-Key", "s3cret-key");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(right)).StatusCode);
        using var bearer = new HttpRequestMessage(HttpMethod.Get, new Uri("api/v1/catalog/info", UriKind.Relative));
        bearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "s3cret-key");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(bearer)).StatusCode);
    }

    [Fact]
    public async Task The_simulation_endpoints_answer_429_past_their_rate()
    {
        await using var server = await LiveServer.StartAsync(new ServeOptions { SimulationRequestsPerSecond = 1 });
        using var client = new HttpClient { BaseAddress = server.Address };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync(new Uri("api/v1/simulate?example=chat-assistant&users=100", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task A_request_body_over_one_megabyte_is_refused()
    {
        await using var server = await LiveServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.Address };
        var huge = new string('x', 2 * 1024 * 1024);
        using var response = await client.PostAsync(new Uri("api/v1/scenario/check", UriKind.Relative),
            new StringContent(System.Text.Json.JsonSerializer.Serialize(new { scenario = huge }), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
