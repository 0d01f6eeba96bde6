using System.Net;
using System.Text.Json;

namespace InferCost.Web.Tests.Api;

/// <summary>Pages, assets, OpenAPI and the security headers every answer carries.</summary>
public sealed class SiteTests(WebFactory factory) : IClassFixture<WebFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/catalog?q=gpt-5&model=gpt-5.4")]
    [InlineData("/compare")]
    [InlineData("/scenario?example=chat-assistant&users=2000")]
    [InlineData("/serving")]
    [InlineData("/pnl")]
    [InlineData("/usage")]
    [InlineData("/api")]
    [InlineData("/api/v1/catalog/info")]
    public async Task Every_answer_carries_the_security_headers(string url)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pnl_permalink_renders_a_net_loss_of_88_778_667_a_month()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync(new Uri("/pnl?users=10000000&paid_share=0.8&arpu=25&gpus=16000&gpu_hour_price=10.6&training_cost=2000000000&useful_life_months=12", UriKind.Relative));
        Assert.Contains("id=\"net\">&#x2212;$88,778,667<", html, StringComparison.Ordinal);
        Assert.Contains("value=\"10.6\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_with_bad_input_shows_the_error_and_keeps_its_form()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync(new Uri("/pnl?users=lots", UriKind.Relative));
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("users: expected a whole number", html, StringComparison.Ordinal);
        Assert.Contains("name=\"paid_share\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_operation()
    {
        using var client = factory.CreateClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var paths = doc.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var path in new[] { "/api/v1/quote", "/api/v1/compare", "/api/v1/models", "/api/v1/models/{id}", "/api/v1/catalog/info", "/api/v1/pnl", "/api/v1/token-price",
                     "/api/v1/simulate", "/api/v1/diff", "/api/v1/sensitivity", "/api/v1/price-plan", "/api/v1/scenario/check" })
        {
            Assert.Contains(path, paths);
        }

        Assert.DoesNotContain("/pnl", paths);
    }

    [Fact]
    public async Task ECharts_is_served_from_the_app_itself()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/assets/echarts.min.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 500_000);
    }

    [Theory]
    [InlineData("/assets/..%2FInferCost.Web.dll")]
    [InlineData("/assets/%2Fetc%2Fpasswd")]
    [InlineData("/assets/nope.js")]
    public async Task Asset_names_never_reach_the_file_system(string url)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
