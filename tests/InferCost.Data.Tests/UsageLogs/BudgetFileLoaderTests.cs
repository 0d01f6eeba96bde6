using InferCost.Data.UsageLogs;
using InferCost.Errors;
using InferCost.UsageAnalytics;

namespace InferCost.Data.Tests.UsageLogs;

public class BudgetFileLoaderTests
{
    private static BudgetFile Load(string yaml) => BudgetFileLoader.Load("budgets.yaml", new StringReader(yaml));

    [Fact]
    public void Every_scope_reads_with_its_members_amount_and_default_name()
    {
        var file = Load("""
            budgets:
              - all: true
                usd: 100
              - team: core
                users: [u1, u2]
                usd: 20.5
              - user: u7
                usd: 5
              - feature: chat
                usd: 40
              - name: frontier
                model: gpt-4o
                usd: 30
            """);
        Assert.Equal(BudgetChecker.DefaultThresholds, file.Thresholds);
        Assert.Equal(["all", "team core", "user u7", "feature chat", "frontier"], file.Budgets.Select(b => b.Name));
        Assert.Equal([BudgetScope.Total, BudgetScope.Team, BudgetScope.User, BudgetScope.Feature, BudgetScope.Model], file.Budgets.Select(b => b.Scope));
        Assert.Equal(["u1", "u2"], file.Budgets[1].Members);
        Assert.Equal(20.5m, file.Budgets[1].Usd);
    }

    [Fact]
    public void Thresholds_are_read_in_percent_and_sorted()
    {
        var file = Load("thresholds: [100, 80]\nbudgets:\n  - all: true\n    usd: 1\n");
        Assert.Equal([0.8m, 1m], file.Thresholds);
    }

    [Theory]
    [InlineData("budgets:\n  - all: true\n    usdd: 1\n", 3, "budgets[0].usdd", "did you mean usd?")]
    [InlineData("budgets:\n  - user: u1\n    model: gpt-4o\n    usd: 1\n", 2, "budgets[0]", "found user and model")]
    [InlineData("budgets:\n  - team: core\n    usd: 1\n", 2, "budgets[0].users", "needs users")]
    [InlineData("budgets:\n  - user: u1\n    usd: -3\n", 3, "budgets[0].usd", "")]
    [InlineData("budget:\n  - user: u1\n", 1, "budget", "did you mean budgets?")]
    [InlineData("budgets:\n  - user: u1\n    usd: 1\n  - user: u1\n    usd: 2\n", 4, "budgets[1]", "a second budget named 'user u1'")]
    public void A_bad_budget_names_the_file_line_and_field(string yaml, int line, string field, string problem)
    {
        var e = Assert.Throws<InputFileException>(() => Load(yaml));
        Assert.Equal("budgets.yaml", e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }
}
