namespace InferCost.UsageAnalytics;

/// <summary>
/// A month's spend so far and where it is heading: month-to-date, the projected month end with an interval, and the
/// day a budget is (or is projected to be) crossed.
/// </summary>
public sealed record SpendForecast
{
    /// <summary>Gets the group (a user, feature or model), or <c>total</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Gets the first day of the month.</summary>
    public required DateOnly MonthStart { get; init; }

    /// <summary>Gets the last day with data (days after it are projected).</summary>
    public required DateOnly DataThrough { get; init; }

    /// <summary>Gets the exact recorded cost from the month's first day through <see cref="DataThrough"/>.</summary>
    public required decimal MonthToDate { get; init; }

    /// <summary>Gets the projected cost of the whole month (month-to-date plus the projected days).</summary>
    public required decimal ProjectedMonthEnd { get; init; }

    /// <summary>Gets the lower end of the interval (never below month-to-date).</summary>
    public required decimal ProjectedLow { get; init; }

    /// <summary>Gets the upper end of the interval.</summary>
    public required decimal ProjectedHigh { get; init; }

    /// <summary>Gets the interval's nominal coverage (0.8: an 80 % interval).</summary>
    public required double IntervalCoverage { get; init; }

    /// <summary>Gets the spend rate of an average day (weekday effect removed), USD per day.</summary>
    public required decimal DailyRate { get; init; }

    /// <summary>Gets the weekday factors, Monday first (1 = an average day).</summary>
    public required IReadOnlyList<double> WeekdayFactors { get; init; }

    /// <summary>Gets the budget checked, if any.</summary>
    public decimal? Budget { get; init; }

    /// <summary>Gets the day the cumulative spend reaches the budget (recorded or projected), if it does this month.</summary>
    public DateOnly? BudgetCrossedOn { get; init; }

    /// <summary>Gets whether <see cref="BudgetCrossedOn"/> is projected (false: already crossed in the data).</summary>
    public bool BudgetCrossingProjected { get; init; }

    /// <summary>Gets every day of the month: recorded cost through <see cref="DataThrough"/>, projected after.</summary>
    public required IReadOnlyList<ForecastDay> Days { get; init; }
}

/// <summary>One day of a <see cref="SpendForecast"/>.</summary>
/// <param name="Day">The UTC day.</param>
/// <param name="Cost">The recorded cost, or the projected one.</param>
/// <param name="Cumulative">Month-to-date through this day.</param>
/// <param name="Projected">Whether <paramref name="Cost"/> is projected.</param>
public sealed record ForecastDay(DateOnly Day, decimal Cost, decimal Cumulative, bool Projected);
