using InferCost.Errors;

namespace InferCost.Business;

/// <summary>
/// The price per 1M tokens that covers inference + infrastructure + training recovery + future investment, plus a margin
/// (seed 002: a token price is more than the cost of answering a prompt).
/// </summary>
/// <param name="InferencePerMillion">GPU serving cost per 1M tokens.</param>
/// <param name="InfrastructurePerMillion">Data centre, network, storage and operations per 1M tokens.</param>
/// <param name="TrainingRecoveryPerMillion">Training cost / tokens served over the useful life, per 1M.</param>
/// <param name="FutureInvestmentPerMillion">Next model's funding per 1M tokens.</param>
/// <param name="MarginPerMillion">Margin per 1M tokens.</param>
/// <param name="PricePerMillion">The price that covers all of it.</param>
/// <param name="MarketTier">Where the price sits among seed 004's tiers.</param>
public sealed record TokenPriceDecomposition(
    decimal InferencePerMillion,
    decimal InfrastructurePerMillion,
    decimal TrainingRecoveryPerMillion,
    decimal FutureInvestmentPerMillion,
    decimal MarginPerMillion,
    decimal PricePerMillion,
    string MarketTier)
{
    /// <summary>Builds the price: cost components per 1M tokens, then price = cost / (1 − margin share).</summary>
    /// <param name="inferencePerMillion">GPU serving cost per 1M tokens.</param>
    /// <param name="infrastructurePerMillion">Other infrastructure per 1M tokens.</param>
    /// <param name="trainingCost">Training cost, USD.</param>
    /// <param name="usefulLifeMonths">Months the model serves.</param>
    /// <param name="tokensPerMonth">Tokens served a month.</param>
    /// <param name="futureInvestmentPerMonth">USD a month set aside for the next model.</param>
    /// <param name="marginShare">Margin as a share of price, 0 to below 1.</param>
    /// <exception cref="InferCostException">A value is out of range.</exception>
    public static TokenPriceDecomposition Compute(
        decimal inferencePerMillion,
        decimal infrastructurePerMillion,
        decimal trainingCost,
        decimal usefulLifeMonths,
        decimal tokensPerMonth,
        decimal futureInvestmentPerMonth,
        decimal marginShare)
    {
        if (inferencePerMillion < 0 || infrastructurePerMillion < 0 || trainingCost < 0 || futureInvestmentPerMonth < 0)
        {
            throw new InferCostException("costs must not be negative");
        }

        if (usefulLifeMonths <= 0 || tokensPerMonth <= 0)
        {
            throw new InferCostException("--useful-life-months and --tokens-per-month must be positive");
        }

        if (marginShare is < 0 or >= 1)
        {
            throw new InferCostException($"--margin must be in [0, 1) (got {marginShare})");
        }

        var millionsPerMonth = tokensPerMonth / 1_000_000m;
        var training = trainingCost / usefulLifeMonths / millionsPerMonth;
        var future = futureInvestmentPerMonth / millionsPerMonth;
        var cost = inferencePerMillion + infrastructurePerMillion + training + future;
        var price = cost / (1m - marginShare);
        return new TokenPriceDecomposition(
            Round(inferencePerMillion),
            Round(infrastructurePerMillion),
            Round(training),
            Round(future),
            Round(price - cost),
            Round(price),
            Business.MarketTier.Place(price));
    }

    private static decimal Round(decimal value) => Math.Round(value, 6);
}
