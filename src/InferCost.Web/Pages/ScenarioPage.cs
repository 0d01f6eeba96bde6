using System.Globalization;
using System.Text;
using InferCost.Application.Simulation;
using InferCost.Errors;
using InferCost.Simulation;
using InferCost.Web.Adapters;
using Microsoft.AspNetCore.Http;
using static InferCost.Web.Pages.Html;

namespace InferCost.Web.Pages;

/// <summary>
/// <c>/scenario</c>: a built-in scenario with overrides (all in the address), run by Monte Carlo: per-plan percentile
/// cards with CIs, cost by percentile, by model and dimension, the months; sensitivity, price-plan and the diff
/// against the unmodified scenario; and a YAML editor validated as you type.
/// </summary>
internal static class ScenarioPage
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static IResult Render(PageQuery q, SimulationOperations ops)
    {
        var example = q.Str("example", "chat-assistant");
        var set = q.All("set").SelectMany(s => s.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        var usersText = q.Str("users", "10000");
        var seedText = q.Str("seed", "42");
        var plan = q.Str("plan", "");
        var sensitivity = q.Bool("sensitivity");
        var fields = new StringBuilder()
            .Append(Select("example", "Scenario", example, SimulationOperations.Examples.Keys.Select(k => (k, k))))
            .Append(Number("users", "Simulated users", usersText, "10,000 answers in well under a second", "1", "1"))
            .Append(Number("seed", "Random seed", seedText, step: "1", min: "0"))
            .Append($"<div class=\"field wide\"><label for=\"f-set\">Overrides, one per line</label><textarea id=\"f-set\" name=\"set\" rows=\"3\" aria-describedby=\"h-set\">{E(string.Join('\n', set))}</textarea>" +
                    "<small id=\"h-set\">e.g. plans.pro.price=25 or segments.pro.sessions.median=40; with overrides the page also shows the diff against the scenario as written</small></div>")
            .Append(Text("plan", "Price-plan: the plan to design", plan, "a plan id, e.g. pro"))
            .Append(Check("sensitivity", "Sensitivity tornado (slower)", sensitivity))
            .ToString();
        string body;
        try
        {
            if (!SimulationOperations.Examples.TryGetValue(example, out var yaml))
            {
                throw new InferCostException($"example: unknown scenario '{example}'");
            }

            var users = int.TryParse(usersText, NumberStyles.Integer, Inv, out var u) ? u : throw new InferCostException($"users: expected a whole number (got '{usersText}')");
            var seed = ulong.TryParse(seedText, NumberStyles.Integer, Inv, out var s) ? s : throw new InferCostException($"seed: expected a whole number (got '{seedText}')");
            var result = ops.Simulate(yaml, users, seed, set);
            body = Results(result);
            if (set.Length > 0)
            {
                body += Diff(ops.Diff(yaml, null, users, seed, set));
            }

            if (plan.Length > 0)
            {
                body += PricePlan(ops.PricePlan(yaml, plan, 95, 0.6, users, seed, set));
            }

            if (sensitivity)
            {
                body += Tornado(ops.Sensitivity(yaml, Math.Min(users, 20_000), seed, 0.2, set));
            }

            body += Editor(yaml) + ScenarioStorePanel.Html;
        }
        catch (InferCostException ex)
        {
            body = Error(ex.Message);
        }

        return Page("Scenario", "/scenario", Form("/scenario", fields, "Run") + body,
            "Users, plans and models simulated month by month: what each plan's typical and heavy users cost, and whether the price holds.");
    }

    private static string Results(SimulationResult r)
    {
        var sb = new StringBuilder();
        sb.Append($"<p id=\"run-summary\">{E(r.Scenario)}: {r.Users:N0} simulated users × {r.Months.Length} months from {E(r.StartMonth)}, seed {r.Seed}. " +
                  $"Cost per user-month {Usd(r.CostPerUser.Mean)} on average; gross margin {Pct(r.GrossMargin)}; unprofitable users {Pct(r.UnprofitableShare)}.</p>");
        sb.Append("<section class=\"cards\" aria-label=\"Cost per user-month by plan\">");
        foreach (var p in r.Plans.Where(p => p.Users > 0))
        {
            var c = p.CostPerUser;
            sb.Append($"<div class=\"card plan\"><div class=\"card-label\">{E(p.Plan)} · {Usd(p.MonthlyPrice)}/month · {Pct(p.UserShare)} of users</div><dl>")
              .Append($"<dt>p50</dt><dd data-plan=\"{E(p.Plan)}\" data-p=\"50\">{Usd(c.P50)}</dd><dd class=\"ci\">CI {Usd(c.Ci95.P50.Low)}–{Usd(c.Ci95.P50.High)}</dd>")
              .Append($"<dt>p90</dt><dd>{Usd(c.P90)}</dd><dd class=\"ci\">CI {Usd(c.Ci95.P90.Low)}–{Usd(c.Ci95.P90.High)}</dd>")
              .Append($"<dt>p95</dt><dd>{Usd(c.P95)}</dd><dd class=\"ci\">CI {Usd(c.Ci95.P95.Low)}–{Usd(c.Ci95.P95.High)}</dd>")
              .Append($"<dt>p99</dt><dd>{Usd(c.P99)}</dd><dd class=\"ci\">CI {Usd(c.Ci95.P99.Low)}–{Usd(c.Ci95.P99.High)}</dd>")
              .Append($"</dl><div class=\"card-note\">unprofitable {Pct(p.UnprofitableShare)} · gross margin {Pct(p.GrossMargin)}</div></div>");
        }

        sb.Append("</section>");
        var plans = r.Plans.Where(p => p.Users > 0).ToList();
        var percentiles = new (string Name, Func<PercentileSummary, double> Of)[] { ("p50", x => x.P50), ("p90", x => x.P90), ("p95", x => x.P95), ("p99", x => x.P99), ("max", x => x.Max) };
        sb.Append("<h2>Cost per user-month, by plan</h2>").Append(Chart("percentile-chart", "Cost per user-month at p50, p90, p95, p99 and max, by plan", new
        {
            grid = new { left = 60, right = 20, top = 40, bottom = 30 },
            tooltip = new { trigger = "axis" },
            legend = new { top = 0 },
            xAxis = new { type = "category", data = plans.Select(p => p.Plan).ToArray() },
            yAxis = new { type = "log", name = "USD", logBase = 10 },
            series = percentiles.Select(pc => (object)new { type = "bar", name = pc.Name, data = plans.Select(p => Math.Max(Math.Round(pc.Of(p.CostPerUser), 4), 0.0001)).ToArray() }).ToArray(),
        }, Table("Cost and margin per user-month by plan", ["plan", "users", "price", "p50", "p90", "p95", "p99", "max", "mean", "unprofitable", "gross margin"],
            r.Plans.Select(p => new[]
            {
                E(p.Plan), Pct(p.UserShare), Usd(p.MonthlyPrice), Usd(p.CostPerUser.P50), Usd(p.CostPerUser.P90), Usd(p.CostPerUser.P95), Usd(p.CostPerUser.P99),
                Usd(p.CostPerUser.Max), Usd(p.CostPerUser.Mean), Pct(p.UnprofitableShare), Pct(p.GrossMargin),
            }), "plans-table")));
        var dims = new (string Name, Func<DimensionCosts, double> Of)[]
        {
            ("input", d => d.Input), ("cached", d => d.Cached), ("cache write", d => d.CacheWrite), ("output", d => d.Output),
            ("reasoning", d => d.Reasoning), ("tools", d => d.Tools), ("storage", d => d.Storage),
        };
        sb.Append("<h2>Cost by model and dimension</h2>").Append(Chart("model-chart", "Mean cost per user-month by model, stacked by dimension", new
        {
            grid = new { left = 140, right = 20, top = 40, bottom = 30 },
            tooltip = new { trigger = "axis", axisPointer = new { type = "shadow" } },
            legend = new { top = 0 },
            xAxis = new { type = "value", name = "USD" },
            yAxis = new { type = "category", data = r.CostByModel.Select(m => m.Alias).ToArray() },
            series = dims.Select(d => (object)new { type = "bar", stack = "cost", name = d.Name, data = r.CostByModel.Select(m => Math.Round(d.Of(m.Dimensions), 5)).ToArray() }).ToArray(),
        }, Table("Mean cost per user-month by model", ["model", "catalog model", "cost/user", "share", "input", "cached", "output", "reasoning", "tools"],
            r.CostByModel.Select(m => new[]
            {
                E(m.Alias), E(m.Model), Usd(m.CostPerUser), Pct(m.Share), Usd(m.Dimensions.Input), Usd(m.Dimensions.Cached), Usd(m.Dimensions.Output), Usd(m.Dimensions.Reasoning), Usd(m.Dimensions.Tools),
            }))));
        sb.Append("<h2>Month by month</h2>").Append(Chart("months-chart", "Revenue and cost per month", new
        {
            grid = new { left = 80, right = 20, top = 40, bottom = 30 },
            tooltip = new { trigger = "axis" },
            legend = new { top = 0 },
            xAxis = new { type = "category", data = r.Months.Select(m => m.Date).ToArray() },
            yAxis = new { type = "value", name = "USD" },
            series = new object[]
            {
                new { type = "line", name = "revenue", data = r.Months.Select(m => Math.Round(m.Revenue, 2)).ToArray() },
                new { type = "line", name = "cost", data = r.Months.Select(m => Math.Round(m.Cost, 2)).ToArray() },
            },
        }, Table("Months", ["month", "active users", "revenue", "cost", "gross margin"],
            r.Months.Select(m => new[] { E(m.Date), N0(m.ActiveUsers), Usd(m.Revenue), Usd(m.Cost), Pct(m.GrossMargin) }))));
        foreach (var w in r.Warnings)
        {
            sb.Append($"<p class=\"note\">warning: {E(w)}</p>");
        }

        return sb.ToString();
    }

    private static string Diff(DiffResult d)
    {
        var x = d.Diff;
        return $"<h2>Diff: as written (A) vs with the overrides (B)</h2><p>B = A with {E(string.Join(", ", d.Overrides))}. Cost/user {Usd(x.CostPerUserA)} → {Usd(x.CostPerUserB)}; gross margin {Pct(x.GrossMarginA)} → {Pct(x.GrossMarginB)}.</p>" +
               Table("A and B side by side", ["plan", "p50 A", "p50 B", "p95 A", "p95 B", "Δ mean cost/user", "margin/user A", "margin/user B"],
                   x.Plans.Select(p => new[] { E(p.Plan), Usd(p.CostP50A), Usd(p.CostP50B), Usd(p.CostP95A), Usd(p.CostP95B), (p.CostMeanChange >= 0 ? "+" : "") + Usd(p.CostMeanChange), Usd(p.MarginPerUserA), Usd(p.MarginPerUserB) }), "diff-table");
    }

    private static string PricePlan(PlanDesign d) =>
        $"<h2>Price-plan: {E(d.Plan)}</h2>" + "<section class=\"cards\" aria-label=\"Price-plan\">" +
        Card($"Price for the p{d.Percentile:0} user to keep {d.TargetMargin:P0}", Usd(d.RequiredPrice), $"today {Usd(d.CurrentPrice)}; p{d.Percentile:0} cost {Usd(d.CostAtPercentile)}") +
        Card("Usage cap at today's price", d.UsageCap is { } c ? c.ToString("N0", Inv) : "none needed", d.UsageCapNote) + "</section>" +
        Table("Pricing models", ["model", "description", "revenue/user", "gross margin", "unprofitable", "margin at percentile"],
            d.PricingModels.Select(m => new[] { E(m.Model), E(m.Description), Usd(m.RevenuePerUser), Pct(m.GrossMargin), Pct(m.UnprofitableShare), Pct(m.MarginAtPercentile) }), numericFromSecond: false);

    private static string Tornado(ScenarioSensitivityResult s)
    {
        var bars = s.Bars.Take(12).Reverse().ToList();
        return "<h2>Sensitivity</h2>" + Chart("tornado-chart", $"Gross margin when each input moves ±{s.Change:P0} (baseline {Pct(s.BaselineGrossMargin)})", new
        {
            grid = new { left = 220, right = 30, top = 30, bottom = 30 },
            tooltip = new { trigger = "axis", axisPointer = new { type = "shadow" } },
            legend = new { top = 0 },
            xAxis = new { type = "value", name = "Δ points" },
            yAxis = new { type = "category", data = bars.Select(b => b.Input).ToArray() },
            series = new object[]
            {
                new { type = "bar", stack = "t", name = $"−{s.Change:P0}", data = bars.Select(b => Math.Round(((b.Low ?? 0) - (s.BaselineGrossMargin ?? 0)) * 100, 2)).ToArray() },
                new { type = "bar", stack = "t", name = $"+{s.Change:P0}", data = bars.Select(b => Math.Round(((b.High ?? 0) - (s.BaselineGrossMargin ?? 0)) * 100, 2)).ToArray() },
            },
        }, Table("Gross margin by input moved", ["input", $"−{s.Change:P0}", $"+{s.Change:P0}", "swing (points)"],
            s.Bars.Select(b => new[] { E(b.Input), Pct(b.Low), Pct(b.High), (b.Swing * 100).ToString("0.0", Inv) }), "tornado-table"));
    }

    private static string Editor(string yaml) =>
        "<h2>Edit the scenario</h2><p>The editor checks the YAML against the scenario schema as you type; “Simulate” runs it with 10,000 users.</p>" +
        "<div class=\"editor\"><label for=\"yaml-editor\">Scenario YAML</label>" +
        $"<textarea id=\"yaml-editor\" rows=\"18\" spellcheck=\"false\" aria-describedby=\"yaml-status\">{E(yaml)}</textarea>" +
        "<p id=\"yaml-status\" role=\"status\" aria-live=\"polite\">Valid.</p><button type=\"button\" id=\"yaml-run\">Simulate</button>" +
        "<div id=\"yaml-result\" aria-live=\"polite\"></div></div>";
}
