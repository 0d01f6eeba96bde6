using System.ComponentModel;
using System.Globalization;
using InferCost.Application.Json;
using InferCost.Application.Usage;
using InferCost.Data.UsageLogs;
using InferCost.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using static InferCost.Web.Api.ApiEndpoints;

namespace InferCost.Web.Api;

/// <summary>
/// Usage endpoints over the server's DuckDB usage store (<c>infercost serve --usage-store PATH</c>, else the default
/// store): report, reprice, fit, forecast, daily. No parameter names a file: the store is a server setting.
/// </summary>
internal static class UsageEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var usage = api.MapGroup("/usage");
        usage.MapGet("/report", (UsageService service, [AsParameters] UsageReportQuery q) => Json(service.Report(q.ToRequest()), AppJson.Context.UsageReportResult))
            .WithName("usage-report").WithSummary("Cost and usage totals per user, feature, model, provider or day (infercost usage report)")
            .Produces<UsageReportResult>().ProducesValidationProblem();

        usage.MapGet("/reprice", (UsageService service, [AsParameters] UsageRepriceQuery q) => Json(service.Reprice(q.ToRequest()), AppJson.Context.UsageRepriceResult))
            .WithName("usage-reprice").WithSummary("The same traffic priced on each alternative model, with savings and who drives them (infercost usage reprice)")
            .Produces<UsageRepriceResult>().ProducesValidationProblem();

        usage.MapGet("/fit", (UsageService service, [AsParameters] UsageFitQuery q) => Json(service.Fit(q.ToRequest()), AppJson.Context.UsageFitResult))
            .WithName("usage-fit").WithSummary("Per-segment distributions fitted from the logs (infercost usage fit, without writing a file)")
            .Produces<UsageFitResult>().ProducesValidationProblem();

        usage.MapGet("/forecast", (UsageService service, [AsParameters] UsageForecastQuery q) => Json(service.Forecast(q.ToRequest()), AppJson.Context.UsageForecastResult))
            .WithName("usage-forecast").WithSummary("Month to date, projected month end with an 80 % interval, and the day a budget is crossed (infercost usage forecast)")
            .Produces<UsageForecastResult>().ProducesValidationProblem();

        usage.MapGet("/daily", (UsageService service, [AsParameters] UsageDailyQuery q) => Json(service.Daily(q.ToRequest()), AppJson.Context.UsageDailyResult))
            .WithName("usage-daily").WithSummary("Cost per UTC day split by model, provider, user or feature (the usage page's stacked chart)")
            .Produces<UsageDailyResult>().ProducesValidationProblem();
    }

    /// <summary>A date or time as the CLI reads it: ISO 8601, UTC when no offset is given.</summary>
    internal static DateTimeOffset? Time(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t
        : throw new InferCostException($"{name}: expected a date or time such as 2025-07-01 or 2025-07-01T12:00:00Z, got '{text}'");

    /// <summary>A day <c>YYYY-MM-DD</c>.</summary>
    internal static DateOnly? Day(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new InferCostException($"{name}: expected a day YYYY-MM-DD such as 2026-11-20, got '{text}'");
}

/// <summary>The <c>usage report</c> parameters.</summary>
internal sealed record UsageReportQuery(
    [property: FromQuery(Name = "by"), Description("user, feature (default), model, provider or day")] string? By,
    [property: FromQuery(Name = "from"), Description("First instant included (ISO 8601, UTC)")] string? From,
    [property: FromQuery(Name = "to"), Description("First instant excluded")] string? To,
    [property: FromQuery(Name = "top"), Description("Rows (default 20)")] int? Top)
{
    public UsageReportRequest ToRequest() => new()
    {
        By = By ?? "feature",
        Range = new UsageRange { From = UsageEndpoints.Time(From, "from"), To = UsageEndpoints.Time(To, "to") },
        Top = Top ?? 20,
    };
}

/// <summary>The <c>usage reprice</c> parameters.</summary>
internal sealed record UsageRepriceQuery(
    [property: FromQuery(Name = "to"), Description("Alternative models, comma-separated or repeated")] string[]? To,
    [property: FromQuery(Name = "cache_hit"), Description("What-if share (0–1) of input read from cache")] decimal? CacheHit,
    [property: FromQuery(Name = "batch_share"), Description("What-if share (0–1) of traffic through batch APIs")] decimal? BatchShare,
    [property: FromQuery(Name = "efficiency"), Description("Output-token factor per model, model=factor (repeatable)")] string[]? Efficiency,
    [property: FromQuery(Name = "at"), Description("Price the alternatives as of this date (default: now)")] string? At,
    [property: FromQuery(Name = "from"), Description("First instant of traffic included")] string? From,
    [property: FromQuery(Name = "until"), Description("First instant of traffic excluded")] string? Until,
    [property: FromQuery(Name = "top"), Description("Users and features per alternative (default 5)")] int? Top)
{
    public UsageRepriceRequest ToRequest() => new()
    {
        To = [.. (To ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
        CacheHit = CacheHit,
        BatchShare = BatchShare,
        Efficiency = UsageRepriceRequest.ParseEfficiency(Efficiency ?? []),
        At = UsageEndpoints.Time(At, "at"),
        Range = new UsageRange { From = UsageEndpoints.Time(From, "from"), To = UsageEndpoints.Time(Until, "until") },
        Top = Top ?? 5,
    };
}

/// <summary>The <c>usage fit</c> parameters.</summary>
internal sealed record UsageFitQuery(
    [property: FromQuery(Name = "from"), Description("First instant included")] string? From,
    [property: FromQuery(Name = "to"), Description("First instant excluded")] string? To,
    [property: FromQuery(Name = "session_gap"), Description("Minutes of inactivity that end a session (default 30)")] int? SessionGap)
{
    public UsageFitRequest ToRequest() => new()
    {
        Range = new UsageRange { From = UsageEndpoints.Time(From, "from"), To = UsageEndpoints.Time(To, "to") },
        SessionGapMinutes = SessionGap ?? 30,
    };
}

/// <summary>The <c>usage forecast</c> parameters.</summary>
internal sealed record UsageForecastQuery(
    [property: FromQuery(Name = "month"), Description("YYYY-MM (default: the month of the latest record)")] string? Month,
    [property: FromQuery(Name = "as_of"), Description("Last day with complete data, YYYY-MM-DD")] string? AsOf,
    [property: FromQuery(Name = "budget"), Description("Monthly budget, USD")] decimal? Budget,
    [property: FromQuery(Name = "by"), Description("user, feature or model")] string? By,
    [property: FromQuery(Name = "top"), Description("Groups (default 20)")] int? Top)
{
    public UsageForecastRequest ToRequest() => new()
    {
        Month = Month, AsOf = UsageEndpoints.Day(AsOf, "as_of"), Budget = Budget, By = By, Top = Top ?? 20,
    };
}

/// <summary>The daily-cost parameters.</summary>
internal sealed record UsageDailyQuery(
    [property: FromQuery(Name = "by"), Description("model (default), provider, user or feature")] string? By,
    [property: FromQuery(Name = "from"), Description("First instant included")] string? From,
    [property: FromQuery(Name = "to"), Description("First instant excluded")] string? To,
    [property: FromQuery(Name = "top"), Description("Series (default 8); the rest as (other)")] int? Top)
{
    public UsageDailyRequest ToRequest() => new()
    {
        By = By ?? "model",
        Range = new UsageRange { From = UsageEndpoints.Time(From, "from"), To = UsageEndpoints.Time(To, "to") },
        Top = Top ?? 8,
    };
}
