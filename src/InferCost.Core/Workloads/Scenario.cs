using System.Collections.Immutable;
using System.Globalization;

namespace InferCost.Workloads;

/// <summary>
/// A product described as a workload: users split into segments on plans, their usage as distributions, the agent
/// loop each session runs, which models serve it, how prompts are cached, and the horizon.
/// </summary>
public sealed record Scenario
{
    /// <summary>Gets the scenario name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets a description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the number of active users in the first month.</summary>
    public double Users { get; init; } = 1000;

    /// <summary>Gets the horizon.</summary>
    public Horizon Horizon { get; init; } = Horizon.Default;

    /// <summary>Gets the models, by alias.</summary>
    public required ImmutableArray<ModelChoice> Models { get; init; }

    /// <summary>Gets the default routing (segments may override it).</summary>
    public required Routing Routing { get; init; }

    /// <summary>Gets the default agent loop (segments may override it).</summary>
    public AgentLoop Agent { get; init; } = AgentLoop.Default;

    /// <summary>Gets the caching settings.</summary>
    public CachingSettings Caching { get; init; } = CachingSettings.Default;

    /// <summary>Gets the segments (shares sum to 1).</summary>
    public required ImmutableArray<Segment> Segments { get; init; }

    /// <summary>Gets the plans.</summary>
    public required ImmutableArray<Plan> Plans { get; init; }

    /// <summary>Gets the inputs of the cost levers (<c>infercost optimize</c>).</summary>
    public LeverSettings Levers { get; init; } = LeverSettings.None;

    /// <summary>The model with this alias, or <see langword="null"/>.</summary>
    public ModelChoice? Model(string alias) => Models.FirstOrDefault(m => m.Alias == alias);

    /// <summary>The plan with this id, or <see langword="null"/>.</summary>
    public Plan? Plan(string id) => Plans.FirstOrDefault(p => p.Id == id);

    /// <summary>Every problem that stops the scenario from running (an empty list when it is valid).</summary>
    public ImmutableArray<ScenarioProblem> Validate()
    {
        var problems = ImmutableArray.CreateBuilder<ScenarioProblem>();
        void Add(string path, string message) => problems.Add(new ScenarioProblem(path, message));

        if (!(Users > 0))
        {
            Add("users", "must be a positive number of users");
        }

        if (Horizon.Months is < 1 or > 120)
        {
            Add("horizon.months", "must be between 1 and 120");
        }

        if (Horizon.MonthlyGrowth < 0 || Horizon.MonthlyChurn is < 0 or > 1)
        {
            Add("horizon", "growth must be ≥ 0 and churn between 0 and 1");
        }

        if (!(Horizon.MonthNoise >= 0) || Horizon.MonthNoise > 3)
        {
            Add("horizon.month_noise", "must be between 0 and 3 (σ of log usage month to month)");
        }

        if (!(Horizon.ChurnUsageElasticity >= 0))
        {
            Add("horizon.churn_usage_elasticity", "must be ≥ 0");
        }

        if (Caching.OverflowHitRate is < 0 or > 1)
        {
            Add("caching.overflow_hit_rate", "must be between 0 and 1");
        }

        if (Models.IsDefaultOrEmpty)
        {
            Add("models", "at least one model is needed");
        }

        foreach (var m in Models)
        {
            if (!(m.TokenEfficiency > 0))
            {
                Add($"models.{m.Alias}.token_efficiency", "must be positive");
            }

            if (m.BatchShare is < 0 or > 1)
            {
                Add($"models.{m.Alias}.batch_share", "must be between 0 and 1");
            }
        }

        foreach (var dup in Models.GroupBy(m => m.Alias).Where(g => g.Count() > 1))
        {
            Add($"models.{dup.Key}", "alias defined twice");
        }

        ValidateRouting(Routing, "routing", Add);
        ValidateAgent(Agent, "agent", Add);
        if (Caching.HitRate is < 0 or > 1)
        {
            Add("caching.hit_rate", "must be between 0 and 1");
        }

        if (Caching.TtlMinutes is <= 0)
        {
            Add("caching.ttl_minutes", "must be positive");
        }

        if (Plans.IsDefaultOrEmpty)
        {
            Add("plans", "at least one plan is needed");
        }

        foreach (var p in Plans)
        {
            var path = "plans." + p.Id;
            if (p.MonthlyPrice < 0)
            {
                Add(path + ".price", "cannot be negative");
            }

            if (p.OveragePrice < 0)
            {
                Add(path + ".overage_price", "cannot be negative");
            }

            if (p.Included is < 0)
            {
                Add(path + ".included", "cannot be negative");
            }

            if (p.HardCap is <= 0)
            {
                Add(path + ".hard_cap", "must be positive");
            }
        }

        if (Segments.IsDefaultOrEmpty)
        {
            Add("segments", "at least one segment is needed");
            return problems.ToImmutable();
        }

        var total = Segments.Sum(s => s.Share);
        if (Math.Abs(total - 1) > 1e-6)
        {
            Add("segments", string.Create(CultureInfo.InvariantCulture, $"shares must sum to 1 (they sum to {total:0.######})"));
        }

        foreach (var s in Segments)
        {
            var path = "segments." + s.Id;
            if (s.Share is < 0 or > 1)
            {
                Add(path + ".share", "must be between 0 and 1");
            }

            if (Plan(s.PlanId) is null)
            {
                Add(path + ".plan", $"unknown plan '{s.PlanId}'; plans: {string.Join(", ", Plans.Select(p => p.Id))}");
            }

            ValidateDistribution(s.Sessions, path + ".sessions", Add);
            ValidateDistribution(s.Steps, path + ".steps", Add);
            ValidateDistribution(s.InputTokens, path + ".input_tokens", Add);
            ValidateDistribution(s.OutputTokens, path + ".output_tokens", Add);
            if (s.SessionStepCorrelation is < -1 or > 1)
            {
                Add(path + ".correlation", "must be between -1 and 1");
            }

            if (s.Routing is not null)
            {
                ValidateRouting(s.Routing, path + ".routing", Add);
            }

            if (s.Agent is not null)
            {
                ValidateAgent(s.Agent, path + ".agent", Add);
            }
        }

        return problems.ToImmutable();
    }

    /// <summary>Checks one distribution's parameters (used by <see cref="Validate"/> and by loaders).</summary>
    public static void ValidateDistribution(Distribution d, string path, Action<string, string> add)
    {
        switch (d)
        {
            case Distribution.Fixed f when !(f.Value >= 0) || double.IsInfinity(f.Value):
                add(path, "must be a finite non-negative number");
                break;
            case Distribution.Normal n when !(n.Mu >= 0) || !(n.Sd >= 0):
                add(path, "normal needs mean ≥ 0 and sd ≥ 0");
                break;
            case Distribution.LogNormal l when !(l.Median > 0):
                add(path + ".median", "must be positive");
                break;
            case Distribution.LogNormal l when !(l.P90 >= l.Median):
                add(path + ".p90", string.Create(CultureInfo.InvariantCulture, $"p90 ({l.P90:G6}) is below the median ({l.Median:G6})"));
                break;
            case Distribution.Pareto p when !(p.Min > 0) || !(p.Alpha > 0):
                add(path, "pareto needs min > 0 and alpha > 0");
                break;
            case Distribution.Capped c:
                if (!(c.Max > 0))
                {
                    add(path + ".max", "must be positive");
                }

                ValidateDistribution(c.Inner, path, add);
                break;
        }
    }

    private void ValidateRouting(Routing routing, string path, Action<string, string> add)
    {
        foreach (var alias in routing.Aliases)
        {
            if (Model(alias) is null)
            {
                add(path, $"unknown model alias '{alias}'; models: {string.Join(", ", Models.Select(m => m.Alias))}");
            }
        }

        switch (routing)
        {
            case Routing.Split split when Math.Abs(split.Shares.Sum(s => s.Share) - 1) > 1e-6 || split.Shares.Any(s => s.Share < 0):
                add(path + ".split", string.Create(CultureInfo.InvariantCulture, $"shares must be non-negative and sum to 1 (they sum to {split.Shares.Sum(s => s.Share):0.######})"));
                break;
            case Routing.Cascade c when c.EscalateShare is < 0 or > 1:
                add(path + ".cascade.escalate_share", "must be between 0 and 1");
                break;
        }
    }

    private static void ValidateAgent(AgentLoop a, string path, Action<string, string> add)
    {
        if (a.SystemPromptTokens < 0)
        {
            add(path + ".system_prompt_tokens", "cannot be negative");
        }

        if (a.UserContextTokens < 0)
        {
            add(path + ".user_context_tokens", "cannot be negative");
        }

        if (a.ToolDefinitionTokens < 0)
        {
            add(path + ".tool_definition_tokens", "cannot be negative");
        }

        if (a.ToolCallsPerStep < 0)
        {
            add(path + ".tool_calls_per_step", "cannot be negative");
        }

        if (a.ToolFeePer1000 is < 0)
        {
            add(path + ".tool_fee_per_1000", "cannot be negative");
        }

        if (a.ReasoningShare is < 0 or >= 1)
        {
            add(path + ".reasoning_share", "must be at least 0 and below 1");
        }

        if (a.ContextCap is <= 0)
        {
            add(path + ".context_cap", "must be positive");
        }

        if (a.StepGapSeconds <= 0)
        {
            add(path + ".step_gap_seconds", "must be positive");
        }

        if (a.SummaryTokens < 0)
        {
            add(path + ".summary_tokens", "cannot be negative");
        }

        ValidateDistribution(a.ToolResultTokens, path + ".tool_result_tokens", add);
    }
}
