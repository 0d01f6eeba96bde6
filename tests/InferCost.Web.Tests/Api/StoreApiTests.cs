using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InferCost.Cli;
using InferCost.Web.Tests.Hosting;

namespace InferCost.Web.Tests.Api;

/// <summary>The app on loopback with a SQLite store of its own (a fresh temporary file).</summary>
public sealed class StoreServerFixture : IAsyncLifetime
{
    public LiveServer Server { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await LiveServer.StartAsync();
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Server.Address };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>The store's API: saved scenarios, named comparisons, share links and /s/{code}.</summary>
public sealed class StoreApiTests(StoreServerFixture fixture) : IClassFixture<StoreServerFixture>
{
    private static readonly string ChatAssistant = File.ReadAllText(Path.Combine(Testing.RepoPaths.Root, "examples", "chat-assistant.yaml"));

    private HttpClient Client => fixture.Client;

    private static async Task<JsonElement> Body(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task A_saved_scenario_is_created_read_back_exactly_listed_and_deleted()
    {
        var created = await Client.PostAsJsonAsync("api/v1/scenarios", new { name = "Chat, pro at $25", yaml = ChatAssistant });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var saved = await Body(created);
        var id = saved.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/scenarios/{id}", created.Headers.Location?.ToString());
        Assert.Equal($"/scenario?saved={id}", saved.GetProperty("page").GetString());

        var read = await Body(await Client.GetAsync($"api/v1/scenarios/{id}"));
        Assert.Equal(ChatAssistant, read.GetProperty("yaml").GetString());
        Assert.Equal("Chat, pro at $25", read.GetProperty("name").GetString());
        var list = await Body(await Client.GetAsync("api/v1/scenarios"));
        Assert.Contains(list.GetProperty("scenarios").EnumerateArray(), s => s.GetProperty("id").GetString() == id);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"api/v1/scenarios/{id}")).StatusCode);
        var gone = await Client.GetAsync($"api/v1/scenarios/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_scenario_the_reader_rejects_is_not_saved_and_the_answer_names_the_field()
    {
        var before = (await Body(await Client.GetAsync("api/v1/scenarios"))).GetProperty("scenarios").GetArrayLength();
        var response = await Client.PostAsJsonAsync("api/v1/scenarios", new { name = "broken", yaml = ChatAssistant + "\nsurprise_field: 1\n" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await Body(response)).GetProperty("errors");
        Assert.Contains(errors.EnumerateObject(), e => e.Name.Contains("surprise_field", StringComparison.Ordinal));
        Assert.Equal(before, (await Body(await Client.GetAsync("api/v1/scenarios"))).GetProperty("scenarios").GetArrayLength());
    }

    [Fact]
    public async Task A_scenario_without_a_name_is_refused_naming_the_name_field()
    {
        var response = await Client.PostAsJsonAsync("api/v1/scenarios", new { yaml = ChatAssistant });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Body(response)).GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task A_named_comparison_is_saved_and_read_back_with_the_compare_page_that_shows_it()
    {
        var created = await Client.PostAsJsonAsync("api/v1/comparisons", new { name = "frontier", models = new[] { "gpt-5.4", "claude-opus-4-7" }, input = 2_000_000, output = 400_000, requests = 100 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var read = await Body(await Client.GetAsync("api/v1/comparisons/frontier"));
        Assert.Equal(["gpt-5.4", "claude-opus-4-7"], read.GetProperty("models").EnumerateArray().Select(m => m.GetString()));
        var page = read.GetProperty("page").GetString()!;
        Assert.Equal("/compare?models=gpt-5.4%2Cclaude-opus-4-7&shape=volume&input=2000000&output=400000&cached=0&requests=100", page);
        var html = await Client.GetStringAsync(page.TrimStart('/'));
        Assert.Contains("claude-opus-4-7", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("api/v1/comparisons/no-such-thing")).StatusCode);
    }

    [Fact]
    public async Task A_comparison_of_a_model_not_in_the_catalog_is_refused_naming_models()
    {
        var response = await Client.PostAsJsonAsync("api/v1/comparisons", new { name = "typo", models = new[] { "gpt-5.4", "gpt-99-ultra" }, input = 1, output = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Body(response)).GetProperty("errors");
        Assert.Contains("gpt-99-ultra", errors.GetProperty("models")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_share_link_redirects_to_its_page_and_the_same_page_gets_the_same_code()
    {
        const string Target = "/pnl?users=10000000&paid_share=0.8&arpu=25&gpus=16000&gpu_hour_price=10.6&training_cost=2000000000&useful_life_months=12";
        var created = await Client.PostAsJsonAsync("api/v1/links", new { path = Target });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var link = await Body(created);
        var code = link.GetProperty("code").GetString()!;
        Assert.Equal(new Uri(fixture.Server.Address, "/s/" + code).ToString(), link.GetProperty("url").GetString());

        var redirect = await Client.GetAsync("s/" + code);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal(Target, redirect.Headers.Location?.OriginalString);
        var page = await Client.GetStringAsync(Target.TrimStart('/'));
        Assert.Contains("\u2212$88,778,667", page, StringComparison.Ordinal);

        var again = await Body(await Client.PostAsJsonAsync("api/v1/links", new { path = Target }));
        Assert.Equal(code, again.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    [InlineData("pnl?users=1")]
    [InlineData("")]
    public async Task A_share_link_to_anything_but_a_page_of_this_site_is_refused(string path)
    {
        var response = await Client.PostAsJsonAsync("api/v1/links", new { path });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Body(response)).GetProperty("errors").TryGetProperty("path", out _));
    }

    [Theory]
    [InlineData("zzzzzzzz")]
    [InlineData("short")]
    [InlineData("..%2F..%2Fetc")]
    public async Task An_unknown_short_code_answers_404(string code)
        => Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("s/" + code)).StatusCode);

    [Fact]
    public async Task The_store_endpoints_are_in_the_openapi_document()
    {
        var doc = await Body(await Client.GetAsync("openapi/v1.json"));
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/scenarios", "/api/v1/scenarios/{id}", "/api/v1/comparisons", "/api/v1/comparisons/{name}", "/api/v1/links", "/api/v1/links/{code}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }
    }
}

/// <summary><c>infercost serve --store</c>: a store that cannot be opened stops the start, saying which.</summary>
public sealed class ServeStoreTests
{
    [Fact]
    public void Serve_refuses_to_start_on_a_postgres_store_it_cannot_reach_and_names_it()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(["serve", "--port", "5399", "--store", "postgres://nobody:secret@127.0.0.1:1/infercost?timeout=2"], stdout, stderr);
        Assert.Equal(1, code);
        Assert.Contains("postgres://nobody@127.0.0.1:1/infercost", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", stderr.ToString(), StringComparison.Ordinal);
    }
}
