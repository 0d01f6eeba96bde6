using InferCost.Errors;
using InferCost.Web.Adapters;
using Microsoft.AspNetCore.Http;
using static InferCost.Web.Pages.Html;

namespace InferCost.Web.Pages;

/// <summary><c>/pnl</c>: a model's monthly P&amp;L (seed 002's inputs by default) and the useful-life sweep 6–48 months.</summary>
internal static class PnlPage
{
    public static IResult Render(PageQuery q)
    {
        string body;
        string fields;
        try
        {
            var users = q.Long("users", 10_000_000);
            var paidShare = q.Dec("paid_share", 0.8m);
            var arpu = q.Dec("arpu", 25m);
            var gpus = q.Long("gpus", 16_000);
            var gpuHourPrice = q.Dec("gpu_hour_price", 10.6m);
            var trainingCost = q.Dec("training_cost", 2_000_000_000m);
            var life = q.Dec("useful_life_months", 12m);
            var other = q.Dec("other_costs", 0m);
            fields = Fields(users.ToString(System.Globalization.CultureInfo.InvariantCulture), V(paidShare), V(arpu), gpus.ToString(System.Globalization.CultureInfo.InvariantCulture), V(gpuHourPrice), V(trainingCost), V(life), V(other));
            body = Result(BusinessOperations.Pnl(users, paidShare, arpu, gpus, gpuHourPrice, trainingCost, life, other));
        }
        catch (InferCostException ex)
        {
            fields = Fields(q.Str("users", ""), q.Str("paid_share", ""), q.Str("arpu", ""), q.Str("gpus", ""), q.Str("gpu_hour_price", ""), q.Str("training_cost", ""), q.Str("useful_life_months", ""), q.Str("other_costs", ""));
            body = Error(ex.Message);
        }

        return Page("P&L", "/pnl", Form("/pnl", fields) + body,
            "Revenue − serving − amortized training − other costs, per month; and how the net moves with the model's useful life.");
    }

    private static string Fields(string users, string paidShare, string arpu, string gpus, string gpuHourPrice, string training, string life, string other) =>
        "<fieldset><legend>Business</legend>" +
        Number("users", "Monthly users", users, step: "1", min: "0") +
        Number("paid_share", "Paid share (0 to 1)", paidShare, "0.8 = 80 % of users pay", min: "0") +
        Number("arpu", "ARPU, USD a paying user pays a month", arpu, min: "0") +
        Number("other_costs", "Other costs, USD a month", other, min: "0") +
        "</fieldset><fieldset><legend>Serving and training</legend>" +
        Number("gpus", "GPUs in the fleet", gpus, step: "1", min: "0") +
        Number("gpu_hour_price", "USD per GPU-hour", gpuHourPrice, min: "0") +
        Number("training_cost", "Training cost, USD", training, min: "0") +
        Number("useful_life_months", "Useful life, months", life, "months the model earns before it is replaced", min: "0") +
        "</fieldset>";

    private static string Result(PnlResult p)
    {
        var cards = "<section class=\"cards\" aria-label=\"Net per month\">" +
            Card("Net per month", Usd0(p.NetPerMonth), p.NetPerMonth < 0 ? "a loss" : "a profit", "net") +
            Card("Break-even useful life", p.BreakEvenUsefulLifeMonths is { } m ? $"{m:0.0} months" : "none", "the life at which net is 0") +
            Card("Break-even ARPU", p.BreakEvenArpu is { } a ? Usd(a) : "n/a", $"at {p.UsefulLifeMonths:0.##} months") +
            "</section>";
        var lines = Table("P&L per month", ["line", "USD per month", "basis"],
        [
            ["revenue", Usd0(p.RevenuePerMonth), E($"{p.PayingUsers:N0} paying users")],
            ["serving", Usd0(-p.ServingCostPerMonth), E(p.ServingCostBasis)],
            ["training amortized", Usd0(-p.TrainingAmortizationPerMonth), E($"over {p.UsefulLifeMonths:0.##} months")],
            ["other", Usd0(-p.OtherCostsPerMonth), ""],
            ["<strong>net</strong>", $"<strong>{Usd0(p.NetPerMonth)}</strong>", ""],
        ], "pnl-table");
        var months = p.UsefulLifeSweep.Select(r => $"{r.UsefulLifeMonths} mo").ToArray();
        var option = new
        {
            grid = new { left = 90, right = 20, top = 30, bottom = 40 },
            tooltip = new { trigger = "axis" },
            xAxis = new { type = "category", name = "useful life", nameLocation = "middle", nameGap = 28, data = months },
            yAxis = new { type = "value", name = "net USD/month" },
            series = new object[]
            {
                new
                {
                    type = "bar", name = "net per month",
                    data = p.UsefulLifeSweep.Select(r => new { value = (double)Math.Round(r.NetPerMonth), itemStyle = new { color = r.NetPerMonth >= 0 ? "#1a7f37" : "#b42318" } }).ToArray(),
                },
            },
        };
        var sweepTable = Table("Net per month by useful life", ["useful life", "training amortized", "net per month"],
            p.UsefulLifeSweep.Select(r => new[] { $"{r.UsefulLifeMonths} months", Usd0(-r.TrainingAmortizationPerMonth), Usd0(r.NetPerMonth) }), "sweep-table");
        return cards + lines + "<h2>Useful-life sweep</h2>" + Chart("sweep-chart", "Net per month for a useful life of 6 to 48 months", option, sweepTable);
    }
}
