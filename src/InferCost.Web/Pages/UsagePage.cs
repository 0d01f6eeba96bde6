using System.Globalization;
using InferCost.Application.Usage;
using InferCost.Data.UsageLogs;
using InferCost.Errors;
using Microsoft.AspNetCore.Http;
using static InferCost.Web.Pages.Html;

namespace InferCost.Web.Pages;

/// <summary>
/// <c>/usage</c>: over the server's DuckDB usage store, cost by day stacked by model, the top users and features,
/// the same traffic re-priced on other models, and the month's forecast against a budget.
/// </summary>
internal static class UsagePage
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static IResult Render(PageQuery q, UsageService service)
    {
        var from = q.Str("from", "");
        var to = q.Str("to", "");
        var alternatives = q.Str("alternatives", "gpt-5.4-mini,claude-haiku-4-5");
        var budget = q.Str("budget", "");
        var month = q.Str("month", "");
        var top = q.Str("top", "10");
        var fields = Fields(from, to, alternatives, budget, month, top);
        string body;
        try
        {
            var range = new UsageRange { From = Api.UsageEndpoints.Time(q.Str("from"), "from"), To = Api.UsageEndpoints.Time(q.Str("to"), "to") };
            var n = (int)q.Long("top", 10);
            var daily = service.Daily(new UsageDailyRequest { By = "model", Range = range, Top = 8 });
            var users = service.Report(new UsageReportRequest { By = "user", Range = range, Top = n });
            var features = service.Report(new UsageReportRequest { By = "feature", Range = range, Top = n });
            var reprice = service.Reprice(new UsageRepriceRequest
            {
                To = alternatives.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Range = range,
                Top = 3,
            });
            var forecast = service.Forecast(new UsageForecastRequest { Month = q.Str("month"), Budget = q.Dec("budget") });
            body = Result(daily, users, features, reprice, forecast);
        }
        catch (InferCostException ex)
        {
            body = Error(ex.Message);
        }

        return Page("Usage", "/usage", Form("/usage", fields) + body,
            "Your real traffic from the server's usage store: what it cost by day and model, who and what drives it, what it would cost elsewhere, and where the month is heading.");
    }

    private static string Fields(string from, string to, string alternatives, string budget, string month, string top) =>
        "<fieldset><legend>Traffic</legend>" +
        Text("from", "From (UTC date, included)", from, "blank: the first record, e.g. 2026-11-01") +
        Text("to", "To (UTC date, excluded)", to, "blank: the last record") +
        Number("top", "Top users and features", top, step: "1", min: "1") +
        "</fieldset><fieldset><legend>What-if and budget</legend>" +
        Text("alternatives", "Re-price on (comma-separated models)", alternatives, "e.g. gpt-5.4-mini,claude-haiku-4-5") +
        Text("month", "Forecast month (YYYY-MM)", month, "blank: the month of the latest record") +
        Number("budget", "Monthly budget, USD", budget, "the forecast's budget line", min: "0") +
        "</fieldset>";

    private static string Result(UsageDailyResult daily, UsageReportResult users, UsageReportResult features, UsageRepriceResult reprice, UsageForecastResult forecast)
    {
        var t = users.Totals;
        var cards = "<section class=\"cards\" aria-label=\"Totals\">" +
            Card("Cost in range", Usd(t.Cost), $"{N0((double)t.Requests)} requests, {N0(t.Records)} records", "total-cost") +
            Card("List cost", Usd(t.ListCost), "the same usage at list prices") +
            Card("Cost per request", Usd(t.CostPerRequest)) +
            "</section>";

        var dailyTable = Table("Cost by day and model, USD", ["day", .. daily.Series, "total"],
            daily.Days.Select(d => new[] { d.Day.ToString("yyyy-MM-dd", Inv) }.Concat(d.Costs.Select(c => Usd(c))).Append(Usd(d.Cost)).ToArray()), "daily-table");
        var dailyOption = new
        {
            grid = new { left = 70, right = 20, top = 60, bottom = 50 },
            tooltip = new { trigger = "axis" },
            legend = new { top = 0, type = "scroll" },
            xAxis = new { type = "category", data = daily.Days.Select(d => d.Day.ToString("MM-dd", Inv)).ToArray() },
            yAxis = new { type = "value", name = "USD/day" },
            series = daily.Series.Select((s, i) => (object)new
            {
                type = "bar", name = s, stack = "cost", data = daily.Days.Select(d => (double)d.Costs[i]).ToArray(),
            }).ToArray(),
        };

        string Group(UsageReportResult r, string caption, string id) => Table(caption, [r.By, "requests", "cost", "cost per request"],
            r.Rows.Select(x => new[] { E(x.Key), N0((double)x.Requests), Usd(x.Cost), Usd(x.CostPerRequest) }), id);

        var repriceTable = Table($"The same {N0(reprice.Records)} records priced on each model (now: {Usd(reprice.CurrentCost)})",
            ["model", "cost", "current cost", "savings", "savings share", "top user saving"],
            reprice.Alternatives.Select(a => new[]
            {
                E(a.Model), Usd(a.Cost), Usd(a.CurrentCost), Usd(a.Savings), Pct((double)a.SavingsShare),
                a.TopUsers.Count > 0 ? E($"{a.TopUsers[0].Key}: {Usd(a.TopUsers[0].Savings)}") : "",
            }), "reprice-table");

        var f = forecast.Total;
        var crossing = f.Budget is null ? "no budget given"
            : f.BudgetCrossedOn is { } d ? $"budget {Usd(f.Budget.Value)} crossed on {d:yyyy-MM-dd}{(f.BudgetCrossingProjected ? " (projected)" : "")}"
            : $"budget {Usd(f.Budget.Value)} not crossed this month";
        var forecastCards = "<section class=\"cards\" aria-label=\"Forecast\">" +
            Card($"Projected {forecast.Month} month end", Usd(f.ProjectedMonthEnd),
                $"{(f.IntervalCoverage * 100).ToString("0", Inv)} % interval {Usd(f.ProjectedLow)} – {Usd(f.ProjectedHigh)}", "forecast") +
            Card("Month to date", Usd(f.MonthToDate), $"data through {forecast.DataThrough:yyyy-MM-dd}") +
            Card("Budget", f.Budget is { } b ? Usd(b) : "none", crossing, "budget-status") +
            "</section>";
        var forecastTable = Table($"{forecast.Month}: cumulative cost by day (recorded, then projected)", ["day", "cost", "cumulative", "kind"],
            f.Days.Select(x => new[] { x.Day.ToString("yyyy-MM-dd", Inv), Usd(x.Cost), Usd(x.Cumulative), x.Projected ? "projected" : "recorded" }), "forecast-table");
        var recorded = f.Days.Select(x => x.Projected ? (double?)null : (double)x.Cumulative).ToArray();
        var projected = f.Days.Select((x, i) => x.Projected || (i + 1 < f.Days.Count && f.Days[i + 1].Projected) ? (double?)x.Cumulative : null).ToArray();
        var series = new List<object>
        {
            new { type = "line", name = "recorded", data = recorded },
            new { type = "line", name = "projected", lineStyle = new { type = "dashed" }, data = projected },
        };
        if (f.Budget is { } line)
        {
            series.Add(new { type = "line", name = "budget", symbol = "none", lineStyle = new { color = "#b42318" }, itemStyle = new { color = "#b42318" }, data = f.Days.Select(_ => (double)line).ToArray() });
        }

        var forecastOption = new
        {
            grid = new { left = 80, right = 20, top = 40, bottom = 50 },
            tooltip = new { trigger = "axis" },
            legend = new { top = 0 },
            xAxis = new { type = "category", data = f.Days.Select(x => x.Day.ToString("MM-dd", Inv)).ToArray() },
            yAxis = new { type = "value", name = "USD, cumulative" },
            series = series.ToArray(),
        };

        return cards +
            "<h2>Cost by day</h2>" + Chart("daily-chart", "Cost per day, stacked by model", dailyOption, dailyTable) +
            "<h2>Top users and features</h2><div class=\"split\">" + Group(users, "Top users by cost", "users-table") + Group(features, "Top features by cost", "features-table") + "</div>" +
            "<h2>Re-priced on other models</h2>" + repriceTable +
            "<h2>Forecast</h2>" + forecastCards + Chart("forecast-chart", $"Cumulative cost of {forecast.Month}, recorded and projected, with the budget line", forecastOption, forecastTable);
    }
}
