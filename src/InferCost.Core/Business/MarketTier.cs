namespace InferCost.Business;

/// <summary>
/// The market tiers of API prices per 1M tokens (seed 004): premium frontier models $3–20, mid-tier $0.10–1,
/// commodity $0.01–0.10.
/// </summary>
/// <param name="Name">The tier's name.</param>
/// <param name="LowPerMillion">The tier's low end, USD per 1M tokens.</param>
/// <param name="HighPerMillion">The tier's high end, USD per 1M tokens.</param>
public sealed record MarketTier(string Name, decimal LowPerMillion, decimal HighPerMillion)
{
    /// <summary>Gets the tiers from seed 004, cheapest first.</summary>
    public static IReadOnlyList<MarketTier> Seed004 { get; } =
    [
        new("commodity", 0.01m, 0.10m),
        new("mid-tier", 0.10m, 1m),
        new("premium", 3m, 20m),
    ];

    /// <summary>Where <paramref name="pricePerMillion"/> sits among the tiers, in words.</summary>
    public static string Place(decimal pricePerMillion)
    {
        foreach (var tier in Seed004)
        {
            if (pricePerMillion >= tier.LowPerMillion && pricePerMillion <= tier.HighPerMillion)
            {
                return tier.Name;
            }
        }

        return pricePerMillion < Seed004[0].LowPerMillion ? "below commodity"
            : pricePerMillion > Seed004[^1].HighPerMillion ? "above premium"
            : "between mid-tier and premium";
    }
}
