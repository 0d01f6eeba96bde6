using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using InferCost.Data.Catalog;
using InferCost.Errors;
using InferCost.Web.Adapters;
using InferCost.Web.Api;
using InferCost.Web.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InferCost.Web.Hosting;

/// <summary>Builds the InferCost web app: API, OpenAPI, pages, security headers, limits, API key.</summary>
public static class WebApp
{
    /// <summary>The rate-limiter policy of the simulation endpoints (per client address).</summary>
    public const string SimulationPolicy = "simulation";

    /// <summary>The most bytes a request body may hold (a scenario YAML is a few KB).</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>The Content-Security-Policy every answer carries: only our own scripts, no frames, no third parties.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Builds the app, refusing options that would expose it without a key.</summary>
    /// <exception cref="InferCostException">The options bind a non-loopback address without an API key.</exception>
    public static WebApplication Create(ServeOptions options, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Refusal() is { } why)
        {
            throw new InferCostException(why);
        }

        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.Limits.MaxRequestLineSize = 16 * 1024;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        ConfigureServices(builder.Services, options);
        var app = builder.Build();
        _ = app.Services.GetRequiredService<Pricing.PriceCatalog>(); // load the catalog now, not on the first request
        Configure(app, options);
        return app;
    }

    private static void ConfigureServices(IServiceCollection services, ServeOptions options)
    {
        services.AddSingleton(options);
        // The user's catalog (the snapshot `catalog update` saved, overlays), with the CLI's staleness warning as of start-up.
        services.AddSingleton(_ => Application.Catalogs.CatalogSource.ForUser(null, CatalogStore.FromEnvironment(), DateOnly.FromDateTime(DateTime.UtcNow),
            CatalogStore.MaxAgeDaysFromEnvironment()));
        services.AddSingleton(sp => sp.GetRequiredService<Application.Catalogs.CatalogSource>().Catalog);
        services.AddSingleton(sp => new PricingOperations(sp.GetRequiredService<Pricing.PriceCatalog>()));
        services.AddSingleton(sp => new SimulationOperations(sp.GetRequiredService<Pricing.PriceCatalog>()));
        services.AddSingleton(sp => new Application.Pricing.PricingService(sp.GetRequiredService<Application.Catalogs.CatalogSource>()));
        services.AddSingleton(sp => new Application.Catalogs.CatalogService(sp.GetRequiredService<Application.Catalogs.CatalogSource>()));
        services.AddSingleton(sp => new Application.Business.BusinessService(sp.GetRequiredService<Application.Catalogs.CatalogSource>()));
        StoreEndpoints.AddServices(services, options);
        services.AddSingleton(sp => new Application.Serving.ServingService(sp.GetRequiredService<Application.Catalogs.CatalogSource>()));
        // The usage store is a server setting (--usage-store, else the default store); no request names a path.
        services.AddSingleton(sp => new Application.Usage.UsageService(
            options.UsageDb ?? Data.UsageLogs.UsageStore.DefaultPath(), sp.GetRequiredService<Application.Catalogs.CatalogSource>()));
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = WebJson.Options.PropertyNamingPolicy;
            o.SerializerOptions.DefaultIgnoreCondition = WebJson.Options.DefaultIgnoreCondition;
        });
        services.AddProblemDetails();
        // A parameter that does not bind (input=abc) throws, so the answer names the parameter and the value.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "InferCost API";
            doc.Info.Description = "Every InferCost operation over HTTP; each answer is the JSON the CLI writes with --json.";
            return Task.CompletedTask;
        }));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(_ => RateLimitPartition.GetConcurrencyLimiter(
                "all", _ => new ConcurrencyLimiterOptions { PermitLimit = 1024, QueueLimit = 4096, QueueProcessingOrder = QueueProcessingOrder.OldestFirst }));
            o.AddPolicy(SimulationPolicy, ctx => RateLimitPartition.GetTokenBucketLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.SimulationRequestsPerSecond * 2,
                    TokensPerPeriod = options.SimulationRequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
        });
    }

    private static void Configure(WebApplication app, ServeOptions options)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteProblemAsync, SuppressDiagnosticsCallback = _ => true });
        app.UseStatusCodePages();
        app.Use(static (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(context);
        });
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            var expected = Encoding.UTF8.GetBytes(options.ApiKey);
            app.Use((context, next) => RequireKeyAsync(context, next, expected));
        }

        app.UseRateLimiter();
        app.MapOpenApi("/openapi/{documentName}.json");
        ApiEndpoints.Map(app);
        StoreEndpoints.Map(app);
        SitePages.Map(app);
    }

    private static async Task WriteProblemAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        ProblemDetails problem;
        switch (error)
        {
            case Application.Validation.RequestValidationException requestInvalid:
                problem = new ValidationProblemDetails(requestInvalid.ByField()) { Title = "Bad input", Detail = requestInvalid.Message, Status = 400 };
                break;
            case ScenarioInvalidException invalid:
                var errors = invalid.Issues.GroupBy(i => i.Field).ToDictionary(g => g.Key, g => g.Select(i => i.ToString()).ToArray());
                problem = new ValidationProblemDetails(errors) { Title = "The scenario is not valid", Detail = invalid.Message, Status = 400 };
                break;
            case InputFileException located:
                problem = new ValidationProblemDetails(new Dictionary<string, string[]> { [located.Field ?? "(input)"] = [located.Message] })
                {
                    Title = "Bad input", Detail = located.Message, Status = 400,
                };
                break;
            case InferCostException bad:
                problem = new ProblemDetails { Title = "Bad input", Detail = bad.Message, Status = 400 };
                break;
            case BadHttpRequestException badRequest:
                problem = new ProblemDetails { Title = "Bad request", Detail = badRequest.Message, Status = badRequest.StatusCode };
                break;
            default:
                problem = new ProblemDetails { Title = "Internal error", Detail = "The server failed to answer; the log says why.", Status = 500 };
                break;
        }

        context.Response.StatusCode = problem.Status ?? 500;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).ConfigureAwait(false);
    }

    private static Task RequireKeyAsync(HttpContext context, RequestDelegate next, byte[] expected)
    {
        const string Cookie = "infercost_key";
        var request = context.Request;
        string? presented = request.Headers["X-Api-Key"].FirstOrDefault();
        if (presented is null && request.Headers.Authorization.FirstOrDefault() is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            presented = auth["Bearer ".Length..];
        }

        presented ??= request.Cookies[Cookie];
        if (presented is null && request.Query["key"].FirstOrDefault() is { } fromLink && Matches(fromLink, expected))
        {
            // A browser opening ?key=… once gets a cookie, then the same page without the key in its address.
            context.Response.Cookies.Append(Cookie, fromLink, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = request.IsHttps, Path = "/" });
            var rest = request.Query.Where(kv => kv.Key != "key").SelectMany(kv => kv.Value.Select(v => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(v ?? "")}"));
            var query = string.Join('&', rest);
            context.Response.Redirect(request.Path + (query.Length > 0 ? "?" + query : ""));
            return Task.CompletedTask;
        }

        if (presented is not null && Matches(presented, expected))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Title = "API key required", Detail = "Send the server's key as the X-Api-Key header (or Authorization: Bearer KEY).", Status = 401 },
        }).AsTask();
    }

    private static bool Matches(string presented, byte[] expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected);
}
