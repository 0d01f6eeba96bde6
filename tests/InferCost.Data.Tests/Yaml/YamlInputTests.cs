using InferCost.Data.Catalog;
using InferCost.Data.Scenarios;
using InferCost.Data.Serving;
using InferCost.Errors;
using InferCost.Testing;

namespace InferCost.Data.Tests.Yaml;

/// <summary>Regression tests for the YAML defects of issue 9: one reader, one error format, every reader strict.</summary>
public class YamlInputTests
{
    private static readonly string ChatAssistant = File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "chat-assistant.yaml"));

    private static ScenarioIssue ScenarioIssue(string yaml)
    {
        var (scenario, issues) = ScenarioLoader.Parse(yaml, "s.yaml", CatalogLoader.LoadBuiltIn());
        Assert.Null(scenario);
        Assert.NotEmpty(issues);
        return issues[0];
    }

    [Theory]
    [InlineData("name: x\nmodels: { main: gpt-5.4\n")]
    [InlineData("models: {{a: 1}: x}\n")]
    [InlineData("segments: {[a]: 1}\n")]
    [InlineData("name: {\nmodels: x\n")]
    [InlineData("models:\n  main: {id: {\n    x: 1\n")]
    public void A_scenario_with_broken_syntax_or_non_text_keys_is_an_issue_with_line_and_column(string yaml)
    {
        var issue = ScenarioIssue(yaml);
        Assert.True(issue.Line >= 1 && issue.Column >= 1, issue.ToString());
        Assert.StartsWith("s.yaml:", issue.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gpus")]
    [InlineData("open-models")]
    [InlineData("calibration")]
    [InlineData("overlay")]
    public void An_unclosed_brace_in_any_catalog_file_is_an_input_error_with_line_and_column(string reader)
    {
        const string Yaml = "x: {a: 1, {b: [\n  c: d\n";
        var ex = Assert.Throws<InputFileException>(() => Read(reader, Yaml));
        Assert.Equal("bad.yaml", ex.File);
        Assert.Equal("(yaml)", ex.Field);
        Assert.True(ex.Line >= 1 && ex.Column >= 1, ex.Message);
        Assert.Matches(@"^bad\.yaml:\d+:\d+: \(yaml\): not valid YAML", ex.Message);
    }

    [Fact]
    public void A_median_of_1e308_fails_the_check_naming_its_field_and_bound()
    {
        var issue = ScenarioIssue(ChatAssistant.Replace("sessions: { median: 6, p90: 25 }", "sessions: { median: 1e308, p90: 25 }", StringComparison.Ordinal));
        Assert.Equal("segments.free.sessions.median", issue.Field);
        Assert.Contains("at most 10000000", issue.Problem, StringComparison.Ordinal);
        Assert.Equal(ChatAssistant.Split('\n').ToList().FindIndex(l => l.Contains("sessions: { median: 6, p90: 25 }", StringComparison.Ordinal)) + 1, issue.Line);
    }

    [Fact]
    public void A_tail_that_reaches_past_the_bound_needs_a_max()
    {
        var issue = ScenarioIssue(ChatAssistant.Replace("sessions: { median: 6, p90: 25 }", "sessions: { pareto: { min: 2, alpha: 0.2 } }", StringComparison.Ordinal));
        Assert.Equal("segments.free.sessions", issue.Field);
        Assert.Contains("add max", issue.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("users: 2.5", "users", "whole number")]
    [InlineData("users: 0", "users", "between 1 and")]
    [InlineData("users: 1e12", "users", "between 1 and 100000000")]
    public void Users_must_be_a_whole_number_in_range(string line, string field, string expected)
    {
        var yaml = string.Join('\n', ChatAssistant.Split('\n').Select(l => l.StartsWith("users:", StringComparison.Ordinal) ? line : l));
        var issue = ScenarioIssue(yaml);
        Assert.Equal(field, issue.Field);
        Assert.Contains(expected, issue.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Horizon_months_must_be_whole()
    {
        var issue = ScenarioIssue(ChatAssistant.Replace("  months: 12\n", "  months: 2.5\n", StringComparison.Ordinal));
        Assert.Equal("horizon.months", issue.Field);
        Assert.Contains("whole number", issue.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gpus", "catalog/gpus.yaml", "    memory_gb:", "    memory_gbs:", "memory_gb")]
    [InlineData("open-models", "catalog/open-models.yaml", "    hidden_size:", "    hiden_size:", "hidden_size")]
    [InlineData("calibration", "catalog/serving-calibration.yaml", " batch: ", " bach: ", "batch")]
    [InlineData("overlay", "catalog/overlay.yaml", "    facts:", "    fact:", "facts")]
    public void A_misspelt_key_in_any_catalog_file_is_rejected_with_the_closest_known_key(string reader, string file, string from, string to, string suggestion)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, file));
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{from} not in {file}");
        var line = text[..at].Count(c => c == '\n') + 1;
        var mutated = text[..at] + to + text[(at + from.Length)..];
        var ex = Assert.Throws<InputFileException>(() => Read(reader, mutated));
        Assert.Equal(line, ex.Line);
        var keyStart = at + (to.Length - to.TrimStart().Length);
        Assert.Equal(keyStart - text.LastIndexOf('\n', at), ex.Column);
        Assert.Contains($"unknown field '{to.Trim().TrimEnd(':')}'; did you mean {suggestion}?", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"bad.yaml:{line}:{ex.Column}: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_rejected_not_recursed()
    {
        var yaml = "gpus: " + new string('[', 10_000);
        var ex = Assert.Throws<InputFileException>(() => Read("gpus", yaml));
        Assert.Contains("nested deeper than 64 levels", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fields_that_must_be_whole_reject_fractions()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "catalog/open-models.yaml"));
        var ex = Assert.Throws<InputFileException>(() => Read("open-models", text.Replace("    layers: 16\n", "    layers: 16.5\n", StringComparison.Ordinal)));
        Assert.EndsWith("layers: must be a whole number, got 16.5", ex.Message, StringComparison.Ordinal);
    }

    private static void Read(string reader, string yaml)
    {
        switch (reader)
        {
            case "gpus":
                GpuCatalogLoader.Load("bad.yaml", new StringReader(yaml));
                break;
            case "open-models":
                OpenModelCatalogLoader.Load("bad.yaml", new StringReader(yaml));
                break;
            case "calibration":
                CalibrationLoader.Load("bad.yaml", new StringReader(yaml));
                break;
            default:
                CatalogOverlay.Apply(CatalogLoader.LoadBuiltIn(), yaml, "bad.yaml");
                break;
        }
    }
}
