using System.Text.Json;
using Microsoft.Playwright;

namespace InferCost.Web.Tests.Browser;

/// <summary>Every page in a real browser: no console errors, screenshots at desktop and phone width, no serious accessibility violation.</summary>
public sealed class PageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    public const string PnlPermalink = "pnl?users=10000000&paid_share=0.8&arpu=25&gpus=16000&gpu_hour_price=10.6&training_cost=2000000000&useful_life_months=12";

    public const string ServingPermalink = "serving?model=llama-3.1-8b&gpu=h100-sxm&precision=bf16&isl=2048&osl=256&tok_per_user=20&users=500&api=gpt-5.4-mini";

    public const string UsagePermalink = "usage?alternatives=gpt-5.4-mini,claude-haiku-4-5&budget=4&top=5";

    public static TheoryData<string, string> Pages => new()
    {
        { "home", "" },
        { "catalog", "catalog?q=gpt-5&model=gpt-5.4&model_provider=openai" },
        { "compare", "compare?models=gpt-5.4,claude-opus-4-7,gemini-3.1-pro-preview,gpt-5.4-mini&input=2000000&output=400000&requests=100" },
        { "scenario", "scenario?example=chat-assistant&users=5000&set=plans.pro.price%3D25&plan=pro&sensitivity=true" },
        { "serving", ServingPermalink },
        { "pnl", PnlPermalink },
        { "usage", UsagePermalink },
        { "api", "api" },
    };

    private async Task<(IPage Page, List<string> Errors)> OpenAsync(string path, int width = 1280, int height = 900, bool bypassCsp = false)
    {
        // Only the axe test bypasses the page's CSP, to inject axe-core's script.
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, BypassCSP = bypassCsp });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        var response = await page.GotoAsync(new Uri(fixture.Server.Address, path).ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        return (page, errors);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Each_page_loads_without_console_errors_at_desktop_and_phone_width(string name, string path)
    {
        foreach (var (label, width, height) in new[] { ("desktop", 1280, 900), ("phone", 390, 844) })
        {
            var (page, errors) = await OpenAsync(path, width, height);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.Screenshots, $"{name}-{label}.png"), FullPage = true });
            Assert.True(errors.Count == 0, $"{path} at {label} width: {string.Join("\n", errors)}");
            Assert.Equal(1, await page.Locator("nav[aria-label=Main]").CountAsync());
            // Nothing wider than the screen at phone width (tables scroll inside their own box).
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, $"{path} scrolls sideways at {label} width");
            await page.Context.CloseAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Axe_finds_no_serious_or_critical_accessibility_violation(string name, string path)
    {
        var (page, _) = await OpenAsync(path, bypassCsp: true);
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = fixture.AxeScript });
        var json = await page.EvaluateAsync<JsonElement>("async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }))");
        var serious = json.EnumerateArray().Where(v => v.GetProperty("impact").GetString() is "serious" or "critical").Select(v => v.ToString()).ToList();
        Assert.True(serious.Count == 0, $"{name}: {string.Join("\n", serious)}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_pnl_permalink_shows_a_net_of_minus_88_778_667_a_month()
    {
        var (page, _) = await OpenAsync(PnlPermalink);
        Assert.Equal("\u2212$88,778,667", await page.Locator("#net").InnerTextAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Changing_an_input_updates_the_numbers_and_the_address_and_the_address_reproduces_the_page()
    {
        var (page, _) = await OpenAsync(PnlPermalink);
        var before = await page.Locator("#net").InnerTextAsync();
        await page.Locator("#f-useful_life_months").FillAsync("36");
        await page.Locator("#f-useful_life_months").PressAsync("Tab");
        await page.WaitForURLAsync("**useful_life_months=36**");
        var after = await page.Locator("#net").InnerTextAsync();
        Assert.NotEqual(before, after);
        Assert.Contains("useful_life_months=36", page.Url, StringComparison.Ordinal);
        var sweep = await page.Locator("#sweep-table tbody tr").CountAsync();
        Assert.Equal(8, sweep);

        // The permalink, opened fresh, shows the same page.
        var (again, _) = await OpenAsync(new Uri(page.Url).PathAndQuery.TrimStart('/'));
        Assert.Equal(after, await again.Locator("#net").InnerTextAsync());
        Assert.Equal("36", await again.Locator("#f-useful_life_months").InputValueAsync());
        await page.Context.CloseAsync();
        await again.Context.CloseAsync();
    }

    [Fact]
    public async Task Changing_the_scenario_overrides_changes_the_percentile_cards()
    {
        var (page, _) = await OpenAsync("scenario?example=chat-assistant&users=10000");
        var before = await page.Locator("#plans-table").InnerTextAsync();
        await page.Locator("#f-set").FillAsync("plans.pro.price=99");
        await page.Locator("form.inputs button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**plans.pro.price%3D99**");
        Assert.Contains("set=plans.pro.price%3D99", page.Url, StringComparison.Ordinal);
        Assert.NotEqual(before, await page.Locator("#plans-table").InnerTextAsync());
        Assert.Equal(1, await page.Locator("#diff-table").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_yaml_editor_reports_a_problem_as_you_type_and_simulates_valid_yaml()
    {
        var (page, errors) = await OpenAsync("scenario?example=chat-assistant&users=2000");
        var editor = page.Locator("#yaml-editor");
        var yaml = await editor.InputValueAsync();
        await editor.FillAsync(yaml + "\nsurprise_field: 1\n");
        await Assertions.Expect(page.Locator("#yaml-status")).ToContainTextAsync("surprise_field");
        await editor.FillAsync(yaml);
        await Assertions.Expect(page.Locator("#yaml-status")).ToHaveTextAsync("Valid.");
        await page.Locator("#yaml-run").ClickAsync();
        await Assertions.Expect(page.Locator("#yaml-result table")).ToBeVisibleAsync();
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Changing_the_serving_users_resizes_the_fleet_and_the_permalink_reproduces_it()
    {
        var (page, errors) = await OpenAsync(ServingPermalink);
        var replicas = await page.Locator("#replicas").InnerTextAsync();
        var fleet = await page.Locator("#fleet-month").InnerTextAsync();
        Assert.Equal(1, await page.Locator("#batch-chart canvas").CountAsync());
        Assert.True(await page.Locator("#batch-table tbody tr").CountAsync() >= 5);
        Assert.Equal(11, await page.Locator("#load-table tbody tr").CountAsync());
        await page.Locator("#f-users").FillAsync("5000");
        await page.Locator("#f-users").PressAsync("Tab");
        await page.WaitForURLAsync("**users=5000**");
        Assert.NotEqual(replicas, await page.Locator("#replicas").InnerTextAsync());
        var after = await page.Locator("#fleet-month").InnerTextAsync();
        Assert.NotEqual(fleet, after);

        var (again, _) = await OpenAsync(new Uri(page.Url).PathAndQuery.TrimStart('/'));
        Assert.Equal(after, await again.Locator("#fleet-month").InnerTextAsync());
        Assert.Equal("5000", await again.Locator("#f-users").InputValueAsync());
        Assert.Empty(errors);
        await page.Context.CloseAsync();
        await again.Context.CloseAsync();
    }

    [Fact]
    public async Task Changing_the_serving_gpu_changes_the_cost_per_million_tokens()
    {
        var (page, _) = await OpenAsync(ServingPermalink);
        var before = await page.Locator("#cost-per-million").InnerTextAsync();
        await page.Locator("#f-gpu").SelectOptionAsync("h200");
        await page.WaitForURLAsync("**gpu=h200**");
        Assert.NotEqual(before, await page.Locator("#cost-per-million").InnerTextAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_usage_page_shows_cost_by_day_by_model_top_users_repricing_and_a_forecast_against_the_budget()
    {
        var (page, errors) = await OpenAsync(UsagePermalink);
        Assert.Equal(1, await page.Locator("#daily-chart canvas").CountAsync());
        Assert.Equal(20, await page.Locator("#daily-table tbody tr").CountAsync());
        Assert.Equal(5, await page.Locator("#users-table tbody tr").CountAsync());
        Assert.Equal(2, await page.Locator("#reprice-table tbody tr").CountAsync());
        Assert.Equal(30, await page.Locator("#forecast-table tbody tr").CountAsync());
        var status = await page.Locator("#budget-status").InnerTextAsync();
        Assert.Equal("$4.00", status);

        await page.Locator("#f-budget").FillAsync("1");
        await page.Locator("#f-budget").PressAsync("Tab");
        await page.WaitForURLAsync("**budget=1");
        Assert.Equal("$1.00", await page.Locator("#budget-status").InnerTextAsync());
        Assert.Contains("crossed on 2026-11-", await page.Locator("#budget-status + .card-note").InnerTextAsync(), StringComparison.Ordinal);

        var (again, _) = await OpenAsync(new Uri(page.Url).PathAndQuery.TrimStart('/'));
        Assert.Equal(await page.Locator("main").InnerTextAsync(), await again.Locator("main").InnerTextAsync());
        Assert.Empty(errors);
        await page.Context.CloseAsync();
        await again.Context.CloseAsync();
    }
}
