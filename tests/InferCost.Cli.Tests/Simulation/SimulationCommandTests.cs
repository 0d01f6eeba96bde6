using System.Text.Json;
using InferCost.Cli;
using static InferCost.Cli.Tests.CliRunner;

namespace InferCost.Cli.Tests.Simulation;

public class SimulationCommandTests
{
    private static string Example(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "examples")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir!.FullName, "examples", name);
    }

    [Fact]
    public void Simulate_json_has_the_contract_fields()
    {
        var (code, stdout, stderr) = Run("simulate", Example("chat-assistant.yaml"), "--users", "3000", "--seed", "5", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        var plan = root.GetProperty("plans")[1];
        Assert.Equal("pro", plan.GetProperty("plan").GetString());
        foreach (var f in new[] { "users", "revenue_per_user", "unprofitable_share", "gross_margin" })
        {
            Assert.True(plan.TryGetProperty(f, out _), f);
        }

        foreach (var f in new[] { "p50", "p90", "p95", "p99", "max", "mean" })
        {
            Assert.True(plan.GetProperty("cost_per_user").TryGetProperty(f, out _), f);
            Assert.True(plan.GetProperty("margin_per_user").TryGetProperty(f, out _), f);
        }

        Assert.Equal(12, root.GetProperty("months").GetArrayLength());
        Assert.True(root.GetProperty("cost_by_dimension").TryGetProperty("cache_write", out _));
        Assert.Equal(2, root.GetProperty("cost_by_model").GetArrayLength());
    }

    [Fact]
    public void Simulate_is_reproducible_and_renders_tables_and_csv()
    {
        var a = Run("simulate", Example("coding-agent.yaml"), "--users", "2000", "--json");
        var b = Run("simulate", Example("coding-agent.yaml"), "--users", "2000", "--json");
        Assert.Equal(a.Out, b.Out);
        var table = Run("simulate", Example("coding-agent.yaml"), "--users", "2000");
        Assert.Equal(0, table.Code);
        Assert.Contains("gross margin", table.Out, StringComparison.Ordinal);
        var csv = Run("simulate", Example("coding-agent.yaml"), "--users", "2000", "--csv");
        Assert.StartsWith("plan,users,", csv.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_with_set_shows_the_change()
    {
        var (code, stdout, stderr) = Run("diff", Example("chat-assistant.yaml"), "--set", "segments.pro.sessions.median=40", "--set", "segments.pro.sessions.p90=160", "--users", "3000", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var pro = doc.RootElement.GetProperty("diff").GetProperty("plans").EnumerateArray().Single(p => p.GetProperty("plan").GetString() == "pro");
        Assert.True(pro.GetProperty("cost_mean_change").GetDouble() > 0);
    }

    [Fact]
    public void Price_plan_and_sensitivity_run()
    {
        var (code, stdout, stderr) = Run("price-plan", Example("chat-assistant.yaml"), "--plan", "pro", "--percentile", "95", "--margin", "0.6", "--users", "3000", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.True(doc.RootElement.GetProperty("required_price").GetDouble() > 20);
        Assert.Equal(3, doc.RootElement.GetProperty("pricing_models").GetArrayLength());
        var s = Run("sensitivity", Example("batch-document-pipeline.yaml"), "--users", "1000");
        Assert.True(s.Code == 0, s.Err);
        Assert.Contains("sessions per user", s.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Scenario_check_reports_file_line_and_field()
    {
        var path = Path.Combine(Path.GetTempPath(), $"infercost-{Guid.NewGuid():N}.yaml");
        try
        {
            var (code, stdout, _) = Run("scenario", "new", "--model", "gpt-5.4-mini");
            Assert.Equal(0, code);
            File.WriteAllText(path, stdout);
            Assert.Equal(0, Run("scenario", "check", path).Code);
            File.WriteAllText(path, stdout.Replace("id: gpt-5.4-mini", "id: gpt-5.4-minny", StringComparison.Ordinal));
            var bad = Run("scenario", "check", path);
            Assert.Equal(1, bad.Code);
            Assert.Matches(@":\d+: models\.main\.id: Unknown model 'gpt-5.4-minny'", bad.Err);
            var sim = Run("simulate", path, "--users", "100");
            Assert.Equal(1, sim.Code);
            Assert.Empty(sim.Out);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
