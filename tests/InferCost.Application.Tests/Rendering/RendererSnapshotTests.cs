using InferCost.Application.Rendering;
using InferCost.Application.Tests.Fixtures;

namespace InferCost.Application.Tests.Rendering;

/// <summary>
/// Every operation's result rendered as CSV, markdown and HTML for fixed inputs, compared with the files in
/// Snapshots/ (INFERCOST_UPDATE_SNAPSHOTS=1 rewrites them).
/// </summary>
public class RendererSnapshotTests
{
    public static TheoryData<string> Names => [.. Documents.Keys];

    private static readonly Dictionary<string, Func<ReportDocument>> Documents = new(StringComparer.Ordinal)
    {
        ["quote"] = () => ReportDocuments.Of(Operations.Pricing.Quote(Operations.QuoteRequest)),
        ["compare"] = () => ReportDocuments.Of(Operations.Pricing.Compare(Operations.CompareRequest)),
        ["pnl"] = () => ReportDocuments.Of(Operations.Business.Pnl(Operations.PnlRequest)),
        ["token-price"] = () => ReportDocuments.Of(Operations.Business.TokenPrice(Operations.TokenPriceRequest)),
        ["perf"] = () => ReportDocuments.Of(Operations.Serving.Perf(Operations.PerfRequest)),
        ["serve-cost"] = () => ReportDocuments.Of(Operations.Serving.ServeCost(Operations.ServeCostRequest)),
        ["plan"] = () => ReportDocuments.Of(Operations.Serving.Plan(Operations.PlanRequest)),
        ["capacity"] = () => ReportDocuments.Of(Operations.Serving.Capacity(Operations.CapacityRequest)),
        ["breakeven"] = () => ReportDocuments.Of(Operations.Serving.BreakEven(Operations.BreakEvenRequest)),
        ["simulate"] = () => ReportDocuments.Of(Operations.Simulation.Simulate(Operations.SimulateRequest)),
        ["diff"] = () => ReportDocuments.Of(Operations.Simulation.Diff(Operations.DiffRequest)),
        ["sensitivity"] = () => ReportDocuments.Of(Operations.Simulation.Sensitivity(Operations.SensitivityRequest)),
        ["price-plan"] = () => ReportDocuments.Of(Operations.Simulation.PricePlan(Operations.PricePlanRequest("pro"))),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Csv_output_matches_its_snapshot(string name) => Snapshot.Match($"{name}.csv", CsvRenderer.Render(Documents[name]()));

    [Theory]
    [MemberData(nameof(Names))]
    public void Markdown_output_matches_its_snapshot(string name) => Snapshot.Match($"{name}.md", MarkdownRenderer.Render(Documents[name]()));

    [Theory]
    [MemberData(nameof(Names))]
    public void Html_output_matches_its_snapshot(string name) => Snapshot.Match($"{name}.html", HtmlRenderer.Render(Documents[name]()));

    [Fact]
    public void Simulation_plan_csv_matches_its_snapshot() =>
        Snapshot.Match("simulate-plans.csv", SimulationCsv.Plans(Operations.Simulation.Simulate(Operations.SimulateRequest)));

    [Fact]
    public void Html_is_self_contained_and_escapes_cell_text()
    {
        var html = HtmlRenderer.Render(new ReportDocument("a <b> & c", [new ReportTable("t", ["x"], [["<script>"]])], ["n & m"]));
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_escapes_pipes_in_cells()
    {
        var md = MarkdownRenderer.Render(new ReportDocument("t", [new ReportTable("", ["a"], [["x|y"]])], []));
        Assert.Contains("x\\|y", md, StringComparison.Ordinal);
    }
}
