using InferCost.Data.Scenarios;
using InferCost.Data.Serving;
using InferCost.Errors;
using InferCost.Optimization;
using InferCost.Pricing;
using InferCost.Serving;
using InferCost.Simulation;
using InferCost.Workloads;

namespace InferCost.Application.Optimization;

/// <summary>A request to price cost levers on a scenario (<c>infercost optimize</c>).</summary>
/// <param name="ScenarioPath">The scenario file.</param>
/// <param name="Levers">Lever ids to price; empty for all.</param>
/// <param name="Users">Simulated users.</param>
/// <param name="Seed">Seed shared by every run.</param>
/// <param name="Overrides">Scenario <c>--set</c> overrides.</param>
public sealed record OptimizeRequest(string ScenarioPath, IReadOnlyList<string> Levers, int Users = 20_000, ulong Seed = 42, IReadOnlyList<string>? Overrides = null)
{
    /// <summary>Checks the request.</summary>
    /// <exception cref="InferCostException">Users below 1 or an unknown lever.</exception>
    public void Validate()
    {
        if (Users < 1)
        {
            throw new InferCostException("--users must be at least 1");
        }

        foreach (var lever in Levers.Where(l => !Optimizer.AllLevers.Contains(l.Trim().ToLowerInvariant())))
        {
            throw new InferCostException($"--levers: unknown lever '{lever}'; levers: {string.Join(", ", Optimizer.AllLevers)}");
        }
    }
}

/// <summary>Prices cost levers: loads the scenario, asks the serving planner for a self-hosting quote, runs the optimizer.</summary>
public static class OptimizeService
{
    /// <summary>Runs <paramref name="request"/> on <paramref name="catalog"/>.</summary>
    public static OptimizationResult Run(OptimizeRequest request, PriceCatalog catalog, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var scenario = ScenarioLoader.Load(request.ScenarioPath, catalog, (request.Overrides ?? []).Select(ScenarioOverride.Parse));
        var (quote, reason) = SelfHostQuoteFor(scenario);
        var options = new SimulationOptions { Users = request.Users, Seed = request.Seed, Today = today };
        return Optimizer.Run(scenario, catalog, options, request.Levers, quote, reason);
    }

    /// <summary>The serving planner's cheapest deployment of the scenario's <c>levers.self_host.model</c> for its typical request.</summary>
    public static (SelfHostQuote? Quote, string? Reason) SelfHostQuoteFor(Scenario scenario)
    {
        var l = scenario.Levers;
        if (l.SelfHostModel is not { } modelId)
        {
            return (null, "no levers.self_host.model: name an open model from the serving catalog (e.g. llama-3.1-70b)");
        }

        var gpus = GpuCatalogLoader.LoadBuiltIn();
        var architecture = OpenModelCatalogLoader.LoadBuiltIn().Find(modelId);
        var candidates = l.SelfHostGpu is { } g ? [gpus.Find(g)] : gpus.Gpus.Where(x => x.Pricing is not null).ToList();
        var prices = candidates
            .Where(x => l.SelfHostGpuHourPrice is not null || x.Pricing is not null)
            .ToDictionary(x => x.Id, x => l.SelfHostGpuHourPrice is { } p ? (decimal)p : x.Pricing!.OnDemand.Low, StringComparer.OrdinalIgnoreCase);
        if (prices.Count == 0)
        {
            return (null, "no GPU price: set levers.self_host.gpu_hour_price");
        }

        // The typical request: the first segment's mean prompt (prefix + new input) and output.
        var seg = scenario.Segments[0];
        var agent = seg.Agent ?? scenario.Agent;
        var isl = (int)Math.Clamp(agent.PrefixTokens + Mean(seg.InputTokens), 1, 1_000_000);
        var osl = (int)Math.Clamp(Mean(seg.OutputTokens), 1, 100_000);
        var workload = new ServingWorkload(isl, osl, 10);
        var planner = new ServingPlanner(PerformanceModel.Calibrated);
        try
        {
            var bf16 = planner.Cheapest(architecture, candidates, prices, workload, precisions: [Precision.Bf16]);
            var quantPrecision = l.QuantizationPrecision == "int4" ? Precision.Int4 : Precision.Fp8;
            ServingCostEstimate? quant = null;
            try
            {
                quant = planner.Cheapest(architecture, candidates, prices, workload, precisions: [quantPrecision]);
            }
            catch (InferCostException)
            {
                // No quantized deployment meets the targets: the quantization lever is skipped.
            }

            const double HoursPerMonth = 730;
            return (new SelfHostQuote(
                bf16.Deployment.ToString(),
                (double)bf16.CostPerMillionInputTokens,
                (double)bf16.CostPerMillionOutputTokens,
                (double)bf16.CostPerHour * HoursPerMonth,
                quant is null ? null : (double)quant.CostPerMillionInputTokens,
                quant is null ? null : (double)quant.CostPerMillionOutputTokens,
                quant?.Deployment.ToString()), null);
        }
        catch (InferCostException ex)
        {
            return (null, "the serving planner found no deployment: " + ex.Message);
        }
    }

    private static double Mean(Distribution d) => double.IsFinite(d.Mean) ? d.Mean : d.Quantile(0.5);
}
