using System.Reflection;
using InferCost.Web.Adapters;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InferCost.Web.Pages;

/// <summary>Maps the server-rendered pages and their embedded assets.</summary>
internal static class SitePages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", (PricingOperations ops) => HomePage.Render(ops)).ExcludeFromDescription();
        app.MapGet("/pnl", (HttpRequest r) => PnlPage.Render(new PageQuery(r))).ExcludeFromDescription();
        app.MapGet("/catalog", (HttpRequest r, PricingOperations ops) => CatalogPage.Render(new PageQuery(r), ops)).ExcludeFromDescription();
        app.MapGet("/compare", (HttpRequest r, PricingOperations ops) => ComparePage.Render(new PageQuery(r), ops)).ExcludeFromDescription();
        app.MapGet("/scenario", (HttpRequest r, SimulationOperations ops) => ScenarioPage.Render(new PageQuery(r), ops)).ExcludeFromDescription();
        app.MapGet("/serving", (HttpRequest r, Application.Serving.ServingService service) => ServingPage.Render(new PageQuery(r), service)).ExcludeFromDescription();
        app.MapGet("/usage", (HttpRequest r, Application.Usage.UsageService service) => UsagePage.Render(new PageQuery(r), service)).ExcludeFromDescription();
        app.MapGet("/api", () => ApiReferencePage.Render()).ExcludeFromDescription();
        app.MapGet("/assets/{name}", (string name) => Asset(name)).ExcludeFromDescription();
    }

    private static IResult Asset(string name)
    {
        // Only the assembly's own embedded assets: never a path the user names.
        using var stream = typeof(SitePages).Assembly.GetManifestResourceStream("assets/" + name);
        if (stream is null)
        {
            return Results.NotFound();
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var type = Path.GetExtension(name) switch
        {
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => "text/plain; charset=utf-8",
        };
        return Results.Bytes(copy.ToArray(), type);
    }

    /// <summary>The text of an embedded asset (the HTML report inlines them).</summary>
    public static string AssetText(string name)
    {
        using var stream = typeof(SitePages).Assembly.GetManifestResourceStream("assets/" + name) ?? throw new InvalidOperationException($"asset {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
