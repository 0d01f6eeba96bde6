using System.CommandLine;
using InferCost.Application.Business;
using InferCost.Application.Json;
using InferCost.Application.Simulation;
using InferCost.Cli.Rendering;

namespace InferCost.Cli.Commands;

/// <summary>Business commands: pnl (a model's monthly P&amp;L and useful-life sweep) and token-price.</summary>
internal static class BusinessCommands
{
    public static void AddTo(RootCommand root, CliContext ctx)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Subcommands.Add(Pnl(ctx));
        root.Subcommands.Add(TokenPrice(ctx));
    }

    private static Command Pnl(CliContext ctx)
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
            var request = new PnlRequest
            {
                Users = parse.GetValue(users),
                PaidShare = parse.GetValue(paidShare),
                Arpu = parse.GetValue(arpu),
                Gpus = parse.GetValue(gpus),
                GpuHourPrice = parse.GetValue(price),
                Scenario = parse.GetValue(scenario) is { } file ? ScenarioInput.FromFile(file.FullName) : null,
                TrainingCost = parse.GetValue(training),
                UsefulLifeMonths = parse.GetValue(life),
                OtherCosts = parse.GetValue(other),
                SweepFrom = parse.GetValue(sweepFrom),
                SweepTo = parse.GetValue(sweepTo),
                SweepStep = parse.GetValue(sweepStep),
            };
            var result = new BusinessService(CliCatalog.Source(parse)).Pnl(request);
            if (parse.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(result, AppJson.Context.PnlResult);
                return ExitCodes.Ok;
            }

            BusinessTables.Pnl(ctx.Console, result);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command TokenPrice(CliContext ctx)
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
            var request = new TokenPriceRequest
            {
                InferenceCost = parse.GetValue(inference),
                InfrastructureCost = parse.GetValue(infrastructure),
                TrainingCost = parse.GetValue(training),
                UsefulLifeMonths = parse.GetValue(life),
                TokensPerMonth = parse.GetValue(tokens),
                FutureInvestmentPerMonth = parse.GetValue(future),
                Margin = parse.GetValue(margin),
            };
            var d = new BusinessService(CliCatalog.Source(parse)).TokenPrice(request);
            if (parse.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(d, AppJson.Context.TokenPriceDecomposition);
                return ExitCodes.Ok;
            }

            BusinessTables.TokenPrice(ctx.Console, d);
            return ExitCodes.Ok;
        });
        return command;
    }
}
