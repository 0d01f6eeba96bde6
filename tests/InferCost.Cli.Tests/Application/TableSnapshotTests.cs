using InferCost.Application.Tests.Fixtures;
using InferCost.Cli.Rendering;
using Spectre.Console;

namespace InferCost.Cli.Tests.Application;

/// <summary>
/// Every table renderer's output for fixed inputs (the services on a fixed clock), as plain text at 160 columns,
/// compared with the files in Snapshots/ (INFERCOST_UPDATE_SNAPSHOTS=1 rewrites them).
/// </summary>
public class TableSnapshotTests
{
    public static TheoryData<string> Names => [.. Tables.Keys];

    private static readonly Dictionary<string, Action<IAnsiConsole>> Tables = new(StringComparer.Ordinal)
    {
        ["quote"] = c => PricingTables.Quote(c, Operations.Pricing.Quote(Operations.QuoteRequest)),
        ["compare"] = c => PricingTables.Compare(c, Operations.Pricing.Compare(Operations.CompareRequest)),
        ["pnl"] = c => BusinessTables.Pnl(c, Operations.Business.Pnl(Operations.PnlRequest)),
        ["token-price"] = c => BusinessTables.TokenPrice(c, Operations.Business.TokenPrice(Operations.TokenPriceRequest)),
        ["perf"] = c => ServingTables.Perf(c, Operations.Serving.Perf(Operations.PerfRequest)),
        ["serve-cost"] = c => ServingTables.ServeCost(c, Operations.Serving.ServeCost(Operations.ServeCostRequest), "serve-cost"),
        ["capacity"] = c => ServingTables.Capacity(c, Operations.Serving.Capacity(Operations.CapacityRequest)),
        ["breakeven"] = c => ServingTables.BreakEven(c, Operations.Serving.BreakEven(Operations.BreakEvenRequest)),
        ["simulate"] = c => SimulationTables.Simulate(c, Operations.Simulation.Simulate(Operations.SimulateRequest), TimeSpan.FromSeconds(1)),
        ["diff"] = c => SimulationTables.Diff(c, Operations.Simulation.Diff(Operations.DiffRequest), bIsAWithOverrides: true),
        ["sensitivity"] = c => SimulationTables.Sensitivity(c, Operations.Simulation.Sensitivity(Operations.SensitivityRequest)),
        ["price-plan"] = c => SimulationTables.PricePlan(c, Operations.Simulation.PricePlan(Operations.PricePlanRequest("pro"))),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Table_output_matches_its_snapshot(string name)
    {
        using var writer = new StringWriter();
        Tables[name](CliContext.CreateConsole(writer));
        Snapshot.Match($"{name}.txt", writer.ToString());
    }
}
