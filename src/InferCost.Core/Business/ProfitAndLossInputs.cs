using InferCost.Errors;

namespace InferCost.Business;

/// <summary>What a model's monthly P&amp;L needs: users, pricing, serving cost, training cost and its useful life.</summary>
public sealed record ProfitAndLossInputs
{
    /// <summary>Initializes a new instance of the <see cref="ProfitAndLossInputs"/> class.</summary>
    /// <param name="monthlyUsers">Users a month.</param>
    /// <param name="paidShare">Share of users who pay, 0 to 1.</param>
    /// <param name="arpu">USD a paying user pays a month.</param>
    /// <param name="servingCostPerMonth">USD a month to serve them.</param>
    /// <param name="trainingCost">USD the model cost to train.</param>
    /// <param name="usefulLifeMonths">Months the model earns before it is replaced.</param>
    /// <param name="otherCostsPerMonth">Other USD a month (staff, research, overhead).</param>
    /// <exception cref="InferCostException">A value is out of range.</exception>
    public ProfitAndLossInputs(
        long monthlyUsers,
        decimal paidShare,
        decimal arpu,
        decimal servingCostPerMonth,
        decimal trainingCost,
        decimal usefulLifeMonths,
        decimal otherCostsPerMonth = 0)
    {
        if (monthlyUsers < 0)
        {
            throw new InferCostException($"--users must not be negative (got {monthlyUsers})");
        }

        if (paidShare is < 0 or > 1)
        {
            throw new InferCostException($"--paid-share must be between 0 and 1 (got {paidShare}); write 80 % as 0.8");
        }

        if (arpu < 0 || servingCostPerMonth < 0 || trainingCost < 0 || otherCostsPerMonth < 0)
        {
            throw new InferCostException("--arpu, serving cost, --training-cost and --other-costs must not be negative");
        }

        if (usefulLifeMonths <= 0)
        {
            throw new InferCostException($"--useful-life-months must be positive (got {usefulLifeMonths})");
        }

        MonthlyUsers = monthlyUsers;
        PaidShare = paidShare;
        Arpu = arpu;
        ServingCostPerMonth = servingCostPerMonth;
        TrainingCost = trainingCost;
        UsefulLifeMonths = usefulLifeMonths;
        OtherCostsPerMonth = otherCostsPerMonth;
    }

    /// <summary>Gets the users a month.</summary>
    public long MonthlyUsers { get; }

    /// <summary>Gets the share of users who pay.</summary>
    public decimal PaidShare { get; }

    /// <summary>Gets USD a paying user pays a month.</summary>
    public decimal Arpu { get; }

    /// <summary>Gets USD a month to serve the users.</summary>
    public decimal ServingCostPerMonth { get; }

    /// <summary>Gets USD the model cost to train.</summary>
    public decimal TrainingCost { get; }

    /// <summary>Gets the months the model earns before it is replaced.</summary>
    public decimal UsefulLifeMonths { get; }

    /// <summary>Gets other USD a month.</summary>
    public decimal OtherCostsPerMonth { get; }

    /// <summary>Gets the paying users: users × paid share.</summary>
    public decimal PayingUsers => MonthlyUsers * PaidShare;
}
