using InferCost.Data.Catalog;
using InferCost.Data.Scenarios;
using InferCost.Errors;
using InferCost.Workloads;

namespace InferCost.Data.Tests.Scenarios;

public class ScenarioLoaderTests
{
    private const string Valid = """
        name: t
        users: 100
        models:
          main: { id: gpt-5.4 }
        routing: main
        plans:
          pro: { price: 20 }
        segments:
          a:
            share: 0.6
            plan: pro
            sessions: { median: 10, p90: 30 }
            input_tokens: 500
            output_tokens: { mean: 300, sd: 50 }
          b:
            share: 0.4
            plan: pro
            sessions: { pareto: { min: 2, alpha: 1.5 }, max: 500 }
            steps: { table: [[1, 3], [4, 1]] }
            input_tokens: 500
            output_tokens: 300
        """;

    private static ScenarioIssue Single(string yaml, string? field = null)
    {
        var (scenario, issues) = ScenarioLoader.Parse(yaml, "s.yaml", CatalogLoader.LoadBuiltIn());
        Assert.Null(scenario);
        var issue = field is null ? Assert.Single(issues) : Assert.Single(issues, i => i.Field == field);
        Assert.Equal("s.yaml", issue.File);
        return issue;
    }

    [Fact]
    public void Reads_every_distribution_form()
    {
        var (scenario, issues) = ScenarioLoader.Parse(Valid, "s.yaml", CatalogLoader.LoadBuiltIn());
        Assert.Empty(issues);
        Assert.IsType<Distribution.LogNormal>(scenario!.Segments[0].Sessions);
        Assert.IsType<Distribution.Normal>(scenario.Segments[0].OutputTokens);
        Assert.IsType<Distribution.Capped>(scenario.Segments[1].Sessions);
        Assert.IsType<Distribution.Empirical>(scenario.Segments[1].Steps);
        Assert.Equal(new Distribution.Fixed(500), scenario.Segments[0].InputTokens);
    }

    [Fact]
    public void Unknown_model_names_line_field_and_nearest_ids()
    {
        var issue = Single(Valid.Replace("id: gpt-5.4 }", "id: gpt-5.4-turbo-x }", StringComparison.Ordinal));
        Assert.Equal(4, issue.Line);
        Assert.Equal("models.main.id", issue.Field);
        Assert.Contains("gpt-5.4", issue.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_median_is_reported_at_its_line()
    {
        var issue = Single(Valid.Replace("sessions: { median: 10, p90: 30 }", "sessions: { median: -10, p90: 30 }", StringComparison.Ordinal));
        Assert.Equal(12, issue.Line);
        Assert.Equal("segments.a.sessions.median", issue.Field);
    }

    [Fact]
    public void P90_below_median_is_reported()
    {
        var issue = Single(Valid.Replace("p90: 30", "p90: 3", StringComparison.Ordinal));
        Assert.Equal("segments.a.sessions.p90", issue.Field);
        Assert.Contains("below the median", issue.Problem, StringComparison.Ordinal);
        Assert.Equal(12, issue.Line);
    }

    [Fact]
    public void Shares_not_summing_to_one_are_reported()
    {
        var issue = Single(Valid.Replace("share: 0.4", "share: 0.3", StringComparison.Ordinal));
        Assert.Equal("segments", issue.Field);
        Assert.Equal(8, issue.Line);
        Assert.Contains("sum to 1", issue.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_plan_is_reported_at_the_segment_plan_line()
    {
        var issue = Single(Valid.Replace("plan: pro\n    sessions: { median", "plan: gold\n    sessions: { median", StringComparison.Ordinal));
        Assert.Equal("segments.a.plan", issue.Field);
        Assert.Equal(11, issue.Line);
        Assert.Contains("unknown plan 'gold'", issue.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_fields_suggest_the_closest()
    {
        var issue = Single(Valid.Replace("    share: 0.6", "    shar: 0.6\n    share: 0.6", StringComparison.Ordinal));
        Assert.Contains("share", issue.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_throws_an_input_file_exception_and_returns_nothing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"infercost-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Valid.Replace("share: 0.4", "share: 0.3", StringComparison.Ordinal));
        try
        {
            var ex = Assert.Throws<InputFileException>(() => ScenarioLoader.Load(path, CatalogLoader.LoadBuiltIn()));
            Assert.Equal(8, ex.Line);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Set_overrides_change_a_field_before_validation()
    {
        var (scenario, issues) = ScenarioLoader.Parse(Valid, "s.yaml", null, [ScenarioOverride.Parse("segments.a.sessions.median=20"), ScenarioOverride.Parse("plans.pro.price=25")]);
        Assert.Empty(issues);
        Assert.Equal(20, ((Distribution.LogNormal)scenario!.Segments[0].Sessions).Median);
        Assert.Equal(25, scenario.Plans[0].MonthlyPrice);
    }

    [Fact]
    public void Every_example_is_valid()
    {
        var dir = FindExamples();
        var files = Directory.GetFiles(dir, "*.yaml");
        Assert.True(files.Length >= 5);
        foreach (var f in files)
        {
            var (_, issues) = ScenarioLoader.Check(f, CatalogLoader.LoadBuiltIn());
            Assert.True(issues.IsEmpty, f + ": " + string.Join("; ", issues));
        }
    }

    internal static string FindExamples()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "examples")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir!.FullName, "examples");
    }

    [Fact]
    public void Reads_month_noise_user_context_and_lever_inputs()
    {
        var yaml = Valid
            + "\nhorizon: { months: 6, month_noise: 0.2, churn_usage_elasticity: 0.5 }"
            + "\nagent: { system_prompt_tokens: 1000, user_context_tokens: 600 }"
            + "\ncaching: { overflow_hit_rate: 0.3 }"
            + "\nlevers:\n  baseline_success_rate: 0.9\n  switch_model:\n    candidates:\n      - { id: gpt-5.4-mini, success_rate: 0.8 }"
            + "\n  batch: { eligible_share: 0.4 }\n  self_host: { model: llama-3.1-70b, load_curve: [1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1] }\n  edge: { share: 0.2 }\n";
        var (scenario, issues) = ScenarioLoader.Parse(yaml, "s.yaml", CatalogLoader.LoadBuiltIn());
        Assert.Empty(issues);
        Assert.Equal(0.2, scenario!.Horizon.MonthNoise);
        Assert.Equal(0.5, scenario.Horizon.ChurnUsageElasticity);
        Assert.Equal(600, scenario.Agent.UserContextTokens);
        Assert.Equal(0.3, scenario.Caching.OverflowHitRate);
        Assert.Equal(0.9, scenario.Levers.BaselineSuccessRate);
        Assert.Equal("gpt-5.4-mini", Assert.Single(scenario.Levers.SwitchCandidates).ModelId);
        Assert.Equal(0.4, scenario.Levers.BatchEligibleShare);
        Assert.Equal(24, scenario.Levers.LoadCurve.Length);
        Assert.Equal(0.2, scenario.Levers.EdgeShare);

        var defaults = ScenarioLoader.Parse(Valid, "s.yaml", CatalogLoader.LoadBuiltIn()).Scenario!;
        Assert.Equal(Horizon.DefaultMonthNoise, defaults.Horizon.MonthNoise);
        Assert.True(defaults.Horizon.MonthNoise > 0);
    }

    [Fact]
    public void An_unknown_lever_is_reported_with_its_line()
    {
        var issue = Single(Valid + "\nlevers:\n  telepathy: { share: 1 }\n", "levers.telepathy");
        Assert.NotNull(issue.Line);
    }
}
