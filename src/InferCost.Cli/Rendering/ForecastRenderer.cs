using System.Globalization;
using InferCost.Forecasting;
using Spectre.Console;

namespace InferCost.Cli.Rendering;

/// <summary>Renders a <see cref="ForecastResult"/> as a table and a margin chart.</summary>
internal static class ForecastRenderer
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Render(IAnsiConsole c, ForecastResult r)
    {
        c.MarkupLine($"[bold]{Markup.Escape(r.Scenario)}[/] along [bold]{Markup.Escape(r.PricePath)}[/] — {r.Users:N0} simulated users, seed {r.Seed}; models: {Markup.Escape(string.Join(", ", r.Models))}");
        var table = new Table().Border(TableBorder.Simple).AddColumns("month", "prices (premium/mid/commodity)", "active users", "revenue", "cost", "gross margin", "p95 user cost");
        foreach (var m in r.Months)
        {
            table.AddRow(m.Date, $"{m.PriceFactorPremium:0.###} / {m.PriceFactorMid:0.###} / {m.PriceFactorCommodity:0.###}", m.ActiveUsers.ToString("N0", Inv), OptimizeRenderer.Money(m.Revenue), OptimizeRenderer.Money(m.Cost), OptimizeRenderer.Pct(m.GrossMargin), OptimizeRenderer.Money(m.P95UserCost));
        }

        c.Write(table);
        var chart = new BarChart().Label("[bold]gross margin by month (%)[/]").Width(80);
        foreach (var m in r.Months.Where(m => m.GrossMargin is not null))
        {
            var pct = Math.Round(m.GrossMargin!.Value * 100, 1);
            chart.AddItem(m.Date, Math.Max(0, pct), pct >= 0 ? Color.Green : Color.Red);
        }

        c.Write(chart);
        c.MarkupLine(r.BreakEvenMonth is { } be ? $"Gross margin crosses zero in month {be}." : "Gross margin does not cross zero over the forecast.");
        if (r.BreakEvenPriceFactor is { } f)
        {
            c.MarkupLine($"Break-even: prices could rise [bold]{f.ToString("0.##", Inv)}×[/] from the first month's before gross margin reaches zero.");
        }
    }
}
