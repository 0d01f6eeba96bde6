using System.Globalization;
using InferCost.Application.Business;
using InferCost.Business;
using Spectre.Console;

namespace InferCost.Cli.Rendering;

/// <summary>Tables for P&amp;L and token-price results.</summary>
public static class BusinessTables
{
    /// <summary>Renders the P&amp;L, its break-evens and the useful-life sweep as a bar chart.</summary>
    public static void Pnl(IAnsiConsole c, PnlResult pnl)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(pnl);
        var table = new Table().AddColumns("per month", "USD").Border(TableBorder.Rounded).Title("P&L");
        table.AddRow("revenue", Money(pnl.RevenuePerMonth) + Inv($"  ({pnl.PayingUsers:N0} paying x ${pnl.Arpu})"));
        table.AddRow("serving", Money(-pnl.ServingCostPerMonth) + $"  ({Markup.Escape(pnl.ServingCostBasis)})");
        table.AddRow("training amortized", Money(-pnl.TrainingAmortizationPerMonth) + Inv($"  (${pnl.TrainingCost:N0} / {pnl.UsefulLifeMonths} months)"));
        if (pnl.OtherCostsPerMonth != 0)
        {
            table.AddRow("other", Money(-pnl.OtherCostsPerMonth));
        }

        table.AddRow("[bold]net[/]", $"[bold]{Money(pnl.NetPerMonth)}[/]");
        c.Write(table);
        c.MarkupLine(pnl.BreakEvenUsefulLifeMonths is { } m
            ? Inv($"break-even useful life: [bold]{m:0.0} months[/]")
            : "break-even useful life: none (serving and other costs exceed revenue)");
        if (pnl.BreakEvenArpu is { } a)
        {
            c.MarkupLine(Inv($"break-even ARPU at {pnl.UsefulLifeMonths} months: [bold]${a:N2}[/]"));
        }

        c.Write(SweepChart(pnl.UsefulLifeSweep, pnl.BreakEvenUsefulLifeMonths));
    }

    /// <summary>Renders the token price's components.</summary>
    public static void TokenPrice(IAnsiConsole c, TokenPriceDecomposition d)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(d);
        var table = new Table().AddColumns("component", "USD per 1M tokens").Border(TableBorder.Rounded).Title("token price");
        table.AddRow("inference", P(d.InferencePerMillion));
        table.AddRow("infrastructure", P(d.InfrastructurePerMillion));
        table.AddRow("training recovery", P(d.TrainingRecoveryPerMillion));
        table.AddRow("future investment", P(d.FutureInvestmentPerMillion));
        table.AddRow("margin", P(d.MarginPerMillion));
        table.AddRow("[bold]price[/]", $"[bold]{P(d.PricePerMillion)}[/]");
        c.Write(table);
        c.WriteLine($"market tier (seed 004: commodity $0.01-0.10, mid-tier $0.10-1, premium $3-20): {d.MarketTier}");
    }

    private static Table SweepChart(IReadOnlyList<UsefulLifeRow> sweep, decimal? breakEven)
    {
        var widest = sweep.Max(r => Math.Abs(r.NetPerMonth));
        var firstPositive = breakEven is { } life ? sweep.FirstOrDefault(r => r.UsefulLifeMonths >= life) : null;
        var table = new Table().Border(TableBorder.Rounded).Title("net per month by useful life")
            .AddColumns("useful life", "amortization", "net", "");
        foreach (var row in sweep)
        {
            var width = widest == 0 ? 0 : (int)Math.Round(Math.Abs(row.NetPerMonth) / widest * 30);
            var bar = row.NetPerMonth >= 0 ? $"[green]{new string('#', width)}[/]" : $"[red]{new string('-', width)}[/]";
            var marker = ReferenceEquals(row, firstPositive) ? " <- break-even" : "";
            table.AddRow(Inv($"{row.UsefulLifeMonths} months"), Money(-row.TrainingAmortizationPerMonth), Money(row.NetPerMonth), bar + marker);
        }

        return table;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Money(decimal value) =>
        (value < 0 ? "-$" : "$") + Math.Abs(value).ToString("N0", CultureInfo.InvariantCulture);

    private static string P(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
