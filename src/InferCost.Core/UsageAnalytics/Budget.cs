namespace InferCost.UsageAnalytics;

/// <summary>What a budget covers.</summary>
public enum BudgetScope
{
    /// <summary>All usage.</summary>
    Total,

    /// <summary>One user.</summary>
    User,

    /// <summary>A team: a list of users.</summary>
    Team,

    /// <summary>One feature.</summary>
    Feature,

    /// <summary>One model, its dated versions included.</summary>
    Model,
}

/// <summary>A monthly budget in USD for all usage, a user, a team, a feature or a model.</summary>
/// <param name="Name">The name shown (the user, team, feature or model when not given).</param>
/// <param name="Scope">What it covers.</param>
/// <param name="Members">The user, feature or model (one), or the team's users; empty for <see cref="BudgetScope.Total"/>.</param>
/// <param name="Usd">The monthly amount.</param>
public sealed record Budget(string Name, BudgetScope Scope, IReadOnlyList<string> Members, decimal Usd);

/// <summary>Where one budget stands this month.</summary>
/// <param name="Budget">The budget.</param>
/// <param name="Forecast">The budget's month-to-date and projection, with the day it is crossed.</param>
/// <param name="SpentShare">Month-to-date over the budget.</param>
/// <param name="ProjectedShare">Projected month end over the budget.</param>
/// <param name="ThresholdCrossed">The highest threshold month-to-date has reached (0.5, 0.75…), or <see langword="null"/>.</param>
/// <param name="ThresholdProjected">The highest threshold the projected month end reaches, or <see langword="null"/>.</param>
public sealed record BudgetStatus(Budget Budget, SpendForecast Forecast, decimal SpentShare, decimal ProjectedShare, decimal? ThresholdCrossed, decimal? ThresholdProjected);

/// <summary>Checks budgets against daily costs per user, feature and model.</summary>
public static class BudgetChecker
{
    /// <summary>The default alert thresholds: 50, 75, 90 and 100 % of the budget.</summary>
    public static readonly IReadOnlyList<decimal> DefaultThresholds = [0.5m, 0.75m, 0.9m, 1m];

    /// <summary>
    /// The status of each budget for the month starting <paramref name="monthStart"/>, with data through
    /// <paramref name="dataThrough"/>. <paramref name="byUser"/>, <paramref name="byFeature"/> and
    /// <paramref name="byModel"/> are daily costs keyed by user, feature and model (each covering all records).
    /// </summary>
    public static IReadOnlyList<BudgetStatus> Check(IReadOnlyList<Budget> budgets, IReadOnlyList<DailyCost> byUser, IReadOnlyList<DailyCost> byFeature,
        IReadOnlyList<DailyCost> byModel, DateOnly monthStart, DateOnly dataThrough, IReadOnlyList<decimal>? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        ArgumentNullException.ThrowIfNull(byUser);
        ArgumentNullException.ThrowIfNull(byFeature);
        ArgumentNullException.ThrowIfNull(byModel);
        var levels = (thresholds ?? DefaultThresholds).Order().ToList();
        var factors = SpendForecaster.WeekdayFactors(byUser, dataThrough);
        var statuses = new List<BudgetStatus>(budgets.Count);
        foreach (var budget in budgets)
        {
            var series = budget.Scope switch
            {
                BudgetScope.User or BudgetScope.Team => byUser.Where(d => budget.Members.Contains(d.Key, StringComparer.Ordinal)),
                BudgetScope.Feature => byFeature.Where(d => budget.Members.Contains(d.Key, StringComparer.Ordinal)),
                BudgetScope.Model => byModel.Where(d => budget.Members.Any(m => ModelNames.SameModel(d.Key, m))),
                _ => byUser,
            };
            var forecast = SpendForecaster.Forecast(budget.Name, series, monthStart, dataThrough, budget.Usd, factors);
            var spent = budget.Usd == 0 ? (forecast.MonthToDate > 0 ? decimal.MaxValue : 0) : forecast.MonthToDate / budget.Usd;
            var projected = budget.Usd == 0 ? (forecast.ProjectedMonthEnd > 0 ? decimal.MaxValue : 0) : forecast.ProjectedMonthEnd / budget.Usd;
            statuses.Add(new BudgetStatus(budget, forecast, decimal.Round(spent, 6), decimal.Round(projected, 6),
                levels.LastOrDefault(l => spent >= l) is var c && c > 0 ? c : null,
                levels.LastOrDefault(l => projected >= l) is var p && p > 0 ? p : null));
        }

        return statuses;
    }
}
