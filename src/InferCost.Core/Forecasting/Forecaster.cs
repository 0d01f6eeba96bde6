using System.Collections.Immutable;
using InferCost.Pricing;
using InferCost.Simulation;
using InferCost.Workloads;

namespace InferCost.Forecasting;

/// <summary>One month of a forecast.</summary>
/// <param name="Month">1-based month.</param>
/// <param name="Date">The month, <c>yyyy-MM</c>.</param>
/// <param name="PriceFactorPremium">Premium-tier price multiplier that month.</param>
/// <param name="PriceFactorMid">Mid-tier multiplier.</param>
/// <param name="PriceFactorCommodity">Commodity-tier multiplier.</param>
/// <param name="ActiveUsers">Active users.</param>
/// <param name="Revenue">Revenue, USD.</param>
/// <param name="Cost">Inference cost, USD.</param>
/// <param name="GrossMargin">Gross margin.</param>
/// <param name="P95UserCost">The p95 user's cost that month, USD.</param>
public sealed record ForecastMonth(int Month, string Date, double PriceFactorPremium, double PriceFactorMid, double PriceFactorCommodity, double ActiveUsers, double Revenue, double Cost, double? GrossMargin, double P95UserCost);

/// <summary>A scenario run along a price path.</summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="PricePath">The path, with its source.</param>
/// <param name="Users">Simulated users.</param>
/// <param name="Seed">Seed.</param>
/// <param name="Models">Each model with its tier.</param>
/// <param name="Months">Month by month.</param>
/// <param name="BreakEvenMonth">The first month whose gross margin crosses zero (either way), or <see langword="null"/>.</param>
/// <param name="BreakEvenPriceFactor">How far prices could rise from the first month's before gross margin reaches zero (revenue ÷ cost).</param>
public sealed record ForecastResult(string Scenario, string PricePath, int Users, ulong Seed, ImmutableArray<string> Models, ImmutableArray<ForecastMonth> Months, int? BreakEvenMonth, double? BreakEvenPriceFactor);

/// <summary>Runs a scenario month by month with prices following a <see cref="PricePath"/> (same users, same seed).</summary>
public static class Forecaster
{
    /// <summary>Forecasts <paramref name="months"/> months of <paramref name="scenario"/> on <paramref name="path"/>.</summary>
    public static ForecastResult Run(Scenario scenario, PriceCatalog catalog, SimulationOptions options, PricePath path, int months)
    {
        if (months is < 1 or > 120)
        {
            throw new Errors.InferCostException("--months must be between 1 and 120");
        }

        var withHorizon = scenario with { Horizon = scenario.Horizon with { Months = months } };
        var run = MonteCarloEngine.Run(withHorizon, catalog, options with
        {
            KeepMonthlyCosts = true,
            PriceFactor = (m, model) => path.Factor(PricePath.TierOf(model), m),
        });
        var perMonth = run.Outcomes.MonthCost!;
        var rows = ImmutableArray.CreateBuilder<ForecastMonth>(months);
        int? breakEven = null;
        for (var m = 0; m < months; m++)
        {
            var sorted = (double[])perMonth[m].Clone();
            Array.Sort(sorted);
            var t = run.Months[m];
            rows.Add(new ForecastMonth(t.Month, t.Date, path.Factor(PriceTier.Premium, m), path.Factor(PriceTier.Mid, m), path.Factor(PriceTier.Commodity, m), t.ActiveUsers, t.Revenue, t.Cost, t.GrossMargin, PercentileSummary.Percentile(sorted, 0.95)));
            if (breakEven is null && m > 0 && run.Months[m - 1].GrossMargin is { } previous && t.GrossMargin is { } current && Math.Sign(previous) != Math.Sign(current))
            {
                breakEven = m + 1;
            }
        }

        var first = run.Months[0];
        var models = scenario.Models.Select(mc => catalog.Resolve(mc.ModelId, mc.Provider)).Select(r => $"{r.QualifiedId} ({PricePath.TierOf(r).ToString().ToLowerInvariant()})").ToImmutableArray();
        return new ForecastResult(scenario.Name, path.Description, run.Users, run.Seed, models, rows.MoveToImmutable(), breakEven, first.Cost > 0 && first.Revenue > 0 ? first.Revenue / first.Cost : null);
    }
}
