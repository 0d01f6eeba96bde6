using System.CommandLine;
using System.Globalization;
using InferCost.Errors;
using InferCost.Web.Hosting;

namespace InferCost.Cli.Commands;

/// <summary><c>infercost serve</c>: the web app (API, OpenAPI, pages) on loopback by default.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var port = new Option<int?>("--port") { Description = "Port on 127.0.0.1 (default 5000)" };
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, ';'-separated, e.g. http://0.0.0.0:8080 (off loopback needs an API key)" };
        var store = new Option<string?>("--store") { Description = "Store for saved scenarios and share links: a SQLite file PATH or postgres://user:pass@host/db (default: SQLite in the user's data folder)" };
        var apiKey = new Option<string?>("--api-key") { Description = "Key every request must present (X-Api-Key header); default INFERCOST_API_KEY" };
        var usageStore = new Option<string?>("--usage-store") { Description = "DuckDB usage store the /usage page and /api/v1/usage/* read (default $INFERCOST_USAGE_DB or usage.duckdb in your data folder)" };
        var cmd = new Command("serve", "Run the web app: API under /api/v1, OpenAPI at /openapi/v1.json, pages at /") { port, urls, store, apiKey, usageStore };
        cmd.SetAction(pr =>
        {
            var options = Options(pr.GetValue(port), pr.GetValue(urls), pr.GetValue(store), pr.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("INFERCOST_API_KEY"))
                with { UsageDb = pr.GetValue(usageStore) is { Length: > 0 } u ? Path.GetFullPath(u) : null };
            var app = WebApp.Create(options);
            context.Error.WriteLine($"infercost serve: listening on {string.Join(", ", options.Urls)} (Ctrl+C stops)");
            app.Run();
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>The server options the flags give; refuses a non-loopback bind without a key.</summary>
    internal static ServeOptions Options(int? port, string? urls, string? store, string? apiKey)
    {
        if (port is not null && urls is not null)
        {
            throw new InferCostException("give --port or --urls, not both");
        }

        if (port is { } p && p is < 1 or > 65535)
        {
            throw new InferCostException($"--port must be between 1 and 65535 (got {p})");
        }

        var options = new ServeOptions
        {
            Urls = urls is not null ? urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : port is { } pp ? [string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{pp}")] : [ServeOptions.DefaultUrl],
            Store = store,
            ApiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey,
        };
        return options.Refusal() is { } why ? throw new InferCostException(why) : options;
    }
}
