namespace InferCost.Workloads;

/// <summary>How long a scenario runs and how the user base moves: start month, months, growth and churn.</summary>
public sealed record Horizon
{
    /// <summary>Gets one month from today's month on, no growth, no churn.</summary>
    public static Horizon Default { get; } = new();

    /// <summary>Gets the number of months (1–120).</summary>
    public int Months { get; init; } = 12;

    /// <summary>Gets the first month (its first day); prices in force then apply. <see langword="null"/>: the caller's current month.</summary>
    public DateOnly? Start { get; init; }

    /// <summary>Gets new users per month as a share of active users.</summary>
    public double MonthlyGrowth { get; init; }

    /// <summary>Gets users lost per month as a share of active users.</summary>
    public double MonthlyChurn { get; init; }

    /// <summary>
    /// Gets the month-to-month variation of each user's usage: σ of the log of a mean-one lognormal factor that
    /// multiplies the user's persistent level every month (0: every month the same). The default 0.3 is an argued
    /// figure, not a measured one: a user with 20 sessions a month varies by ≈ 1/√20 ≈ 0.22 from Poisson counting
    /// alone, and holidays, deadlines and project bursts add to it.
    /// </summary>
    public double MonthNoise { get; init; } = DefaultMonthNoise;

    /// <summary>Gets the default <see cref="MonthNoise"/>.</summary>
    public const double DefaultMonthNoise = 0.3;

    /// <summary>
    /// Gets how churn depends on usage: a user's churn probability in a month is churn × (usage ÷ the segment's mean
    /// usage)^(−elasticity), at most 1. 0 (the default): churn is the same for everyone; 0.5: a user at a quarter of
    /// the mean usage churns twice as often.
    /// </summary>
    public double ChurnUsageElasticity { get; init; }

    /// <summary>Active users in month <paramref name="month"/> (0-based) from <paramref name="initialUsers"/> in month 0.</summary>
    public double ActiveUsers(double initialUsers, int month) => initialUsers * Math.Pow(1 + MonthlyGrowth - MonthlyChurn, month);
}
