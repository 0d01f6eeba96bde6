using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using InferCost.Application.Json;
using InferCost.Application.Forecasting;
using InferCost.Application.Optimization;
using InferCost.Application.Rendering;
using InferCost.Application.Simulation;
using InferCost.Cli.Rendering;
using InferCost.Data.Scenarios;
using InferCost.Errors;
using InferCost.Simulation;
using InferCost.Workloads;
using Spectre.Console;

namespace InferCost.Cli.Commands;

/// <summary>Scenario simulation commands: simulate, diff, sensitivity, price-plan, scenario new / check.</summary>
internal static class SimulationCommands
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void AddTo(RootCommand root, CliContext ctx)
    {
        root.Subcommands.Add(SimulateCommand(ctx));
        root.Subcommands.Add(DiffCommand(ctx));
        root.Subcommands.Add(SensitivityCommand(ctx));
        root.Subcommands.Add(PricePlanCommand(ctx));
        root.Subcommands.Add(ScenarioCommand(ctx));
        root.Subcommands.Add(OptimizeCommand(ctx));
        root.Subcommands.Add(ForecastCommand(ctx));
    }

    private static Command OptimizeCommand(CliContext ctx)
    {
        var file = ScenarioArgument();
        var levers = new Option<string?>("--levers") { Description = "Levers to price, comma-separated (default: all): " + string.Join(", ", Optimization.Optimizer.AllLevers) };
        var users = UsersOption(20_000);
        var seed = SeedOption();
        var set = SetOption();
        var cmd = new Command("optimize", "What to change first: each cost lever re-simulated on the same users, ranked by monthly saving") { file, levers, users, seed, set };
        cmd.SetAction(pr =>
        {
            var catalog = CliCatalog.Load(pr);
            var names = (pr.GetValue(levers) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var request = new OptimizeRequest(pr.GetValue(file)!.FullName, names, pr.GetValue(users), pr.GetValue(seed), pr.GetValue(set));
            var result = OptimizeService.Run(request, catalog, DateOnly.FromDateTime(DateTime.UtcNow));
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(result, AppJson.Context.OptimizationResult);
            }
            else
            {
                OptimizeRenderer.Render(ctx.Console, result);
            }

            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command ForecastCommand(CliContext ctx)
    {
        var file = ScenarioArgument();
        var path = new Option<string>("--price-path") { Description = "decline:0.4/yr | rise:0.3/yr | rise:0.3[@MONTH] | epoch | end-of-subsidies | TIER=PATH,... | a CSV file (month,premium,mid,commodity)", DefaultValueFactory = _ => "epoch" };
        var months = new Option<int>("--months") { Description = "Months to forecast", DefaultValueFactory = _ => 24 };
        var users = UsersOption(20_000);
        var seed = SeedOption();
        var set = SetOption();
        var cmd = new Command("forecast", "Margin, break-even and the p95 user's cost month by month as prices follow a path") { file, path, months, users, seed, set };
        cmd.SetAction(pr =>
        {
            var catalog = CliCatalog.Load(pr);
            var request = new ForecastRequest(pr.GetValue(file)!.FullName, pr.GetValue(path)!, pr.GetValue(months), pr.GetValue(users), pr.GetValue(seed), pr.GetValue(set));
            var result = ForecastService.Run(request, catalog, DateOnly.FromDateTime(DateTime.UtcNow));
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(result, AppJson.Context.ForecastResult);
            }
            else
            {
                ForecastRenderer.Render(ctx.Console, result);
            }

            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Option<int> UsersOption(int defaultUsers) => new("--users") { Description = "Simulated users (a sample of the scenario's population)", DefaultValueFactory = _ => defaultUsers };

    private static Option<ulong> SeedOption() => new("--seed") { Description = "Random seed: same seed, same result on any number of threads", DefaultValueFactory = _ => 42UL };

    private static Option<string[]> SetOption() => new("--set") { Description = "Override a scenario field, e.g. --set segments.pro.sessions.median=40 (repeatable)", AllowMultipleArgumentsPerToken = false };

    private static Argument<FileInfo> ScenarioArgument(string name = "SCENARIO") => new(name) { Description = "Scenario YAML file (see examples/)" };

    private static Command SimulateCommand(CliContext ctx)
    {
        var file = ScenarioArgument();
        var users = UsersOption(100_000);
        var seed = SeedOption();
        var set = SetOption();
        var csv = new Option<bool>("--csv") { Description = "Write per-plan results as CSV" };
        var threads = new Option<int?>("--threads") { Description = "Most threads to use (default: all cores)" };
        var cmd = new Command("simulate", "Monte Carlo cost and margin per user and per plan for a scenario") { file, users, seed, set, csv, threads };
        cmd.SetAction(pr =>
        {
            var request = new SimulateRequest
            {
                Scenario = ScenarioInput.FromFile(pr.GetValue(file)!.FullName),
                Users = pr.GetValue(users),
                Seed = pr.GetValue(seed),
                Set = pr.GetValue(set) ?? [],
                Threads = pr.GetValue(threads),
            };
            var json = pr.GetValue(CommonOptions.Json);
            var progress = !json && !pr.GetValue(csv) && request.Users >= 500_000 && ctx.IsProcessConsole && !Console.IsErrorRedirected
                ? new ConsoleProgress(ctx.Error)
                : null;
            var sw = Stopwatch.StartNew();
            var result = new SimulationService(CliCatalog.Source(pr)).Simulate(request, progress);
            sw.Stop();
            if (json)
            {
                ctx.WriteJson(result, AppJson.Context.SimulationResult);
            }
            else if (pr.GetValue(csv))
            {
                ctx.Out.Write(SimulationCsv.Plans(result));
            }
            else
            {
                SimulationTables.Simulate(ctx.Console, result, sw.Elapsed);
            }

            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command DiffCommand(CliContext ctx)
    {
        var a = ScenarioArgument("A");
        var b = new Argument<FileInfo?>("B") { Description = "Second scenario (default: A with the --set overrides)", Arity = ArgumentArity.ZeroOrOne };
        var users = UsersOption(50_000);
        var seed = SeedOption();
        var set = SetOption();
        var format = new Option<string>("--format") { Description = "table (default), json, or markdown (an Infracost-style pull-request comment)", DefaultValueFactory = _ => "table" };
        var cmd = new Command("diff", "Two scenarios (or one with --set overrides) side by side: the cost of a change before it ships") { a, b, users, seed, set, format };
        cmd.SetAction(pr =>
        {
            var fileB = pr.GetValue(b);
            var request = new DiffRequest
            {
                A = ScenarioInput.FromFile(pr.GetValue(a)!.FullName),
                B = fileB is null ? null : ScenarioInput.FromFile(fileB.FullName),
                Users = pr.GetValue(users),
                Seed = pr.GetValue(seed),
                Set = pr.GetValue(set) ?? [],
            };
            var fmt = (pr.GetValue(format) ?? "table").ToLowerInvariant();
            if (fmt is not ("table" or "json" or "markdown" or "md"))
            {
                throw new InferCostException($"--format: expected table, json or markdown, got '{fmt}'");
            }

            var result = new SimulationService(CliCatalog.Source(pr)).Diff(request);
            if (fmt is "markdown" or "md")
            {
                var labelB = fileB is null ? $"{pr.GetValue(a)!.Name} with {string.Join(", ", request.Set)}" : fileB.Name;
                ctx.Out.Write(DiffMarkdownRenderer.Render(result.Diff, pr.GetValue(a)!.Name, labelB, request.Users, request.Seed));
                return ExitCodes.Ok;
            }

            if (pr.GetValue(CommonOptions.Json) || fmt == "json")
            {
                ctx.WriteJson(result, AppJson.Context.DiffResult);
                return ExitCodes.Ok;
            }

            SimulationTables.Diff(ctx.Console, result, fileB is null);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command SensitivityCommand(CliContext ctx)
    {
        var file = ScenarioArgument();
        var users = UsersOption(20_000);
        var seed = SeedOption();
        var set = SetOption();
        var change = new Option<double>("--change") { Description = "Relative change of each input (0.2 = ±20 %)", DefaultValueFactory = _ => 0.2 };
        var cmd = new Command("sensitivity", "Tornado: which input moves gross margin most when each is moved ±X %") { file, users, seed, set, change };
        cmd.SetAction(pr =>
        {
            var request = new SensitivityRequest
            {
                Scenario = ScenarioInput.FromFile(pr.GetValue(file)!.FullName),
                Users = pr.GetValue(users),
                Seed = pr.GetValue(seed),
                Set = pr.GetValue(set) ?? [],
                Change = pr.GetValue(change),
            };
            var result = new SimulationService(CliCatalog.Source(pr)).Sensitivity(request);
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(result, AppJson.Context.ScenarioSensitivityResult);
                return ExitCodes.Ok;
            }

            SimulationTables.Sensitivity(ctx.Console, result);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command PricePlanCommand(CliContext ctx)
    {
        var file = ScenarioArgument();
        var plan = new Option<string>("--plan") { Description = "The plan to design", Required = true };
        var percentile = new Option<double>("--percentile") { Description = "The user percentile that must keep the margin (e.g. 95)", DefaultValueFactory = _ => 95 };
        var margin = new Option<double>("--margin") { Description = "Target gross margin for that user (0.6 = 60 %)", DefaultValueFactory = _ => 0.6 };
        var users = UsersOption(100_000);
        var seed = SeedOption();
        var set = SetOption();
        var cmd = new Command("price-plan", "The lowest monthly price, or the usage cap, at which the pN user of a plan keeps a target margin") { file, plan, percentile, margin, users, seed, set };
        cmd.SetAction(pr =>
        {
            var request = new PricePlanRequest
            {
                Scenario = ScenarioInput.FromFile(pr.GetValue(file)!.FullName),
                Plan = pr.GetValue(plan)!,
                Percentile = pr.GetValue(percentile),
                Margin = pr.GetValue(margin),
                Users = pr.GetValue(users),
                Seed = pr.GetValue(seed),
                Set = pr.GetValue(set) ?? [],
            };
            var design = new SimulationService(CliCatalog.Source(pr)).PricePlan(request);
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(design, AppJson.Context.PlanDesign);
                return ExitCodes.Ok;
            }

            SimulationTables.PricePlan(ctx.Console, design);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command ScenarioCommand(CliContext ctx)
    {
        var cmd = new Command("scenario", "Create and check scenario files");
        var output = new Argument<FileInfo?>("FILE") { Description = "Where to write the starter (default: standard output)", Arity = ArgumentArity.ZeroOrOne };
        var model = new Option<string>("--model") { Description = "Catalog model id", DefaultValueFactory = _ => "gpt-5.4" };
        var price = new Option<double>("--price") { Description = "Monthly price of the paid plan", DefaultValueFactory = _ => 20 };
        var userCount = new Option<int>("--users") { Description = "Active users in the first month", DefaultValueFactory = _ => 10_000 };
        var paid = new Option<double>("--paid-share") { Description = "Share of users on the paid plan", DefaultValueFactory = _ => 0.1 };
        var agent = new Option<bool>("--agent") { Description = "Start from an agent loop (tools, growing context) instead of a chat" };
        var create = new Command("new", "Write a commented starter scenario (free + paid plan) to edit") { output, model, price, userCount, paid, agent };
        create.SetAction(pr =>
        {
            var catalog = CliCatalog.Load(pr);
            var id = pr.GetValue(model)!;
            try
            {
                catalog.Resolve(id);
            }
            catch (Pricing.UnknownModelException ex)
            {
                throw new InferCostException("--model: " + ex.Message);
            }

            var share = pr.GetValue(paid);
            if (share is <= 0 or >= 1)
            {
                throw new InferCostException("--paid-share must be between 0 and 1");
            }

            var text = Starter(id, pr.GetValue(price), pr.GetValue(userCount), share, pr.GetValue(agent));
            if (pr.GetValue(output) is { } f)
            {
                if (f.Exists)
                {
                    throw new InferCostException($"{f.FullName} exists; choose another file");
                }

                File.WriteAllText(f.FullName, text);
                ctx.Console.MarkupLine($"Wrote {Markup.Escape(f.FullName)}. Next: [bold]infercost scenario check {Markup.Escape(f.Name)}[/] then [bold]infercost simulate {Markup.Escape(f.Name)}[/]");
            }
            else
            {
                ctx.Out.Write(text);
            }

            return ExitCodes.Ok;
        });
        var file = ScenarioArgument("FILE");
        var set = SetOption();
        var check = new Command("check", "Validate a scenario file: every problem with its line and field") { file, set };
        check.SetAction(pr =>
        {
            var catalog = CliCatalog.Load(pr);
            var path = pr.GetValue(file)!;
            var (scenario, issues) = ScenarioLoader.Check(path.FullName, catalog, (pr.GetValue(set) ?? []).Select(ScenarioOverride.Parse));
            var displayed = issues.Select(i => i with { File = path.ToString() }).ToList();
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(new { file = path.ToString(), valid = issues.IsEmpty, problems = displayed });
            }
            else if (issues.IsEmpty)
            {
                ctx.Console.MarkupLine($"[green]ok[/] {Markup.Escape(path.ToString())}: {Markup.Escape(scenario!.Name)} — {scenario.Segments.Length} segments, {scenario.Plans.Length} plans, models {Markup.Escape(string.Join(", ", scenario.Models.Select(m => m.ModelId)))}");
            }
            else
            {
                foreach (var i in displayed)
                {
                    ctx.Error.WriteLine($"error: {i}");
                }
            }

            return issues.IsEmpty ? ExitCodes.Ok : ExitCodes.UserError;
        });
        cmd.Subcommands.Add(create);
        cmd.Subcommands.Add(check);
        return cmd;
    }

    private static string Starter(string model, double price, int users, double paidShare, bool agent)
    {
        var free = (1 - paidShare).ToString("0.###", Inv);
        var paid = paidShare.ToString("0.###", Inv);
        var agentBlock = agent
            ? """
              agent:
                system_prompt_tokens: 4000      # instructions sent on every call
                tool_definition_tokens: 2000    # tool schemas sent on every call
                tool_result_tokens: { median: 800, p90: 4000 }   # what tools return per step
                tool_calls_per_step: 0.2        # paid tool calls (web search) per step
                reasoning_share: 0.3            # share of billed output that is reasoning
                context_cap: 128000             # then truncate or summarize
                context_policy: summarize
                step_gap_seconds: 15            # drives the cache hit model
              """
            : """
              agent:
                system_prompt_tokens: 1500      # instructions sent on every call
                step_gap_seconds: 40            # time between turns; drives the cache hit model
              """;
        return $"""
            # yaml-language-server: $schema=https://infercost.dev/schemas/scenario.schema.json
            # Starter scenario: edit the numbers, then `infercost scenario check` and `infercost simulate`.
            # Distributions: a number (fixed), {"{"} median: M, p90: Q {"}"} (lognormal), {"{"} mean: M, sd: S {"}"},
            # {"{"} pareto: {"{"} min: X, alpha: A {"}"} {"}"}, or {"{"} table: [[value, weight], ...] {"}"}; add max: to cap.
            name: My AI product
            users: {users}
            horizon: {"{"} months: 12, growth: 0.05, churn: 0.03 {"}"}
            models:
              main: {"{"} id: {model} {"}"}
            routing: main
            {agentBlock.TrimEnd()}
            caching:
              enabled: true                     # provider rules apply (TTL, minimum length, write premium)
            plans:
              free: {"{"} price: 0, meter: calls, hard_cap: 200 {"}"}
              paid: {"{"} price: {price.ToString("0.##", Inv)}, meter: calls {"}"}
            segments:
              free:
                share: {free}
                plan: free
                sessions: {"{"} median: 5, p90: 20 {"}"}      # per user per month
                steps: {"{"} median: {(agent ? "8, p90: 30" : "3, p90: 8")} {"}"}        # model calls per session
                input_tokens: {"{"} median: 150, p90: 600 {"}"}
                output_tokens: {"{"} median: 400, p90: 1000 {"}"}
              paid:
                share: {paid}
                plan: paid
                sessions: {"{"} median: 25, p90: 100 {"}"}
                steps: {"{"} median: {(agent ? "12, p90: 45" : "4, p90: 12")} {"}"}
                input_tokens: {"{"} median: 300, p90: 1500 {"}"}
                output_tokens: {"{"} median: 500, p90: 1400 {"}"}
                correlation: 0.3                # heavy session users also run long sessions

            """;
    }

    private sealed class ConsoleProgress(TextWriter error) : IProgress<double>
    {
        private int _last = -1;

        public void Report(double value)
        {
            var pct = (int)(value * 100);
            if (pct / 5 != Interlocked.Exchange(ref _last, pct) / 5 || pct == 100)
            {
                lock (this)
                {
                    var bar = new string('█', pct / 5).PadRight(20, '░');
                    error.Write($"\rsimulating {bar} {pct,3}%");
                    if (pct == 100)
                    {
                        error.Write('\r' + new string(' ', 40) + '\r');
                    }
                }
            }
        }
    }
}
