namespace InferCost.UsageAnalytics;

/// <summary>
/// A burn-rate forecast with weekday seasonality. Each weekday gets a factor (its mean daily cost over the mean day,
/// from the history, when at least two full weeks are seen; else 1). The rate of an average day is the recent cost
/// over the recent factors (the last <see cref="RateWindowDays"/> days); a future day costs rate × its weekday's
/// factor. The interval adds the day-to-day scatter of the residuals and the uncertainty of the rate (normal, 80 %).
/// </summary>
public static class SpendForecaster
{
    /// <summary>The days the current rate is measured over.</summary>
    public const int RateWindowDays = 28;

    /// <summary>The fewest days of history before weekday factors are estimated (two weeks).</summary>
    public const int MinDaysForSeasonality = 14;

    /// <summary>The coverage of the interval.</summary>
    public const double Coverage = 0.8;

    // The standard normal quantile for a two-sided 80 % interval.
    private const double Z80 = 1.2815515655446004;

    /// <summary>
    /// Weekday factors (Monday first) from the daily costs of one series, days without records counted as 0, from its
    /// first day with a record through <paramref name="dataThrough"/>.
    /// </summary>
    public static double[] WeekdayFactors(IEnumerable<DailyCost> history, DateOnly dataThrough)
    {
        var dense = Dense(history, dataThrough);
        var factors = Enumerable.Repeat(1.0, 7).ToArray();
        if (dense.Count < MinDaysForSeasonality)
        {
            return factors;
        }

        var sums = new double[7];
        var counts = new int[7];
        foreach (var (day, cost) in dense)
        {
            var w = WeekdayIndex(day);
            sums[w] += (double)cost;
            counts[w]++;
        }

        var mean = dense.Sum(d => (double)d.Cost) / dense.Count;
        if (mean <= 0)
        {
            return factors;
        }

        for (var w = 0; w < 7; w++)
        {
            factors[w] = counts[w] == 0 ? 1 : sums[w] / counts[w] / mean;
        }

        var average = factors.Average();
        return [.. factors.Select(f => f / average)];
    }

    /// <summary>
    /// Forecasts the month starting <paramref name="monthStart"/> for one series (one key), with data through
    /// <paramref name="dataThrough"/>; <paramref name="factors"/> defaults to the series' own weekday factors.
    /// </summary>
    public static SpendForecast Forecast(string key, IEnumerable<DailyCost> history, DateOnly monthStart, DateOnly dataThrough, decimal? budget = null, IReadOnlyList<double>? factors = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var series = history.ToList();
        var f = factors ?? WeekdayFactors(series, dataThrough);
        var monthEnd = monthStart.AddMonths(1).AddDays(-1);
        var dense = Dense(series, dataThrough);

        // The rate: recent cost over recent factors (a ratio estimator, so weekdays with no traffic do no harm).
        var window = dense.Where(d => d.Day > dataThrough.AddDays(-RateWindowDays)).ToList();
        var factorSum = window.Sum(d => f[WeekdayIndex(d.Day)]);
        var rate = factorSum > 0 ? window.Sum(d => (double)d.Cost) / factorSum : 0;
        var scatter = 0.0;
        if (window.Count >= 2)
        {
            scatter = window.Sum(d => Math.Pow((double)d.Cost - (rate * f[WeekdayIndex(d.Day)]), 2)) / (window.Count - 1);
        }

        var days = new List<ForecastDay>();
        var cumulative = 0m;
        var monthToDate = 0m;
        var remainingFactors = 0.0;
        var remainingDays = 0;
        DateOnly? crossed = null;
        var crossedProjected = false;
        var byDay = dense.ToDictionary(d => d.Day, d => d.Cost);
        for (var day = monthStart; day <= monthEnd; day = day.AddDays(1))
        {
            var projected = day > dataThrough;
            decimal cost;
            if (projected)
            {
                var factor = f[WeekdayIndex(day)];
                cost = decimal.Round((decimal)(rate * factor), 6);
                remainingFactors += factor;
                remainingDays++;
            }
            else
            {
                cost = byDay.GetValueOrDefault(day);
                monthToDate += cost;
            }

            cumulative += cost;
            if (budget is { } b && crossed is null && cumulative >= b && (b > 0 || cumulative > 0))
            {
                crossed = day;
                crossedProjected = projected;
            }

            days.Add(new ForecastDay(day, cost, cumulative, projected));
        }

        var variance = (scatter * remainingDays) + (window.Count > 0 ? remainingFactors * remainingFactors * scatter / window.Count : 0);
        var half = (decimal)(Z80 * Math.Sqrt(variance));
        var projectedEnd = cumulative;
        return new SpendForecast
        {
            Key = key,
            MonthStart = monthStart,
            DataThrough = dataThrough,
            MonthToDate = monthToDate,
            ProjectedMonthEnd = projectedEnd,
            ProjectedLow = Math.Max(monthToDate, decimal.Round(projectedEnd - half, 6)),
            ProjectedHigh = decimal.Round(projectedEnd + half, 6),
            IntervalCoverage = Coverage,
            DailyRate = decimal.Round((decimal)rate, 6),
            WeekdayFactors = [.. f.Select(x => Math.Round(x, 4))],
            Budget = budget,
            BudgetCrossedOn = crossed,
            BudgetCrossingProjected = crossedProjected,
            Days = days,
        };
    }

    /// <summary>Monday = 0 … Sunday = 6.</summary>
    public static int WeekdayIndex(DateOnly day) => ((int)day.DayOfWeek + 6) % 7;

    // Every day from the first with a record through dataThrough, missing days as 0; costs summed per day.
    private static List<(DateOnly Day, decimal Cost)> Dense(IEnumerable<DailyCost> history, DateOnly dataThrough)
    {
        var byDay = new SortedDictionary<DateOnly, decimal>();
        foreach (var d in history)
        {
            if (d.Day <= dataThrough)
            {
                byDay[d.Day] = byDay.GetValueOrDefault(d.Day) + d.Cost;
            }
        }

        var dense = new List<(DateOnly, decimal)>();
        if (byDay.Count == 0)
        {
            return dense;
        }

        var start = byDay.Keys.First();

        for (var day = start; day <= dataThrough; day = day.AddDays(1))
        {
            dense.Add((day, byDay.GetValueOrDefault(day)));
        }

        return dense;
    }
}
