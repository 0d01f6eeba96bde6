using InferCost.UsageAnalytics;

namespace InferCost.Core.Tests.UsageAnalytics;

public class SpendForecasterTests
{
    private static readonly DateOnly November = new(2026, 11, 1);

    private static bool IsWeekend(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static void Near(decimal expected, decimal actual) => Assert.InRange(actual, expected - 0.001m, expected + 0.001m);

    // $10 on weekdays, $2 on weekends, from Monday 2026-10-05 through Sunday 2026-11-15 (six whole weeks).
    private static List<DailyCost> WeekdaySeries(DateOnly through, Func<DateOnly, decimal>? noise = null)
    {
        var days = new List<DailyCost>();
        for (var d = new DateOnly(2026, 10, 5); d <= through; d = d.AddDays(1))
        {
            days.Add(new DailyCost(d, "total", (IsWeekend(d) ? 2m : 10m) + (noise?.Invoke(d) ?? 0m)));
        }

        return days;
    }

    [Fact]
    public void A_weekday_pattern_projects_each_remaining_day_at_its_weekday_cost_with_a_zero_width_interval()
    {
        var through = new DateOnly(2026, 11, 15);
        var f = SpendForecaster.Forecast("total", WeekdaySeries(through), November, through);

        decimal mtd = 0, rest = 0;
        for (var d = November; d.Month == 11; d = d.AddDays(1))
        {
            if (d <= through)
            {
                mtd += IsWeekend(d) ? 2m : 10m;
            }
            else
            {
                rest += IsWeekend(d) ? 2m : 10m;
            }
        }

        Assert.Equal(110m, mtd);
        Assert.Equal(mtd, f.MonthToDate);
        Near(mtd + rest, f.ProjectedMonthEnd);
        Near(f.ProjectedMonthEnd, f.ProjectedLow);
        Near(f.ProjectedMonthEnd, f.ProjectedHigh);
        Assert.Equal(30, f.Days.Count);
        Assert.Equal(15, f.Days.Count(d => d.Projected));
        Assert.All(f.Days.Where(d => d.Projected), d => Near(IsWeekend(d.Day) ? 2m : 10m, d.Cost));
        Assert.True(f.WeekdayFactors[0] > 1 && f.WeekdayFactors[6] < 1);
    }

    [Fact]
    public void The_budget_crossing_day_is_the_first_day_the_cumulative_cost_reaches_it_recorded_or_projected()
    {
        var through = new DateOnly(2026, 11, 15);
        var series = WeekdaySeries(through);
        DateOnly Crossing(decimal budget)
        {
            var sum = 0m;
            for (var d = November; ; d = d.AddDays(1))
            {
                sum += IsWeekend(d) ? 2m : 10m;
                if (sum >= budget)
                {
                    return d;
                }
            }
        }

        var projected = SpendForecaster.Forecast("total", series, November, through, budget: 150m);
        Assert.Equal(Crossing(150m), projected.BudgetCrossedOn);
        Assert.True(projected.BudgetCrossingProjected);

        var recorded = SpendForecaster.Forecast("total", series, November, through, budget: 60m);
        Assert.Equal(Crossing(60m), recorded.BudgetCrossedOn);
        Assert.False(recorded.BudgetCrossingProjected);

        var never = SpendForecaster.Forecast("total", series, November, through, budget: 1000m);
        Assert.Null(never.BudgetCrossedOn);
    }

    [Fact]
    public void Under_two_weeks_of_history_every_weekday_counts_the_same()
    {
        var through = new DateOnly(2026, 11, 10);
        var series = WeekdaySeries(through).Where(d => d.Day >= November).ToList();
        var f = SpendForecaster.Forecast("total", series, November, through);
        Assert.All(f.WeekdayFactors, x => Assert.Equal(1.0, x));
        var mean = series.Sum(d => d.Cost) / series.Count;
        Near(f.MonthToDate + (mean * 20), f.ProjectedMonthEnd);
        Assert.True(f.ProjectedLow < f.ProjectedMonthEnd && f.ProjectedMonthEnd < f.ProjectedHigh);
        Assert.True(f.ProjectedLow >= f.MonthToDate);
    }

    [Fact]
    public void The_80_percent_interval_holds_the_real_month_end_about_80_percent_of_the_time()
    {
        var through = new DateOnly(2026, 11, 15);
        var random = new Random(11);
        decimal Noise() => (decimal)(2 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        const int Runs = 400;
        var inside = 0;
        for (var run = 0; run < Runs; run++)
        {
            var month = WeekdaySeries(new DateOnly(2026, 11, 30), _ => Noise());
            var f = SpendForecaster.Forecast("total", month.Where(d => d.Day <= through), November, through);
            var actual = month.Where(d => d.Day >= November).Sum(d => d.Cost);
            inside += actual >= f.ProjectedLow && actual <= f.ProjectedHigh ? 1 : 0;
        }

        var coverage = inside / (double)Runs;
        Assert.InRange(coverage, 0.7, 0.9);
    }

    [Fact]
    public void A_month_with_no_data_yet_projects_from_the_history_before_it()
    {
        var through = new DateOnly(2026, 10, 31);
        var f = SpendForecaster.Forecast("total", WeekdaySeries(through), November, through);
        Assert.Equal(0m, f.MonthToDate);
        Assert.Equal(30, f.Days.Count(d => d.Projected));
        var expected = Enumerable.Range(0, 30).Select(November.AddDays).Sum(d => IsWeekend(d) ? 2m : 10m);
        Near(expected, f.ProjectedMonthEnd);
    }
}

public class BudgetCheckerTests
{
    private static readonly DateOnly November = new(2026, 11, 1);

    [Fact]
    public void Team_user_feature_and_dated_model_budgets_report_the_highest_threshold_reached()
    {
        var through = new DateOnly(2026, 11, 10);
        var byUser = new List<DailyCost>();
        var byFeature = new List<DailyCost>();
        var byModel = new List<DailyCost>();
        for (var d = November; d <= through; d = d.AddDays(1))
        {
            byUser.Add(new DailyCost(d, "alice", 3m));
            byUser.Add(new DailyCost(d, "bob", 1.6m));
            byUser.Add(new DailyCost(d, "carol", 0.4m));
            byFeature.Add(new DailyCost(d, "chat", 4m));
            byFeature.Add(new DailyCost(d, "search", 1m));
            byModel.Add(new DailyCost(d, "gpt-4o-2024-08-06", 2m));
            byModel.Add(new DailyCost(d, "gpt-4o", 1m));
            byModel.Add(new DailyCost(d, "gpt-4o-mini", 2m));
        }

        Budget[] budgets =
        [
            new("all", BudgetScope.Total, [], 100m), // 50 of 100: 50 %
            new("team a", BudgetScope.Team, ["alice", "bob"], 50m), // 46 of 50: 92 % -> 90 %
            new("carol", BudgetScope.User, ["carol"], 100m), // 4 of 100: none
            new("chat", BudgetScope.Feature, ["chat"], 40m), // 40 of 40: 100 %
            new("gpt-4o", BudgetScope.Model, ["openai/gpt-4o"], 40m), // (2 + 1) x 10 = 30 of 40: 75 %
        ];
        var s = BudgetChecker.Check(budgets, byUser, byFeature, byModel, November, through);

        Assert.Equal([50m, 46m, 4m, 40m, 30m], s.Select(x => x.Forecast.MonthToDate));
        Assert.Equal([0.5m, 0.9m, null, 1m, 0.75m], s.Select(x => x.ThresholdCrossed));
        Assert.Equal(0.92m, s[1].SpentShare);
        Assert.Equal(new DateOnly(2026, 11, 10), s[3].Forecast.BudgetCrossedOn);
        Assert.False(s[3].Forecast.BudgetCrossingProjected);
        Assert.Null(s[2].ThresholdProjected); // 12 of 100 by month end
        Assert.Equal(1m, s[0].ThresholdProjected); // 150 of 100
    }

    [Theory]
    [InlineData("gpt-4o-2024-08-06", "gpt-4o")]
    [InlineData("claude-3-5-sonnet-20241022", "claude-3-5-sonnet")]
    [InlineData("gemini-1.5-pro@002", "gemini-1.5-pro")]
    [InlineData("gpt-4o-mini", "gpt-4o-mini")]
    [InlineData("claude-haiku-4-5", "claude-haiku-4-5")]
    public void A_dated_model_version_belongs_to_its_model(string version, string model) => Assert.Equal(model, ModelNames.Family(version));
}
