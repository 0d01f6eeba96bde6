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

    [Fact]
    public void Simulate_json_carries_margin_intervals_hit_rates_and_top_users()
    {
        var (code, stdout, stderr) = Run("simulate", Example("chat-assistant.yaml"), "--users", "3000", "--seed", "5", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        var ci = root.GetProperty("gross_margin_ci95");
        Assert.True(ci.GetProperty("low").GetDouble() <= root.GetProperty("gross_margin").GetDouble());
        Assert.True(ci.GetProperty("high").GetDouble() >= root.GetProperty("gross_margin").GetDouble());
        Assert.True(root.GetProperty("plans")[1].TryGetProperty("gross_margin_ci95", out _));
        Assert.True(root.GetProperty("cost_per_user").TryGetProperty("mean_ci95", out _));
        Assert.True(root.GetProperty("cost_per_user").GetProperty("ci95").TryGetProperty("p99", out _));
        Assert.Equal(3, root.GetProperty("cache_hit_rates").GetArrayLength());
        Assert.True(root.GetProperty("top_users").GetProperty("share_of_cost").GetDouble() > 0);
    }

    [Fact]
    public void Optimize_json_has_the_contract_fields_and_simulates_first_month_as_baseline()
    {
        var sim = Run("simulate", Example("chat-assistant.yaml"), "--users", "2000", "--seed", "5", "--json");
        var opt = Run("optimize", Example("chat-assistant.yaml"), "--users", "2000", "--seed", "5", "--levers", "switch_model,batch,edge", "--json");
        Assert.True(opt.Code == 0, opt.Err);
        using var s = JsonDocument.Parse(sim.Out);
        using var o = JsonDocument.Parse(opt.Out);
        var baseline = o.RootElement.GetProperty("baseline");
        Assert.Equal(s.RootElement.GetProperty("months")[0].GetProperty("cost").GetDouble(), baseline.GetProperty("monthly_cost").GetDouble(), 6);
        Assert.True(baseline.TryGetProperty("gross_margin", out _));
        Assert.True(baseline.TryGetProperty("p95_user_cost", out _));
        var levers = o.RootElement.GetProperty("levers");
        Assert.Equal(3, levers.GetArrayLength());
        foreach (var f in new[] { "lever", "monthly_saving", "gross_margin_after", "p95_user_cost_after", "one_time_cost", "low", "high", "caveat", "detail" })
        {
            Assert.True(levers[0].TryGetProperty(f, out _), f);
        }

        var savings = levers.EnumerateArray().Select(l => l.GetProperty("monthly_saving").GetDouble()).ToList();
        Assert.Equal(savings.OrderByDescending(x => x), savings);
        var combined = o.RootElement.GetProperty("combined");
        Assert.True(combined.TryGetProperty("levers", out _) && combined.TryGetProperty("monthly_saving", out _) && combined.TryGetProperty("gross_margin_after", out _));
        var table = Run("optimize", Example("batch-document-pipeline.yaml"), "--users", "1000", "--levers", "batch,distillation");
        Assert.True(table.Code == 0, table.Err);
        Assert.Contains("monthly saving by lever", table.Out, StringComparison.Ordinal);
        Assert.Equal(1, Run("optimize", Example("chat-assistant.yaml"), "--levers", "telepathy").Code);
    }

    [Fact]
    public void Forecast_runs_a_price_path_month_by_month()
    {
        var (code, stdout, stderr) = Run("forecast", Example("chat-assistant.yaml"), "--price-path", "decline:0.4/yr", "--months", "6", "--users", "1000", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var months = doc.RootElement.GetProperty("months");
        Assert.Equal(6, months.GetArrayLength());
        Assert.True(months[5].GetProperty("price_factor_premium").GetDouble() < 1);
        Assert.True(months[5].GetProperty("p95_user_cost").GetDouble() > 0);
        Assert.True(doc.RootElement.GetProperty("break_even_price_factor").GetDouble() > 1);
        var table = Run("forecast", Example("coding-agent.yaml"), "--price-path", "end-of-subsidies", "--months", "12", "--users", "500");
        Assert.True(table.Code == 0, table.Err);
        Assert.Contains("gross margin by month", table.Out, StringComparison.Ordinal);
        Assert.Equal(1, Run("forecast", Example("chat-assistant.yaml"), "--price-path", "sideways:2").Code);
    }

    [Fact]
    public void Diff_writes_a_pull_request_summary_in_markdown()
    {
        var (code, stdout, stderr) = Run("diff", Example("chat-assistant.yaml"), "--set", "agent.system_prompt_tokens=6000", "--users", "2000", "--format", "markdown");
        Assert.True(code == 0, stderr);
        Assert.StartsWith("## InferCost estimate", stdout, StringComparison.Ordinal);
        Assert.Contains("Monthly inference cost will **increase by $", stdout, StringComparison.Ordinal);
        Assert.Contains("| Monthly cost |", stdout, StringComparison.Ordinal);
        Assert.Contains("| pro |", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Price_plan_reports_its_out_of_sample_check_and_sensitivity_accepts_zero()
    {
        var (code, stdout, stderr) = Run("price-plan", Example("chat-assistant.yaml"), "--plan", "pro", "--users", "3000", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("safety_percentile").GetDouble() > 95);
        Assert.InRange(root.GetProperty("validated_share").GetDouble(), 0.9, 1);
        Assert.True(root.GetProperty("validated_share_ci95").TryGetProperty("low", out _));
        Assert.Equal(0, Run("sensitivity", Example("batch-document-pipeline.yaml"), "--users", "500", "--change", "0").Code);
    }
}
