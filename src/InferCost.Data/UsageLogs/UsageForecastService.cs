using System.Globalization;
using InferCost.Errors;
using InferCost.UsageAnalytics;

namespace InferCost.Data.UsageLogs;

/// <summary><c>infercost usage forecast</c>: month-to-date, projected month end and the day a budget is crossed.</summary>
public sealed record UsageForecastRequest
{
    /// <summary>Gets the month, <c>YYYY-MM</c> (null: the month of the latest record).</summary>
    public string? Month { get; init; }

    /// <summary>Gets the monthly budget in USD (for the total, and for each group when grouped).</summary>
    public decimal? Budget { get; init; }

    /// <summary>Gets the grouping: user, feature or model (null: the total only).</summary>
    public string? By { get; init; }

    /// <summary>Gets the last day with complete data (null: the day of the latest record in the month).</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>Gets the most groups returned (highest projected month end first).</summary>
    public int Top { get; init; } = 20;
}

/// <summary>The answer to a <see cref="UsageForecastRequest"/>.</summary>
public sealed record UsageForecastResult
{
    /// <summary>Gets the month, <c>YYYY-MM</c>.</summary>
    public required string Month { get; init; }

    /// <summary>Gets the last day with data; later days are projected.</summary>
    public required DateOnly DataThrough { get; init; }

    /// <summary>Gets the grouping, or null.</summary>
    public string? By { get; init; }

    /// <summary>Gets the forecast of all usage.</summary>
    public required SpendForecast Total { get; init; }

    /// <summary>Gets the forecast per group (highest projected month end first), each against the same budget.</summary>
    public required IReadOnlyList<SpendForecast> Groups { get; init; }

    /// <summary>Gets how many groups were left out by <see cref="UsageForecastRequest.Top"/>.</summary>
    public int OtherGroups { get; init; }
}

/// <summary><c>infercost usage budget check</c>: every budget in a file against this month's spend.</summary>
public sealed record BudgetCheckRequest
{
    /// <summary>Gets the budgets file (YAML).</summary>
    public required string BudgetsFile { get; init; }

    /// <summary>Gets the month, <c>YYYY-MM</c> (null: the month of the latest record).</summary>
    public string? Month { get; init; }

    /// <summary>Gets the last day with complete data (null: the day of the latest record in the month).</summary>
    public DateOnly? AsOf { get; init; }
}

/// <summary>One budget's line in a <see cref="BudgetCheckResult"/>.</summary>
/// <param name="Name">The budget's name.</param>
/// <param name="Scope">all, user, team, feature or model.</param>
/// <param name="Members">The user, feature or model, or the team's users.</param>
/// <param name="Usd">The monthly budget.</param>
/// <param name="Spent">Month-to-date, exact.</param>
/// <param name="SpentShare">Spent over budget.</param>
/// <param name="ProjectedMonthEnd">The projected month end.</param>
/// <param name="ProjectedLow">The interval's lower end.</param>
/// <param name="ProjectedHigh">The interval's upper end.</param>
/// <param name="ProjectedShare">Projected month end over budget.</param>
/// <param name="ThresholdCrossed">The highest threshold spent has reached, in percent, or null.</param>
/// <param name="ThresholdProjected">The highest threshold the projection reaches, in percent, or null.</param>
/// <param name="BudgetCrossedOn">The day spend reaches the budget (recorded or projected), or null.</param>
/// <param name="BudgetCrossingProjected">Whether that day is projected.</param>
public sealed record BudgetLine(string Name, string Scope, IReadOnlyList<string> Members, decimal Usd, decimal Spent, decimal SpentShare, decimal ProjectedMonthEnd,
    decimal ProjectedLow, decimal ProjectedHigh, decimal ProjectedShare, decimal? ThresholdCrossed, decimal? ThresholdProjected, DateOnly? BudgetCrossedOn, bool BudgetCrossingProjected);

/// <summary>The answer to a <see cref="BudgetCheckRequest"/>.</summary>
public sealed record BudgetCheckResult
{
    /// <summary>Gets the month, <c>YYYY-MM</c>.</summary>
    public required string Month { get; init; }

    /// <summary>Gets the last day with data.</summary>
    public required DateOnly DataThrough { get; init; }

    /// <summary>Gets the thresholds checked, in percent.</summary>
    public required IReadOnlyList<decimal> Thresholds { get; init; }

    /// <summary>Gets each budget's status, in file order.</summary>
    public required IReadOnlyList<BudgetLine> Budgets { get; init; }

    /// <summary>Gets whether any budget's spend has reached a threshold (the CLI then exits 3).</summary>
    public required bool Crossed { get; init; }

    /// <summary>Gets one line per budget over a threshold, such as <c>team support: 92 % of $60 (threshold 90 %)</c>.</summary>
    public required IReadOnlyList<string> Alerts { get; init; }
}

/// <summary>Forecasts and budget checks over a usage store (queries here, the math in <see cref="SpendForecaster"/> and <see cref="BudgetChecker"/>).</summary>
/// <param name="store">An open usage store.</param>
public sealed class UsageForecastService(UsageStore store)
{
    /// <summary>The days of history read before the month for the weekday factors and the rate.</summary>
    public const int HistoryDays = 56;

    /// <summary>Forecasts a month, in total and per group.</summary>
    /// <exception cref="InferCostException">A bad month, grouping or budget.</exception>
    public UsageForecastResult Forecast(UsageForecastRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ReportDimension? by = request.By switch
        {
            null => null,
            "user" => ReportDimension.User,
            "feature" => ReportDimension.Feature,
            "model" => ReportDimension.Model,
            _ => throw new InferCostException($"--by must be user, feature or model (got '{request.By}')"),
        };
        if (request.Budget is < 0)
        {
            throw new InferCostException("--budget must not be negative");
        }

        if (request.Top <= 0)
        {
            throw new InferCostException("--top must be positive");
        }

        var (monthStart, through) = Period(request.Month, request.AsOf);
        var range = History(monthStart, through);
        var totalSeries = store.DailyCosts(range, null);
        var factors = SpendForecaster.WeekdayFactors(totalSeries, through);
        var total = SpendForecaster.Forecast("total", totalSeries, monthStart, through, request.Budget, factors);
        var groups = new List<SpendForecast>();
        if (by is { } dimension)
        {
            var daily = store.DailyCosts(range, dimension);
            var keys = dimension == ReportDimension.Model
                ? daily.GroupBy(d => ModelNames.Family(d.Key), StringComparer.Ordinal)
                : daily.GroupBy(d => d.Key, StringComparer.Ordinal);
            foreach (var g in keys)
            {
                groups.Add(SpendForecaster.Forecast(g.Key, g, monthStart, through, request.Budget, factors));
            }
        }

        var ordered = groups.OrderByDescending(g => g.ProjectedMonthEnd).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        return new UsageForecastResult
        {
            Month = monthStart.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            DataThrough = through,
            By = request.By,
            Total = total,
            Groups = [.. ordered.Take(request.Top)],
            OtherGroups = Math.Max(0, ordered.Count - request.Top),
        };
    }

    /// <summary>Checks every budget in a budgets file.</summary>
    /// <exception cref="InputFileException">The budgets file is bad.</exception>
    public BudgetCheckResult Check(BudgetCheckRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var file = BudgetFileLoader.Load(request.BudgetsFile);
        var (monthStart, through) = Period(request.Month, request.AsOf);
        var range = History(monthStart, through);
        var statuses = BudgetChecker.Check(file.Budgets, store.DailyCosts(range, ReportDimension.User), store.DailyCosts(range, ReportDimension.Feature),
            store.DailyCosts(range, ReportDimension.Model), monthStart, through, file.Thresholds);
        var lines = statuses.Select(s => new BudgetLine(s.Budget.Name, ScopeName(s.Budget.Scope), s.Budget.Members, s.Budget.Usd, s.Forecast.MonthToDate, s.SpentShare,
            s.Forecast.ProjectedMonthEnd, s.Forecast.ProjectedLow, s.Forecast.ProjectedHigh, s.ProjectedShare, s.ThresholdCrossed * 100, s.ThresholdProjected * 100,
            s.Forecast.BudgetCrossedOn, s.Forecast.BudgetCrossingProjected)).ToList();
        var alerts = lines.Where(l => l.ThresholdCrossed is not null)
            .Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Name}: {Percent(l.SpentShare)} of ${l.Usd} spent (threshold {l.ThresholdCrossed:0.##} %)")).ToList();
        return new BudgetCheckResult
        {
            Month = monthStart.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            DataThrough = through,
            Thresholds = [.. file.Thresholds.Select(t => t * 100)],
            Budgets = lines,
            Crossed = alerts.Count > 0,
            Alerts = alerts,
        };
    }

    private static string Percent(decimal share) => share == decimal.MaxValue ? "∞ %" : string.Create(CultureInfo.InvariantCulture, $"{decimal.Round(share * 100, 1)} %");

    private static string ScopeName(BudgetScope scope) => scope switch
    {
        BudgetScope.Total => "all",
        BudgetScope.User => "user",
        BudgetScope.Team => "team",
        BudgetScope.Feature => "feature",
        _ => "model",
    };

    private static UsageQuery History(DateOnly monthStart, DateOnly through) =>
        new(new DateTimeOffset(monthStart.AddDays(-HistoryDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            new DateTimeOffset(through.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    // The month (given, else the latest record's) and the last day with data: --as-of, else the latest record's day,
    // clamped to the month (the day before it when the month has no data yet).
    private (DateOnly MonthStart, DateOnly Through) Period(string? month, DateOnly? asOf)
    {
        var latest = store.LatestTime() is { } t ? DateOnly.FromDateTime(t.UtcDateTime) : (DateOnly?)null;
        DateOnly monthStart;
        if (month is not null)
        {
            if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out monthStart))
            {
                throw new InferCostException($"--month: expected YYYY-MM such as 2026-11, got '{month}'");
            }
        }
        else if ((asOf ?? latest) is { } d)
        {
            monthStart = new DateOnly(d.Year, d.Month, 1);
        }
        else
        {
            throw new InferCostException("the usage store is empty: import logs first (infercost usage import FILE…), or name --month");
        }

        var monthEnd = monthStart.AddMonths(1).AddDays(-1);
        var through = asOf ?? latest ?? monthStart.AddDays(-1);
        if (through > monthEnd)
        {
            through = monthEnd;
        }

        if (through < monthStart.AddDays(-1))
        {
            through = monthStart.AddDays(-1);
        }

        return (monthStart, through);
    }
}
