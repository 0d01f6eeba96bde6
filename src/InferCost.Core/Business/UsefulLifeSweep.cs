using InferCost.Errors;

namespace InferCost.Business;

/// <summary>One useful life in a sweep and the P&amp;L it gives.</summary>
/// <param name="UsefulLifeMonths">The useful life.</param>
/// <param name="TrainingAmortizationPerMonth">Training cost / useful life.</param>
/// <param name="NetPerMonth">Net a month at that life.</param>
public sealed record UsefulLifeRow(int UsefulLifeMonths, decimal TrainingAmortizationPerMonth, decimal NetPerMonth);

/// <summary>Net per month across useful lives (6 to 48 months by default), and where it turns positive.</summary>
public static class UsefulLifeSweep
{
    /// <summary>Sweeps useful life from <paramref name="fromMonths"/> to <paramref name="toMonths"/> in steps of <paramref name="stepMonths"/>.</summary>
    /// <exception cref="InferCostException">The range is empty or the step not positive.</exception>
    public static IReadOnlyList<UsefulLifeRow> Run(ProfitAndLossInputs inputs, int fromMonths = 6, int toMonths = 48, int stepMonths = 6)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (fromMonths < 1 || toMonths < fromMonths || stepMonths < 1)
        {
            throw new InferCostException($"useful-life sweep needs 1 <= from <= to and step >= 1 (got {fromMonths}..{toMonths} step {stepMonths})");
        }

        var rows = new List<UsefulLifeRow>();
        for (var months = fromMonths; months <= toMonths; months += stepMonths)
        {
            var pnl = ProfitAndLoss.Compute(new ProfitAndLossInputs(
                inputs.MonthlyUsers, inputs.PaidShare, inputs.Arpu, inputs.ServingCostPerMonth, inputs.TrainingCost, months, inputs.OtherCostsPerMonth));
            rows.Add(new UsefulLifeRow(months, pnl.TrainingAmortizationPerMonth, pnl.NetPerMonth));
        }

        return rows;
    }
}
