using InferCost.Testing;
using InferCost.Web.Tests.Hosting;
using Microsoft.Playwright;

namespace InferCost.Web.Tests.Browser;

/// <summary>The real app on loopback and Debian's chromium driven headless by Playwright (no browser download).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium (the test set-up installs it).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public LiveServer Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Gets the folder the screenshots go to (in the test output).</summary>
    public string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Gets axe-core's script (npm, tools/peer/node_modules).</summary>
    public string AxeScript { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: install Debian's chromium (the test set-up script does)");
        var axe = Path.Combine(RepoPaths.Tools, "node_modules", "axe-core", "axe.min.js");
        Assert.True(File.Exists(axe), $"{axe} is missing: run `npm ci` in tools/peer (the test set-up script does)");
        AxeScript = await File.ReadAllTextAsync(axe);
        Directory.CreateDirectory(Screenshots);
        Server = await LiveServer.StartAsync(new Web.Hosting.ServeOptions { UsageDb = UsageStoreFixture.Path });
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
