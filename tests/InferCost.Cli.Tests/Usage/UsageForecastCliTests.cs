using System.Text.Json;
using static InferCost.Cli.Tests.CliRunner;

namespace InferCost.Cli.Tests.Usage;

public sealed class UsageForecastCliTests
{
    private static readonly string Examples = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "examples", "usage"));

    private static string ImportExamples()
    {
        var dir = Path.Combine(Path.GetTempPath(), "infercost-forecast-cli", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var db = Path.Combine(dir, "u.duckdb");
        var import = Run("usage", "import", Path.Combine(Examples, "gateway.jsonl"), Path.Combine(Examples, "litellm-spendlogs.jsonl"), Path.Combine(Examples, "billing-export.csv"), "--db", db, "--json");
        Assert.True(import.Code == 0, import.Err);
        using var doc = JsonDocument.Parse(import.Out);
        Assert.All(doc.RootElement.GetProperty("files").EnumerateArray(), f => Assert.Equal(0, f.GetProperty("rejected").GetInt64()));
        Assert.Equal(649, doc.RootElement.GetProperty("records_in_store").GetInt64());
        return db;
    }

    private static decimal ReportedNovemberCost(string db)
    {
        var report = Run("usage", "report", "--by", "day", "--top", "100", "--from", "2026-11-01", "--to", "2026-12-01", "--db", db, "--json");
        Assert.True(report.Code == 0, report.Err);
        using var doc = JsonDocument.Parse(report.Out);
        return doc.RootElement.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("cost").GetDecimal());
    }

    [Fact]
    public void Forecast_of_the_sample_month_adds_up_to_the_report_and_projects_the_rest_with_an_interval()
    {
        var db = ImportExamples();
        var reported = ReportedNovemberCost(db);
        var r = Run("usage", "forecast", "--db", db, "--json");
        Assert.True(r.Code == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal("2026-11", root.GetProperty("month").GetString());
        Assert.Equal("2026-11-20", root.GetProperty("data_through").GetString());
        var total = root.GetProperty("total");
        var mtd = total.GetProperty("month_to_date").GetDecimal();
        Assert.Equal(reported, mtd);
        var days = total.GetProperty("days");
        Assert.Equal(30, days.GetArrayLength());
        Assert.Equal(10, days.EnumerateArray().Count(d => d.GetProperty("projected").GetBoolean()));
        var end = total.GetProperty("projected_month_end").GetDecimal();
        Assert.Equal(end, days[29].GetProperty("cumulative").GetDecimal());
        Assert.True(mtd < end);
        Assert.True(total.GetProperty("projected_low").GetDecimal() < end && end < total.GetProperty("projected_high").GetDecimal());
        Assert.Equal(7, total.GetProperty("weekday_factors").GetArrayLength());
    }

    [Fact]
    public void Forecast_by_model_groups_dated_versions_and_a_budget_already_spent_is_crossed_on_a_recorded_day()
    {
        var db = ImportExamples();
        var half = decimal.Round(ReportedNovemberCost(db) / 2, 4);
        var r = Run("usage", "forecast", "--month", "2026-11", "--by", "model", "--budget", half.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", db, "--json");
        Assert.True(r.Code == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var keys = doc.RootElement.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("key").GetString()).ToList();
        Assert.Contains("gpt-4o", keys);
        Assert.DoesNotContain("gpt-4o-2024-08-06", keys);
        Assert.DoesNotContain("gpt-4o-mini-2024-07-18", keys);
        var total = doc.RootElement.GetProperty("total");
        var crossed = DateOnly.Parse(total.GetProperty("budget_crossed_on").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(crossed <= new DateOnly(2026, 11, 20));
        Assert.False(total.GetProperty("budget_crossing_projected").GetBoolean());
        var before = total.GetProperty("days").EnumerateArray().First(d => d.GetProperty("day").GetString() == crossed.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(before.GetProperty("cumulative").GetDecimal() < half);
    }

    [Fact]
    public void Budget_check_exits_3_when_a_threshold_is_crossed_and_0_when_none_is()
    {
        var db = ImportExamples();
        var reported = ReportedNovemberCost(db);
        var crossed = Run("usage", "budget", "check", "--budgets", Path.Combine(Examples, "budgets.yaml"), "--db", db, "--json");
        Assert.True(crossed.Code == 3, crossed.Err);
        Assert.Contains("budget: all:", crossed.Err, StringComparison.Ordinal);
        using (var doc = JsonDocument.Parse(crossed.Out))
        {
            Assert.True(doc.RootElement.GetProperty("crossed").GetBoolean());
            var all = doc.RootElement.GetProperty("budgets")[0];
            Assert.Equal("all", all.GetProperty("scope").GetString());
            Assert.Equal(reported, all.GetProperty("spent").GetDecimal());
            Assert.Equal(75m, all.GetProperty("threshold_crossed").GetDecimal());
        }

        var generous = Path.Combine(Path.GetDirectoryName(db)!, "generous.yaml");
        File.WriteAllText(generous, "budgets:\n  - all: true\n    usd: 1000\n  - model: gpt-4o\n    usd: 1000\n");
        var ok = Run("usage", "budget", "check", "--budgets", generous, "--db", db);
        Assert.True(ok.Code == 0, ok.Err);
        Assert.Contains("model gpt-4o", ok.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_budgets_file_exits_1_naming_the_file_line_and_column()
    {
        var db = ImportExamples();
        var bad = Path.Combine(Path.GetDirectoryName(db)!, "budgets.yaml");
        File.WriteAllText(bad, "budgets:\n  - all: true\n    usdd: 1\n");
        var r = Run("usage", "budget", "check", "--budgets", bad, "--db", db);
        Assert.Equal(1, r.Code);
        Assert.Contains("budgets.yaml:3:5", r.Err, StringComparison.Ordinal);
        Assert.Contains("did you mean usd?", r.Err, StringComparison.Ordinal);
    }
}
