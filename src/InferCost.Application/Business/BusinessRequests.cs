using InferCost.Application.Simulation;
using InferCost.Application.Validation;

namespace InferCost.Application.Business;

/// <summary><c>infercost pnl</c>: a model's monthly P&amp;L, break-even life and ARPU, and a useful-life sweep.</summary>
public sealed record PnlRequest : IValidatable
{
    /// <summary>Gets the monthly users.</summary>
    public long Users { get; init; }

    /// <summary>Gets the share of users who pay, 0 to 1.</summary>
    public decimal PaidShare { get; init; }

    /// <summary>Gets the USD a paying user pays a month.</summary>
    public decimal Arpu { get; init; }

    /// <summary>Gets the GPUs in the serving fleet (with <see cref="GpuHourPrice"/>).</summary>
    public long? Gpus { get; init; }

    /// <summary>Gets the USD per GPU-hour.</summary>
    public decimal? GpuHourPrice { get; init; }

    /// <summary>Gets a scenario whose Monte Carlo mean cost per user-month gives the serving cost (instead of a fleet).</summary>
    public ScenarioInput? Scenario { get; init; }

    /// <summary>Gets the USD the model cost to train.</summary>
    public decimal TrainingCost { get; init; }

    /// <summary>Gets the months the model earns before it is replaced.</summary>
    public decimal UsefulLifeMonths { get; init; }

    /// <summary>Gets other USD a month.</summary>
    public decimal OtherCosts { get; init; }

    /// <summary>Gets the useful-life sweep start, months.</summary>
    public int SweepFrom { get; init; } = 6;

    /// <summary>Gets the useful-life sweep end, months.</summary>
    public int SweepTo { get; init; } = 48;

    /// <summary>Gets the useful-life sweep step, months.</summary>
    public int SweepStep { get; init; } = 6;

    /// <inheritdoc/>
    public IReadOnlyList<FieldError> Validate() => new Validator()
        .Check(Scenario is not null && (Gpus is not null || GpuHourPrice is not null), "scenario", "give either --scenario or --gpus with --gpu-hour-price, not both")
        .Check(Scenario is null && (Gpus is null || GpuHourPrice is null), Gpus is null ? "gpus" : "gpu_hour_price", "the serving cost needs --gpus and --gpu-hour-price (or --scenario FILE)")
        .Check(Users < 0, "users", $"--users must not be negative (got {Users})")
        .Check(PaidShare is < 0 or > 1, "paid_share", $"--paid-share must be between 0 and 1 (got {PaidShare}); write 80 % as 0.8")
        .Errors;
}

/// <summary><c>infercost token-price</c>: the price per 1M tokens that covers every cost and a margin.</summary>
public sealed record TokenPriceRequest : IValidatable
{
    /// <summary>Gets the GPU serving cost, USD per 1M tokens.</summary>
    public decimal InferenceCost { get; init; }

    /// <summary>Gets other infrastructure, USD per 1M tokens.</summary>
    public decimal InfrastructureCost { get; init; }

    /// <summary>Gets the USD the model cost to train.</summary>
    public decimal TrainingCost { get; init; }

    /// <summary>Gets the months the model serves.</summary>
    public decimal UsefulLifeMonths { get; init; } = 12m;

    /// <summary>Gets the tokens served a month.</summary>
    public decimal TokensPerMonth { get; init; }

    /// <summary>Gets the USD a month set aside for the next model.</summary>
    public decimal FutureInvestmentPerMonth { get; init; }

    /// <summary>Gets the margin as a share of price, 0 to below 1.</summary>
    public decimal Margin { get; init; }

    /// <inheritdoc/>
    public IReadOnlyList<FieldError> Validate() => new Validator()
        .Check(InferenceCost < 0 || InfrastructureCost < 0 || TrainingCost < 0 || FutureInvestmentPerMonth < 0, "inference_cost", "costs must not be negative")
        .Check(UsefulLifeMonths <= 0 || TokensPerMonth <= 0, UsefulLifeMonths <= 0 ? "useful_life_months" : "tokens_per_month", "--useful-life-months and --tokens-per-month must be positive")
        .Check(Margin is < 0 or >= 1, "margin", $"--margin must be in [0, 1) (got {Margin})")
        .Errors;
}
