using System.Globalization;
using InferCost.Application.Serving;
using InferCost.Errors;
using Microsoft.AspNetCore.Http;
using static InferCost.Web.Pages.Html;

namespace InferCost.Web.Pages;

/// <summary>
/// <c>/serving</c>: one self-hosted replica (serve-cost), its decode throughput by batch (perf), the fleet for a
/// number of concurrent users (capacity) and the volume at which it beats an API model (breakeven), with
/// throughput-vs-batch and cost-vs-load charts.
/// </summary>
internal static class ServingPage
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly int[] Batches = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];

    public static IResult Render(PageQuery q, ServingService service)
    {
        var choices = ServingService.Choices();
        var model = q.Str("model", "llama-3.1-8b");
        var gpu = q.Str("gpu", "h100-sxm");
        var precision = q.Str("precision", "bf16");
        var api = q.Str("api", "gpt-5.4-mini");
        string body;
        string fields;
        try
        {
            var gpus = (int?)q.Long("gpus");
            var price = q.Dec("gpu_hour_price");
            var isl = (int)q.Long("isl", 2048);
            var osl = (int)q.Long("osl", 256);
            var tokPerUser = q.Dec("tok_per_user", 20m);
            var users = q.Dec("users", 500m);
            fields = Fields(choices, model, gpu, gpus?.ToString(Inv) ?? "", precision, V(price), isl.ToString(Inv), osl.ToString(Inv), V(tokPerUser), V(users), api);
            var workload = new WorkloadShape { Isl = isl, Osl = osl, TokPerUser = (double)tokPerUser };
            var cost = service.ServeCost(new ServeCostRequest { Model = model, Gpu = gpu, Gpus = gpus, Precision = precision, GpuHourPrice = price, Workload = workload });
            var byBatch = service.ThroughputByBatch(
                new PerfRequest { Model = model, Gpu = gpu, Gpus = cost.Gpus, Precision = precision, Phase = "decode", Batch = 1, Context = isl + osl }, Batches);
            var capacity = service.Capacity(new CapacityRequest
            {
                Model = model, Gpu = gpu, GpusPerReplica = cost.Gpus, Precision = precision, TokPerUser = tokPerUser, Users = users,
                GpuHourPrice = cost.GpuHourPrice, Isl = isl, Osl = osl,
            });
            var breakEven = service.BreakEven(new BreakEvenRequest
            {
                Api = api, Model = model, Gpu = gpu, Gpus = cost.Gpus, Precision = precision, GpuHourPrice = cost.GpuHourPrice, Workload = workload,
            });
            body = Result(cost, byBatch, capacity, breakEven);
        }
        catch (InferCostException ex)
        {
            fields = Fields(choices, model, gpu, q.Str("gpus", ""), precision, q.Str("gpu_hour_price", ""), q.Str("isl", ""), q.Str("osl", ""), q.Str("tok_per_user", ""),
                q.Str("users", ""), api);
            body = Error(ex.Message);
        }

        return Page("Self-hosting", "/serving", Form("/serving", fields) + body,
            "What one replica of an open model on rented GPUs delivers and costs, the fleet a load needs, and the volume at which it beats an API.");
    }

    private static string Fields(ServingChoices c, string model, string gpu, string gpus, string precision, string price, string isl, string osl, string tokPerUser, string users, string api) =>
        "<fieldset><legend>Deployment</legend>" +
        Select("model", "Open model", model, Options(c.Models, model)) +
        Select("gpu", "GPU", gpu, Options(c.Gpus, gpu)) +
        Number("gpus", "GPUs per replica", gpus, "blank: the fewest of 1, 2, 4, 8 that fit", "1", "1") +
        Select("precision", "Weight precision", precision, Options(c.Precisions, precision)) +
        Number("gpu_hour_price", "USD per GPU-hour", price, "blank: the catalog's low on-demand price", min: "0") +
        "</fieldset><fieldset><legend>Workload</legend>" +
        Number("isl", "Prompt tokens per request", isl, step: "1", min: "1") +
        Number("osl", "Output tokens per request", osl, step: "1", min: "1") +
        Number("tok_per_user", "Output tokens per second per user", tokPerUser, "the speed each user must see", min: "0") +
        Number("users", "Concurrent users", users, "streams generating at once (capacity)", min: "0") +
        Text("api", "API model to compare with", api, "a catalog model, e.g. gpt-5.4-mini") +
        "</fieldset>";

    private static IEnumerable<(string, string)> Options(IReadOnlyList<string> ids, string current) =>
        (ids.Contains(current, StringComparer.OrdinalIgnoreCase) ? ids : [current, .. ids]).Select(id => (id, id));

    private static string F(double value, string format = "N1") => value.ToString(format, Inv);

    private static string Result(ServeCostResult cost, IReadOnlyList<PerfResult> byBatch, CapacityResult capacity, BreakEvenResult be)
    {
        var cards = "<section class=\"cards\" aria-label=\"One replica\">" +
            Card("Cost per 1M output tokens", Usd(cost.CostPerMillionOutputTokens), $"{cost.Deployment}, {Usd(cost.CostPerHour)} an hour", "cost-per-million") +
            Card("Concurrent users per replica", N0(cost.ConcurrentUsers), $"at {cost.TokensPerUserPerSecond.ToString("0.#", Inv)} tok/s each, TTFT {F(cost.TtftMs)} ms", "replica-users") +
            Card("Output tokens per second", N0(cost.OutputTokensPerSecond), $"batch {cost.Batch}; input {N0(cost.InputTokensPerSecond)} tok/s") +
            Card("GPU-hour price", Usd(cost.GpuHourPrice), cost.PriceSource) +
            "</section>";

        var perfTable = Table("Decode throughput by batch size", ["batch", "output tok/s", "tok/s per sequence", "step ms", "bound"],
            byBatch.Select(p => new[] { p.Batch.ToString(Inv), F(p.TokensPerSecond), F(p.TokensPerSecondPerSequence ?? 0, "N2"), F(p.StepMs ?? 0, "N2"), E(p.Bound) }), "batch-table");
        var batchOption = new
        {
            grid = new { left = 70, right = 70, top = 40, bottom = 50 },
            tooltip = new { trigger = "axis" },
            legend = new { top = 0 },
            xAxis = new { type = "category", name = "batch", nameLocation = "middle", nameGap = 30, data = byBatch.Select(p => p.Batch.ToString(Inv)).ToArray() },
            yAxis = new object[] { new { type = "value", name = "tok/s" }, new { type = "value", name = "tok/s per seq" } },
            series = new object[]
            {
                new { type = "line", name = "output tok/s", data = byBatch.Select(p => p.TokensPerSecond).ToArray() },
                new { type = "line", name = "tok/s per sequence", yAxisIndex = 1, data = byBatch.Select(p => p.TokensPerSecondPerSequence ?? 0).ToArray() },
            },
        };

        var capacityCards = "<section class=\"cards\" aria-label=\"Capacity\">" +
            Card("Replicas", N0(capacity.Replicas), $"{N0(capacity.UsersPerReplica)} users each", "replicas") +
            Card("GPUs", N0(capacity.Gpus), $"for {N0((double)capacity.PeakConcurrentUsers)} concurrent users") +
            Card("Fleet cost per month", Usd0(capacity.CostPerMonth), $"{Usd(capacity.CostPerHour)} an hour, {capacity.DaysPerMonth} days", "fleet-month") +
            "</section>";

        var points = ServingService.CostByLoad(be);
        var loadTable = Table($"Monthly cost by volume: {be.Api} vs self-hosted", ["requests per month", "API", "self-hosted", "replicas"],
            points.Select(p => new[] { N0((double)p.RequestsPerMonth), Usd0(p.ApiCostPerMonth), Usd0(p.SelfHostedCostPerMonth), p.Replicas.ToString(Inv) }), "load-table");
        var loadOption = new
        {
            grid = new { left = 90, right = 20, top = 40, bottom = 50 },
            tooltip = new { trigger = "axis" },
            legend = new { top = 0 },
            xAxis = new { type = "category", name = "requests per month", nameLocation = "middle", nameGap = 30, data = points.Select(p => N0((double)p.RequestsPerMonth)).ToArray() },
            yAxis = new { type = "value", name = "USD/month" },
            series = new object[]
            {
                new { type = "line", name = be.Api, data = points.Select(p => (double)p.ApiCostPerMonth).ToArray() },
                new { type = "line", name = "self-hosted", step = "end", data = points.Select(p => (double)p.SelfHostedCostPerMonth).ToArray() },
            },
        };
        var breakEvenCards = "<section class=\"cards\" aria-label=\"Break-even\">" +
            Card("Break-even volume", be.SelfHostingCanPay ? N0((double)be.BreakEvenRequestsPerMonth) + " req/month" : "never",
                be.SelfHostingCanPay ? $"{Pct((double)be.UtilizationAtBreakEven)} of one replica's capacity" : "the API is cheaper even at full load", "breakeven") +
            Card("Self-hosted per month", Usd0(be.SelfHostedCostPerMonth), $"one replica, capacity {N0((double)be.CapacityRequestsPerMonth)} req/month") +
            Card("API cost per request", Usd(be.ApiCostPerRequest), $"{be.Api}: {Usd(be.ApiInputPrice)} in, {Usd(be.ApiOutputPrice)} out per 1M") +
            "</section>";

        return cards +
            "<h2>Throughput vs batch</h2>" + Chart("batch-chart", "Decode output tokens per second and per sequence by batch size", batchOption, perfTable) +
            "<h2>Capacity</h2>" + capacityCards +
            "<h2>Break-even against an API</h2>" + breakEvenCards +
            Chart("load-chart", $"Monthly cost on {be.Api} and on self-hosted replicas by monthly requests", loadOption, loadTable);
    }
}
