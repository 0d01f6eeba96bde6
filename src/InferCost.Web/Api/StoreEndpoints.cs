using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using InferCost.Application.Json;
using InferCost.Application.Store;
using InferCost.Data.Catalog;
using InferCost.Data.Store;
using InferCost.Errors;
using InferCost.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InferCost.Web.Api;

/// <summary>
/// The store's API under <c>/api/v1</c> (saved scenarios, named comparisons, share links) and the short links
/// <c>/s/{code}</c>. The store opens at start-up when <c>--store</c> names one, else on first use (SQLite in the
/// user's data folder).
/// </summary>
internal static class StoreEndpoints
{
    /// <summary>Registers the store (opened once, on first use) and its service.</summary>
    public static void AddServices(IServiceCollection services, ServeOptions options)
    {
        services.AddSingleton(sp => new WebStore(options, sp.GetRequiredService<Application.Catalogs.CatalogSource>()));
    }

    /// <summary>Maps the endpoints; opens the store now when the options name one, so a bad <c>--store</c> stops the start.</summary>
    public static void Map(WebApplication app)
    {
        if (app.Services.GetRequiredService<ServeOptions>().Store is not null)
        {
            _ = app.Services.GetRequiredService<WebStore>().Service;
        }

        var api = app.MapGroup("/api/v1").WithTags("Store").AddEndpointFilter(UnavailableAs503Async);

        api.MapPost("/scenarios", (WebStore store, SaveScenarioRequest body) =>
            {
                var saved = store.Service.SaveScenario(body)!;
                return Json(saved, AppJson.Context.SavedScenarioResult, StatusCodes.Status201Created, $"/api/v1/scenarios/{saved.Id}");
            })
            .WithName("scenario-save").WithSummary("Save a scenario's YAML under a name (checked by the scenario reader first; 400 names each bad field)")
            .Produces<SavedScenarioResult>(StatusCodes.Status201Created).ProducesValidationProblem().RequireRateLimiting(WebApp.SimulationPolicy);

        api.MapGet("/scenarios", (WebStore store) => Json(store.Service.ListScenarios(), AppJson.Context.SavedScenarioList))
            .WithName("scenarios").WithSummary("The saved scenarios, newest first").Produces<SavedScenarioList>();

        api.MapGet("/scenarios/{id}", (WebStore store, [Description("The saved scenario's id")] string id) =>
                store.Service.GetScenario(id) is { } s ? Json(s, AppJson.Context.SavedScenarioResult) : NotFound("scenario", id))
            .WithName("scenario").WithSummary("One saved scenario with its YAML").Produces<SavedScenarioResult>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/scenarios/{id}", (WebStore store, string id, SaveScenarioRequest body) =>
                store.Service.SaveScenario(body, id) is { } s ? Json(s, AppJson.Context.SavedScenarioResult) : NotFound("scenario", id))
            .WithName("scenario-replace").WithSummary("Replace a saved scenario's name and YAML")
            .Produces<SavedScenarioResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).RequireRateLimiting(WebApp.SimulationPolicy);

        api.MapDelete("/scenarios/{id}", (WebStore store, string id) => store.Service.DeleteScenario(id) ? Results.NoContent() : NotFound("scenario", id))
            .WithName("scenario-delete").WithSummary("Delete a saved scenario").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/comparisons", (WebStore store, SaveComparisonRequest body) =>
            {
                var saved = store.Service.SaveComparison(body);
                return Json(saved, AppJson.Context.ComparisonResult, StatusCodes.Status201Created, "/api/v1/comparisons/" + Uri.EscapeDataString(saved.Name));
            })
            .WithName("comparison-save").WithSummary("Save a comparison's models and volume under a name (replacing one saved under it)")
            .Produces<ComparisonResult>(StatusCodes.Status201Created).ProducesValidationProblem().RequireRateLimiting(WebApp.SimulationPolicy);

        api.MapGet("/comparisons", (WebStore store) => Json(store.Service.ListComparisons(), AppJson.Context.ComparisonList))
            .WithName("comparisons").WithSummary("The named comparisons, by name").Produces<ComparisonList>();

        api.MapGet("/comparisons/{name}", (WebStore store, [Description("The comparison's name")] string name) =>
                store.Service.GetComparison(name) is { } c ? Json(c, AppJson.Context.ComparisonResult) : NotFound("comparison", name))
            .WithName("comparison").WithSummary("One named comparison, with the compare page that shows it").Produces<ComparisonResult>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapDelete("/comparisons/{name}", (WebStore store, string name) => store.Service.DeleteComparison(name) ? Results.NoContent() : NotFound("comparison", name))
            .WithName("comparison-delete").WithSummary("Delete a named comparison").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/links", (WebStore store, HttpRequest request, CreateLinkRequest body) =>
            {
                var link = store.Service.CreateLink(body);
                return Json(link with { Url = $"{request.Scheme}://{request.Host}{link.Path}" }, AppJson.Context.ShareLinkResult, StatusCodes.Status201Created, "/api/v1/links/" + link.Code);
            })
            .WithName("link-create").WithSummary("A short link (/s/{code}) for a page address (path and query); the same address gets the same code")
            .Produces<ShareLinkResult>(StatusCodes.Status201Created).ProducesValidationProblem().RequireRateLimiting(WebApp.SimulationPolicy);

        api.MapGet("/links/{code}", (WebStore store, string code) =>
                store.Service.ResolveLink(code) is { } link ? Json(link, AppJson.Context.ShareLinkResult) : NotFound("link", code))
            .WithName("link").WithSummary("The page address a short code stands for").Produces<ShareLinkResult>().ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/s/{code}", (WebStore store, string code) =>
            {
                if (code.Length != InferCostStore.ShareCodeLength || !code.All(ch => InferCostStore.CodeAlphabet.Contains(ch, StringComparison.Ordinal)))
                {
                    return NotFound("link", code);
                }

                // Only an address the store checked on the way in (one leading slash: this site), never a full URL.
                return store.Service.ResolveLink(code) is { } link && CreateLinkRequest.IsLocal(link.Target) ? Results.Redirect(link.Target) : NotFound("link", code);
            })
            .AddEndpointFilter(UnavailableAs503Async).ExcludeFromDescription();
    }

    private static async ValueTask<object?> UnavailableAs503Async(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (StoreUnavailableException e)
        {
            return Results.Problem(title: "The store is unavailable", detail: e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static JsonAnswer Json<T>(T value, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK, string? location = null) =>
        new JsonAnswer(JsonSerializer.SerializeToUtf8Bytes(value, type), status, location);

    private static IResult NotFound(string what, string key) =>
        Results.Problem(title: $"No such {what}", detail: $"no {what} '{key}' in the store", statusCode: StatusCodes.Status404NotFound);

    private sealed class JsonAnswer(byte[] body, int status, string? location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            if (location is not null)
            {
                httpContext.Response.Headers.Location = location;
            }

            httpContext.Response.ContentType = "application/json; charset=utf-8";
            return httpContext.Response.Body.WriteAsync(body).AsTask();
        }
    }
}

/// <summary>The store could not be opened (the server answers 503 and tries again on the next request).</summary>
internal sealed class StoreUnavailableException(string message, Exception inner) : InferCostException(message, inner);

/// <summary>The web app's store: opened on first use (again after a failure), closed with the app.</summary>
internal sealed class WebStore(ServeOptions options, Application.Catalogs.CatalogSource catalogs) : IDisposable
{
    private readonly Lock _gate = new();
    private InferCostStore? _store;
    private StoreService? _service;

    /// <summary>Gets the store's service, opening the store on first use.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be opened.</exception>
    public StoreService Service
    {
        get
        {
            if (_service is { } ready)
            {
                return ready;
            }

            lock (_gate)
            {
                if (_service is null)
                {
                    try
                    {
                        _store = InferCostStore.Open(StoreLocation.Parse(options.Store, CatalogStore.FromEnvironment()));
                    }
                    catch (InferCostException e)
                    {
                        throw new StoreUnavailableException(e.Message, e);
                    }

                    _service = new StoreService(_store, catalogs);
                }

                return _service;
            }
        }
    }

    public void Dispose() => _store?.Dispose();
}
