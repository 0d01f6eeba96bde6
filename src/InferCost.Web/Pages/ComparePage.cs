using System.Globalization;
using InferCost.Errors;
using InferCost.Pricing;
using InferCost.Web.Adapters;
using Microsoft.AspNetCore.Http;
using static InferCost.Web.Pages.Html;

namespace InferCost.Web.Pages;

/// <summary><c>/compare</c>: a request shape (tokens per request × requests) or a monthly volume over chosen models, ranked, × cheapest.</summary>
internal static class ComparePage
{
    public static IResult Render(PageQuery q, PricingOperations ops)
    {
        var models = q.Str("models", "gpt-5.4,claude-opus-4-7,gemini-3.1-pro-preview,gpt-5.4-mini");
        var shape = q.Str("shape", "volume");
        string body;
        string fields;
        try
        {
            var input = q.Long("input", 2_000_000);
            var output = q.Long("output", 400_000);
            var cached = q.Long("cached", 0);
            var requests = q.Long("requests");
            var batch = q.Bool("batch");
            fields = Fields(models, shape, input.ToString(CultureInfo.InvariantCulture), output.ToString(CultureInfo.InvariantCulture), cached.ToString(CultureInfo.InvariantCulture), requests?.ToString(CultureInfo.InvariantCulture) ?? "", batch);
            // "per request": the inputs are one request's tokens, times the requests; "volume": the totals, spread over the requests.
            var n = requests ?? 1;
            var request = shape == "request"
                ? new QuoteRequest { InputTokens = input * n, OutputTokens = output * n, CachedTokens = cached * n, Requests = n, Batch = batch }
                : new QuoteRequest { InputTokens = input, OutputTokens = output, CachedTokens = cached, Requests = requests, Batch = batch };
            var result = ops.Compare(models.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), null, null, 25, request);
            body = Result(result);
        }
        catch (InferCostException ex)
        {
            fields = Fields(models, shape, q.Str("input", ""), q.Str("output", ""), q.Str("cached", ""), q.Str("requests", ""), q.Bool("batch"));
            body = Error(ex.Message);
        }

        return Page("Quote & compare", "/compare", Form("/compare", fields) + body,
            "The same traffic priced on each model, cheapest first, with how many times the cheapest each costs.");
    }

    private static string Fields(string models, string shape, string input, string output, string cached, string requests, bool batch) =>
        Text("models", "Models (comma-separated ids)", models, "e.g. gpt-5.4,claude-opus-4-7; one model gives a quote") +
        Select("shape", "The token numbers are", shape, [("volume", "a total volume (e.g. a month)"), ("request", "one request's shape")]) +
        Number("input", "Input tokens (cached included)", input, step: "1", min: "0") +
        Number("output", "Output tokens", output, step: "1", min: "0") +
        Number("cached", "Cached input tokens", cached, step: "1", min: "0") +
        Number("requests", "Requests", requests, "blank: the fewest each model's limits allow", "1", "1") +
        Check("batch", "Batch API discount where offered", batch);

    private static string Result(CompareResult r)
    {
        var cheapest = r.Quotes.Count > 0 ? r.Quotes[0].TotalCost : 0m;
        string Times(QuoteJson x) => cheapest == 0 ? "" : (x.TotalCost / cheapest).ToString("0.0", CultureInfo.InvariantCulture) + "×";
        var table = Table("Ranked, cheapest first", ["#", "model", "requests", "input", "output", "other", "total", "× cheapest"],
            r.Quotes.Select(x => new[]
            {
                x.Rank?.ToString(CultureInfo.InvariantCulture) ?? "", E($"{x.Provider}/{x.Model}"), x.Requests.ToString("N0", CultureInfo.InvariantCulture),
                Usd(x.InputCost), Usd(x.OutputCost), Usd(x.OtherCost), $"<strong>{Usd(x.TotalCost)}</strong>", Times(x),
            }), "compare-table");
        var option = new
        {
            grid = new { left = 170, right = 30, top = 10, bottom = 30 },
            tooltip = new { trigger = "axis", axisPointer = new { type = "shadow" } },
            legend = new { bottom = 0 },
            xAxis = new { type = "value", name = "USD" },
            yAxis = new { type = "category", inverse = true, data = r.Quotes.Select(x => x.Model).ToArray() },
            series = new object[]
            {
                new { type = "bar", stack = "cost", name = "input", data = r.Quotes.Select(x => x.InputCost).ToArray() },
                new { type = "bar", stack = "cost", name = "output", data = r.Quotes.Select(x => x.OutputCost).ToArray() },
                new { type = "bar", stack = "cost", name = "other", data = r.Quotes.Select(x => x.OtherCost).ToArray() },
            },
        };
        var skipped = r.Skipped.Count == 0 ? "" : $"<p class=\"note\">Skipped (no input/output token price): {E(string.Join(", ", r.Skipped))}</p>";
        var lines = r.Quotes.Count == 1 ? Table("Dimension by dimension", ["dimension", "quantity", "price", "cost"],
            r.Quotes[0].Lines.Where(l => l.Quantity != 0 || l.Cost != 0).Select(l => new[]
            {
                E(l.Unit), l.Quantity.ToString("#,0.##", CultureInfo.InvariantCulture), E($"${l.UnitPrice}/{l.Per}{(l.LongContextTier ? " (long-context tier)" : "")}"), Usd(l.Cost),
            })) : "";
        var top = r.Quotes.Count > 0 ? r.Quotes[0] : null;
        var cards = top is null ? "" : "<section class=\"cards\" aria-label=\"Cheapest\">" + Card("Cheapest", $"{top.Model}", Usd(top.TotalCost), "cheapest") +
            (r.Quotes.Count > 1 ? Card("Dearest", r.Quotes[^1].Model, $"{Usd(r.Quotes[^1].TotalCost)} = {Times(r.Quotes[^1])} the cheapest") : "") + "</section>";
        return cards + Chart("compare-chart", "Cost by model, stacked by input, output and other", option, table) + lines + skipped;
    }
}
