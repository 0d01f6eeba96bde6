namespace InferCost.Business;

/// <summary>
/// A model's monthly P&amp;L: revenue − serving cost − training amortized over its useful life − other costs,
/// with the useful life and ARPU at which it breaks even.
/// </summary>
/// <param name="Inputs">The inputs.</param>
/// <param name="RevenuePerMonth">Paying users × ARPU.</param>
/// <param name="ServingCostPerMonth">Serving cost a month.</param>
/// <param name="TrainingAmortizationPerMonth">Training cost / useful life in months.</param>
/// <param name="OtherCostsPerMonth">Other costs a month.</param>
/// <param name="NetPerMonth">Revenue minus every cost.</param>
/// <param name="BreakEvenUsefulLifeMonths">Useful life at which net is zero; null when serving and other costs alone exceed revenue.</param>
/// <param name="BreakEvenArpu">ARPU at which net is zero; null without paying users.</param>
public sealed record ProfitAndLoss(
    ProfitAndLossInputs Inputs,
    decimal RevenuePerMonth,
    decimal ServingCostPerMonth,
    decimal TrainingAmortizationPerMonth,
    decimal OtherCostsPerMonth,
    decimal NetPerMonth,
    decimal? BreakEvenUsefulLifeMonths,
    decimal? BreakEvenArpu)
{
    /// <summary>Gets revenue minus serving cost (before training and other costs).</summary>
    public decimal GrossMarginPerMonth => RevenuePerMonth - ServingCostPerMonth;

    /// <summary>Computes the P&amp;L exactly in decimal (amortization rounded to the cent).</summary>
    public static ProfitAndLoss Compute(ProfitAndLossInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var revenue = inputs.PayingUsers * inputs.Arpu;
        var amortization = Math.Round(inputs.TrainingCost / inputs.UsefulLifeMonths, 2, MidpointRounding.AwayFromZero);
        var net = revenue - inputs.ServingCostPerMonth - amortization - inputs.OtherCostsPerMonth;
        var contribution = revenue - inputs.ServingCostPerMonth - inputs.OtherCostsPerMonth;
        decimal? breakEvenLife = contribution > 0 ? Math.Round(inputs.TrainingCost / contribution, 2) : null;
        decimal? breakEvenArpu = inputs.PayingUsers > 0
            ? Math.Round((inputs.ServingCostPerMonth + amortization + inputs.OtherCostsPerMonth) / inputs.PayingUsers, 2)
            : null;
        return new ProfitAndLoss(inputs, revenue, inputs.ServingCostPerMonth, amortization, inputs.OtherCostsPerMonth, net, breakEvenLife, breakEvenArpu);
    }
}
