using System.CommandLine;
using System.Globalization;
using InferCost.Business;
using InferCost.Errors;
using Spectre.Console;

namespace InferCost.Cli.Commands;

/// <summary>Business commands: pnl (a model's monthly P&amp;L and useful-life sweep) and token-price.</summary>
internal static class BusinessCommands
{
    public static void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Subcommands.Add(Pnl());
        root.Subcommands.Add(TokenPrice());
    }

    private static Command Pnl()
    {
        var users = new Option<long>("--users") { Description = "Monthly users", Required = true };
        var paidShare = new Option<decimal>("--paid-share") { Description = "Share of users who pay, 0 to 1 (0.8 = 80 %)", Required = true };
        var arpu = new Option<decimal>("--arpu") { Description = "USD a paying user pays a month", Required = true };
        var gpus = new Option<long?>("--gpus") { Description = "GPUs in the serving fleet" };
        var price = new Option<decimal?>("--gpu-hour-price") { Description = "USD per GPU-hour" };
        var scenario = new Option<FileInfo?>("--scenario") { Description = "Scenario file whose Monte Carlo result gives the serving cost" };
        var training = new Option<decimal>("--training-cost") { Description = "USD the model cost to train", Required = true };
        var life = new Option<decimal>("--useful-life-months") { Description = "Months the model earns before it is replaced", Required = true };
        var other = new Option<decimal>("--other-costs") { Description = "Other USD a month", DefaultValueFactory = _ => 0m };
        var sweepFrom = new Option<int>("--sweep-from") { Description = "Useful-life sweep start, months", DefaultValueFactory = _ => 6 };
        var sweepTo = new Option<int>("--sweep-to") { Description = "Useful-life sweep end, months", DefaultValueFactory = _ => 48 };
        var sweepStep = new Option<int>("--sweep-step") { Description = "Useful-life sweep step, months", DefaultValueFactory = _ => 6 };
        var command = new Command("pnl", "A model's monthly P&L: revenue, serving, amortized training, net; break-even life and ARPU; useful-life sweep")
        {
            users, paidShare, arpu, gpus, price, scenario, training, life, other, sweepFrom, sweepTo, sweepStep,
        };
        command.SetAction(parse =>
        {
            var fleet = ServingCost(parse, parse.GetValue(users), parse.GetValue(gpus), parse.GetValue(price), parse.GetValue(scenario));
            var inputs = new ProfitAndLossInputs(
                parse.GetValue(users), parse.GetValue(paidShare), parse.GetValue(arpu), fleet.PerMonth, parse.GetValue(training), parse.GetValue(life), parse.GetValue(other));
            var pnl = ProfitAndLoss.Compute(inputs);
            var sweep = UsefulLifeSweep.Run(inputs, parse.GetValue(sweepFrom), parse.GetValue(sweepTo), parse.GetValue(sweepStep));
            var ctx = CliContext.Current;
            if (parse.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(new PnlResult(
                    pnl.RevenuePerMonth, pnl.ServingCostPerMonth, fleet.Basis, pnl.TrainingAmortizationPerMonth, pnl.OtherCostsPerMonth, pnl.NetPerMonth,
                    pnl.GrossMarginPerMonth, pnl.BreakEvenUsefulLifeMonths, pnl.BreakEvenArpu, inputs.PayingUsers, inputs.UsefulLifeMonths, sweep));
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("per month", "USD").Border(TableBorder.Rounded).Title("P&L");
            table.AddRow("revenue", Money(pnl.RevenuePerMonth) + $"  ({inputs.PayingUsers:N0} paying x ${inputs.Arpu})");
            table.AddRow("serving", Money(-pnl.ServingCostPerMonth) + $"  ({Markup.Escape(fleet.Basis)})");
            table.AddRow("training amortized", Money(-pnl.TrainingAmortizationPerMonth) + $"  (${inputs.TrainingCost:N0} / {inputs.UsefulLifeMonths} months)");
            if (pnl.OtherCostsPerMonth != 0)
            {
                table.AddRow("other", Money(-pnl.OtherCostsPerMonth));
            }

            table.AddRow("[bold]net[/]", $"[bold]{Money(pnl.NetPerMonth)}[/]");
            ctx.Console.Write(table);
            ctx.Console.MarkupLine(pnl.BreakEvenUsefulLifeMonths is { } m
                ? $"break-even useful life: [bold]{m:0.0} months[/]"
                : "break-even useful life: none (serving and other costs exceed revenue)");
            if (pnl.BreakEvenArpu is { } a)
            {
                ctx.Console.MarkupLine($"break-even ARPU at {inputs.UsefulLifeMonths} months: [bold]${a:N2}[/]");
            }

            ctx.Console.Write(SweepChart(sweep, pnl.BreakEvenUsefulLifeMonths));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command TokenPrice()
    {
        var inference = new Option<decimal>("--inference-cost") { Description = "GPU serving cost, USD per 1M tokens", Required = true };
        var infrastructure = new Option<decimal>("--infrastructure-cost") { Description = "Other infrastructure, USD per 1M tokens", DefaultValueFactory = _ => 0m };
        var training = new Option<decimal>("--training-cost") { Description = "USD the model cost to train", DefaultValueFactory = _ => 0m };
        var life = new Option<decimal>("--useful-life-months") { Description = "Months the model serves", DefaultValueFactory = _ => 12m };
        var tokens = new Option<decimal>("--tokens-per-month") { Description = "Tokens served a month", Required = true };
        var future = new Option<decimal>("--future-investment-per-month") { Description = "USD a month set aside for the next model", DefaultValueFactory = _ => 0m };
        var margin = new Option<decimal>("--margin") { Description = "Margin as a share of price, 0 to below 1", DefaultValueFactory = _ => 0m };
        var command = new Command("token-price", "Price per 1M tokens that covers inference, infrastructure, training recovery, future investment and margin")
        {
            inference, infrastructure, training, life, tokens, future, margin,
        };
        command.SetAction(parse =>
        {
            var d = TokenPriceDecomposition.Compute(
                parse.GetValue(inference), parse.GetValue(infrastructure), parse.GetValue(training), parse.GetValue(life),
                parse.GetValue(tokens), parse.GetValue(future), parse.GetValue(margin));
            var ctx = CliContext.Current;
            if (parse.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(d);
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("component", "USD per 1M tokens").Border(TableBorder.Rounded).Title("token price");
            table.AddRow("inference", P(d.InferencePerMillion));
            table.AddRow("infrastructure", P(d.InfrastructurePerMillion));
            table.AddRow("training recovery", P(d.TrainingRecoveryPerMillion));
            table.AddRow("future investment", P(d.FutureInvestmentPerMillion));
            table.AddRow("margin", P(d.MarginPerMillion));
            table.AddRow("[bold]price[/]", $"[bold]{P(d.PricePerMillion)}[/]");
            ctx.Console.Write(table);
            ctx.Console.WriteLine($"market tier (seed 004: commodity $0.01-0.10, mid-tier $0.10-1, premium $3-20): {d.MarketTier}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The serving cost per month: a self-hosted fleet from --gpus and --gpu-hour-price, or a scenario's Monte Carlo
    /// mean cost per user-month (20,000 simulated users, seed 42) times --users.
    /// </summary>
    private static (decimal PerMonth, string Basis) ServingCost(ParseResult parse, long users, long? gpus, decimal? price, FileInfo? scenario)
    {
        if (scenario is not null)
        {
            if (gpus is not null || price is not null)
            {
                throw new InferCostException("give either --scenario or --gpus with --gpu-hour-price, not both");
            }

            var catalog = CliCatalog.Load(parse);
            var loaded = SimulationCommands.LoadScenario(scenario, catalog, null);
            var result = Simulation.MonteCarloEngine.Run(loaded, catalog, SimulationCommands.Options(20_000, 42));
            var perUser = (decimal)result.CostPerUser.Mean;
            return (decimal.Round(perUser * users, 2), $"scenario {scenario.Name}: mean ${perUser:0.####} per user-month (Monte Carlo, 20,000 users, seed 42) x {users:N0} users");
        }

        if (gpus is null || price is null)
        {
            throw new InferCostException("the serving cost needs --gpus and --gpu-hour-price (or --scenario FILE)");
        }

        var fleet = new FleetServingCost(gpus.Value, price.Value);
        return (fleet.PerMonth, fleet.Basis);
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
            table.AddRow($"{row.UsefulLifeMonths} months", Money(-row.TrainingAmortizationPerMonth), Money(row.NetPerMonth), bar + marker);
        }

        return table;
    }

    private static string Money(decimal value) =>
        (value < 0 ? "-$" : "$") + Math.Abs(value).ToString("N0", CultureInfo.InvariantCulture);

    private static string P(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private sealed record PnlResult(
        decimal RevenuePerMonth, decimal ServingCostPerMonth, string ServingCostBasis, decimal TrainingAmortizationPerMonth, decimal OtherCostsPerMonth,
        decimal NetPerMonth, decimal GrossMarginPerMonth, decimal? BreakEvenUsefulLifeMonths, decimal? BreakEvenArpu, decimal PayingUsers,
        decimal UsefulLifeMonths, IReadOnlyList<UsefulLifeRow> UsefulLifeSweep);
}
