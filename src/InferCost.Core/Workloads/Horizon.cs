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

    /// <summary>Active users in month <paramref name="month"/> (0-based) from <paramref name="initialUsers"/> in month 0.</summary>
    public double ActiveUsers(double initialUsers, int month) => initialUsers * Math.Pow(1 + MonthlyGrowth - MonthlyChurn, month);
}
