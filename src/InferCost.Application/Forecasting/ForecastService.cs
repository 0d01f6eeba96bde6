using InferCost.Data.Scenarios;
using InferCost.Errors;
using InferCost.Forecasting;
using InferCost.Pricing;
using InferCost.Simulation;

namespace InferCost.Application.Forecasting;

/// <summary>A request to run a scenario along a price path (<c>infercost forecast</c>).</summary>
/// <param name="ScenarioPath">The scenario file.</param>
/// <param name="PricePath">A path (<c>decline:0.4/yr</c>, <c>rise:0.3</c>, <c>epoch</c>, <c>end-of-subsidies</c>, per tier) or a CSV file.</param>
/// <param name="Months">Months to forecast.</param>
/// <param name="Users">Simulated users.</param>
/// <param name="Seed">Seed.</param>
/// <param name="Overrides">Scenario <c>--set</c> overrides.</param>
public sealed record ForecastRequest(string ScenarioPath, string PricePath, int Months = 24, int Users = 20_000, ulong Seed = 42, IReadOnlyList<string>? Overrides = null);

/// <summary>Runs a forecast: loads the scenario and the path (a file when the path names one), then the forecaster.</summary>
public static class ForecastService
{
    /// <summary>Runs <paramref name="request"/> on <paramref name="catalog"/>.</summary>
    public static ForecastResult Run(ForecastRequest request, PriceCatalog catalog, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Users < 1)
        {
            throw new InferCostException("--users must be at least 1");
        }

        var scenario = ScenarioLoader.Load(request.ScenarioPath, catalog, (request.Overrides ?? []).Select(ScenarioOverride.Parse));
        var path = File.Exists(request.PricePath)
            ? PricePath.FromCsv(File.ReadAllText(request.PricePath), request.PricePath, request.Months)
            : PricePath.Parse(request.PricePath, request.Months);
        return Forecaster.Run(scenario, catalog, new SimulationOptions { Users = request.Users, Seed = request.Seed, Today = today }, path, request.Months);
    }
}
