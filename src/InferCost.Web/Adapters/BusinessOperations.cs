using InferCost.Business;
using InferCost.Data.Catalog;
using InferCost.Errors;
using InferCost.Pricing;

namespace InferCost.Web.Adapters;

// Thin adapter: the same Core calls the CLI's pnl, token-price and catalog info commands make, until the
// application layer provides these services. No math of its own.

/// <summary>P&amp;L, token price and catalog info.</summary>
public static class BusinessOperations
{
    /// <summary>A model's monthly P&amp;L from a self-hosted fleet, with the useful-life sweep (<c>infercost pnl</c>).</summary>
    public static PnlResult Pnl(long users, decimal paidShare, decimal arpu, long? gpus, decimal? gpuHourPrice, decimal trainingCost,
        decimal usefulLifeMonths, decimal otherCosts = 0m, int sweepFrom = 6, int sweepTo = 48, int sweepStep = 6)
    {
        if (gpus is null || gpuHourPrice is null)
        {
            throw new InferCostException("the serving cost needs gpus and gpu_hour_price");
        }

        var fleet = new FleetServingCost(gpus.Value, gpuHourPrice.Value);
        var inputs = new ProfitAndLossInputs(users, paidShare, arpu, fleet.PerMonth, trainingCost, usefulLifeMonths, otherCosts);
        var pnl = ProfitAndLoss.Compute(inputs);
        var sweep = UsefulLifeSweep.Run(inputs, sweepFrom, sweepTo, sweepStep);
        return new PnlResult(
            pnl.RevenuePerMonth, pnl.ServingCostPerMonth, fleet.Basis, pnl.TrainingAmortizationPerMonth, pnl.OtherCostsPerMonth, pnl.NetPerMonth,
            pnl.GrossMarginPerMonth, pnl.BreakEvenUsefulLifeMonths, pnl.BreakEvenArpu, inputs.PayingUsers, inputs.UsefulLifeMonths, sweep);
    }

    /// <summary>The price per 1M tokens that covers every cost (<c>infercost token-price</c>).</summary>
    public static TokenPriceDecomposition TokenPrice(decimal inferenceCost, decimal infrastructureCost, decimal trainingCost, decimal usefulLifeMonths,
        decimal tokensPerMonth, decimal futureInvestmentPerMonth, decimal margin)
        => TokenPriceDecomposition.Compute(inferenceCost, infrastructureCost, trainingCost, usefulLifeMonths, tokensPerMonth, futureInvestmentPerMonth, margin);

    /// <summary>Counts and attribution of the catalog in use (<c>infercost catalog info</c>).</summary>
    public static CatalogInfo CatalogInfo(PriceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var models = catalog.AllModels.ToList();
        var overlayValues = models.Sum(m => m.Model.OverlayPrices.Count + CountFacts(m.Model.Facts) + m.Model.Alternatives.Length) + catalog.Providers.Sum(p => CountFacts(p.Facts));
        return new CatalogInfo(catalog.Providers.Length, models.Count, overlayValues, catalog.Attributions,
            File.Exists(CatalogLoader.UpdatedBasePath) ? CatalogLoader.UpdatedBasePath : null);
    }

    private static int CountFacts(ModelFacts f) =>
        new object?[] { f.BatchMultiplier, f.ContextWindow, f.MaxOutputTokens, f.CacheStoragePerMillionHour, f.FreeWebSearchesPerMonth, f.OpenWeights, f.MarketTier }
            .Count(x => x is not null);
}

/// <summary>The result of <c>pnl</c>.</summary>
public sealed record PnlResult(
    decimal RevenuePerMonth, decimal ServingCostPerMonth, string ServingCostBasis, decimal TrainingAmortizationPerMonth, decimal OtherCostsPerMonth,
    decimal NetPerMonth, decimal GrossMarginPerMonth, decimal? BreakEvenUsefulLifeMonths, decimal? BreakEvenArpu, decimal PayingUsers,
    decimal UsefulLifeMonths, IReadOnlyList<UsefulLifeRow> UsefulLifeSweep);

/// <summary>The result of <c>catalog info</c>.</summary>
public sealed record CatalogInfo(int Providers, int Models, int OverlayValues, System.Collections.Immutable.ImmutableArray<CatalogAttribution> Attribution, string? UpdatedSnapshot);
