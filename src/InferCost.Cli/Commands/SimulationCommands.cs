using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using InferCost.Application;
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

    public static void AddTo(RootCommand root)
    {
        root.Subcommands.Add(SimulateCommand());
        root.Subcommands.Add(DiffCommand());
        root.Subcommands.Add(SensitivityCommand());
        root.Subcommands.Add(PricePlanCommand());
        root.Subcommands.Add(ScenarioCommand());
        root.Subcommands.Add(OptimizeCommand());
        root.Subcommands.Add(ForecastCommand());
    }

    private static Command OptimizeCommand()
    {
        var file = ScenarioArgument();
        var levers = new Option<string?>("--levers") { Description = "Levers to price, comma-separated (default: all): " + string.Join(", ", Optimization.Optimizer.AllLevers) };
        var users = UsersOption(20_000);
        var seed = SeedOption();
        var set = SetOption();
        var cmd = new Command("optimize", "What to change first: each cost lever re-simulated on the same users, ranked by monthly saving") { file, levers, users, seed, set };
        cmd.SetAction(pr =>
        {
            var ctx = CliContext.Current;
            var catalog = CliCatalog.Load(pr);
            var names = (pr.GetValue(levers) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var request = new OptimizeRequest(pr.GetValue(file)!.FullName, names, pr.GetValue(users), pr.GetValue(seed), pr.GetValue(set));
            var result = OptimizeService.Run(request, catalog, DateOnly.FromDateTime(DateTime.UtcNow));
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(result);
            }
            else
            {
                OptimizeRenderer.Render(ctx.Console, result);
            }

            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command ForecastCommand()
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
            var ctx = CliContext.Current;
            var catalog = CliCatalog.Load(pr);
            var request = new ForecastRequest(pr.GetValue(file)!.FullName, pr.GetValue(path)!, pr.GetValue(months), pr.GetValue(users), pr.GetValue(seed), pr.GetValue(set));
            var result = ForecastService.Run(request, catalog, DateOnly.FromDateTime(DateTime.UtcNow));
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(result);
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

    private static Command SimulateCommand()
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
            var ctx = CliContext.Current;
            var catalog = CliCatalog.Load(pr);
            var scenario = LoadScenario(pr.GetValue(file)!, catalog, pr.GetValue(set));
            var json = pr.GetValue(CommonOptions.Json);
            var options = Options(pr.GetValue(users), pr.GetValue(seed)) with { MaxDegreeOfParallelism = pr.GetValue(threads) };
            if (!json && !pr.GetValue(csv) && options.Users >= 500_000 && ReferenceEquals(ctx.Out, Console.Out) && !Console.IsErrorRedirected)
            {
                options = options with { Progress = new ConsoleProgress(ctx.Error) };
            }

            var sw = Stopwatch.StartNew();
            var result = MonteCarloEngine.Run(scenario, catalog, options);
            sw.Stop();
            if (json)
            {
                ctx.WriteJson(result);
            }
            else if (pr.GetValue(csv))
            {
                ctx.Out.Write(Csv(result));
            }
            else
            {
                Render(ctx, result, sw.Elapsed);
            }

            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command DiffCommand()
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
            var ctx = CliContext.Current;
            var catalog = CliCatalog.Load(pr);
            var fileA = pr.GetValue(a)!;
            var fileB = pr.GetValue(b);
            var overrides = pr.GetValue(set) ?? [];
            if (fileB is null && overrides.Length == 0)
            {
                throw new InferCostException("diff needs a second scenario B or at least one --set override");
            }

            var scenarioA = LoadScenario(fileA, catalog, fileB is null ? [] : overrides);
            var scenarioB = LoadScenario(fileB ?? fileA, catalog, overrides);
            var options = Options(pr.GetValue(users), pr.GetValue(seed));
            var fmt = (pr.GetValue(format) ?? "table").ToLowerInvariant();
            if (fmt is not ("table" or "json" or "markdown" or "md"))
            {
                throw new InferCostException($"--format: expected table, json or markdown, got '{fmt}'");
            }

            var diff = ScenarioDiff.Compare(MonteCarloEngine.Run(scenarioA, catalog, options), MonteCarloEngine.Run(scenarioB, catalog, options));
            if (fmt is "markdown" or "md")
            {
                var labelB = fileB is null ? $"{fileA.Name} with {string.Join(", ", overrides)}" : fileB.Name;
                ctx.Out.Write(DiffMarkdownRenderer.Render(diff, fileA.Name, labelB, options.Users, options.Seed));
                return ExitCodes.Ok;
            }

            if (pr.GetValue(CommonOptions.Json) || fmt == "json")
            {
                ctx.WriteJson(new { a = fileA.Name, b = fileB?.Name ?? fileA.Name, overrides, diff });
                return ExitCodes.Ok;
            }

            var label = fileB is null ? $"{fileA.Name} with {string.Join(", ", overrides)}" : fileB.Name;
            ctx.Console.MarkupLine($"[bold]A[/] {Markup.Escape(fileA.Name)}   [bold]B[/] {Markup.Escape(label)}");
            var table = new Table().Border(TableBorder.Simple).AddColumns("plan", "cost p50 A", "cost p50 B", "cost p95 A", "cost p95 B", "Δ mean cost/user", "margin/user A", "margin/user B", "gross margin A", "gross margin B");
            foreach (var p in diff.Plans)
            {
                table.AddRow(Markup.Escape(p.Plan), Usd(p.CostP50A), Usd(p.CostP50B), Usd(p.CostP95A), Usd(p.CostP95B), Delta(p.CostMeanChange), Usd(p.MarginPerUserA), Usd(p.MarginPerUserB), Pct(p.GrossMarginA), Pct(p.GrossMarginB));
            }

            ctx.Console.Write(table);
            ctx.Console.MarkupLine($"All users: cost/user {Usd(diff.CostPerUserA)} → {Usd(diff.CostPerUserB)} ({Delta(diff.CostPerUserB - diff.CostPerUserA)}); gross margin {Pct(diff.GrossMarginA)} → {Pct(diff.GrossMarginB)}; horizon cost {Usd(diff.HorizonCostA)} → {Usd(diff.HorizonCostB)}");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command SensitivityCommand()
    {
        var file = ScenarioArgument();
        var users = UsersOption(20_000);
        var seed = SeedOption();
        var set = SetOption();
        var change = new Option<double>("--change") { Description = "Relative change of each input (0.2 = ±20 %)", DefaultValueFactory = _ => 0.2 };
        var cmd = new Command("sensitivity", "Tornado: which input moves gross margin most when each is moved ±X %") { file, users, seed, set, change };
        cmd.SetAction(pr =>
        {
            var ctx = CliContext.Current;
            var catalog = CliCatalog.Load(pr);
            var scenario = LoadScenario(pr.GetValue(file)!, catalog, pr.GetValue(set));
            var result = SensitivityAnalysis.Run(scenario, catalog, Options(pr.GetValue(users), pr.GetValue(seed)), pr.GetValue(change));
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(result);
                return ExitCodes.Ok;
            }

            var pct = result.Change.ToString("P0", Inv);
            ctx.Console.MarkupLine($"[bold]{Markup.Escape(scenario.Name)}[/]: gross margin {Pct(result.BaselineGrossMargin)}, cost/user {Usd(result.BaselineCostPerUser)}; each input moved ±{pct}");
            var table = new Table().Border(TableBorder.Simple).AddColumns("input", $"−{pct}", $"+{pct}", "swing (points)", "");
            var widest = result.Bars.Max(b => b.Swing);
            foreach (var bar in result.Bars)
            {
                var len = widest > 0 ? (int)Math.Round(30 * bar.Swing / widest) : 0;
                table.AddRow(Markup.Escape(bar.Input), Pct(bar.Low), Pct(bar.High), (bar.Swing * 100).ToString("0.00", Inv), new string('█', len));
            }

            ctx.Console.Write(table);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command PricePlanCommand()
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
            var ctx = CliContext.Current;
            var catalog = CliCatalog.Load(pr);
            var scenario = LoadScenario(pr.GetValue(file)!, catalog, pr.GetValue(set));
            if (scenario.Plan(pr.GetValue(plan)!) is null)
            {
                throw new InferCostException($"Unknown plan '{pr.GetValue(plan)}'; plans: {string.Join(", ", scenario.Plans.Select(p => p.Id))}");
            }

            var options = Options(pr.GetValue(users), pr.GetValue(seed));
            var result = MonteCarloEngine.Run(scenario, catalog, options);
            var validation = MonteCarloEngine.Run(scenario, catalog, options with { Seed = PlanDesigner.ValidationSeed(options.Seed) });
            var design = PlanDesigner.Design(scenario, result, validation, pr.GetValue(plan)!, pr.GetValue(percentile), pr.GetValue(margin));
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(design);
                return ExitCodes.Ok;
            }

            var p = design.Percentile.ToString("0.##", Inv);
            ctx.Console.MarkupLine($"[bold]{Markup.Escape(design.Plan)}[/] ({design.Users:N0} simulated users): p{p} user costs {Usd(design.CostAtPercentile)}/month; at {Usd(design.CurrentPrice)} the p{p} margin is {Pct(design.CurrentMarginAtPercentile)}");
            ctx.Console.MarkupLine($"Lowest monthly price for a {design.TargetMargin.ToString("P0", Inv)} margin at p{p}: [bold]{Usd(design.RequiredPrice)}[/] (set at p{design.SafetyPercentile.ToString("0.##", Inv)} of these users for the sampling error)");
            if (design.ValidatedShare is { } vs && design.ValidatedShareCi95 is { } vci)
            {
                ctx.Console.MarkupLine($"Out of sample ({design.ValidationUsers:N0} independent users, seed {design.ValidationSeed}): {vs.ToString("P1", Inv)} keep the margin at that price (95 % CI {vci.Low.ToString("P1", Inv)}–{vci.High.ToString("P1", Inv)}; target {(design.Percentile / 100).ToString("P1", Inv)})");
            }

            var unit = design.Meter == PlanMeter.Calls ? "calls" : "sessions";
            ctx.Console.MarkupLine(design.UsageCap is { } cap
                ? $"Or keep {Usd(design.CurrentPrice)} and cap usage at [bold]{cap.ToString("N0", Inv)} {unit}/month[/] ({Markup.Escape(design.UsageCapNote)})"
                : $"Usage cap: {Markup.Escape(design.UsageCapNote)}");
            var table = new Table().Border(TableBorder.Simple).AddColumns("pricing", "how", "revenue/user", "gross margin", "unprofitable", $"margin at p{p}");
            foreach (var m in design.PricingModels)
            {
                table.AddRow(m.Model, Markup.Escape(m.Description), Usd(m.RevenuePerUser), Pct(m.GrossMargin), m.UnprofitableShare.ToString("P1", Inv), Pct(m.MarginAtPercentile));
            }

            ctx.Console.Write(table);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command ScenarioCommand()
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
            var ctx = CliContext.Current;
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
            var ctx = CliContext.Current;
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

    internal static Scenario LoadScenario(FileInfo file, Pricing.PriceCatalog catalog, string[]? overrides)
    {
        var scenario = ScenarioLoader.Load(file.FullName, catalog, (overrides ?? []).Select(ScenarioOverride.Parse));
        return scenario;
    }

    internal static SimulationOptions Options(int users, ulong seed) => new()
    {
        Users = users,
        Seed = seed,
        Today = DateOnly.FromDateTime(DateTime.UtcNow),
    };

    private static void Render(CliContext ctx, SimulationResult r, TimeSpan elapsed)
    {
        var c = ctx.Console;
        c.MarkupLine($"[bold]{Markup.Escape(r.Scenario)}[/] — {r.Users:N0} simulated users × {r.Months.Length} months from {r.StartMonth}, seed {r.Seed}");
        var plans = new Table().Border(TableBorder.Simple).Title("cost and margin per user-month, by plan")
            .AddColumns("plan", "users", "price", "revenue/user", "cost p50", "p90", "p95", "p99", "max", "mean", "margin p50", "margin p95", "unprofitable", "gross margin");
        foreach (var p in r.Plans)
        {
            plans.AddRow(
                Markup.Escape(p.Plan),
                p.UserShare.ToString("P1", Inv),
                Usd(p.MonthlyPrice),
                Usd(p.RevenuePerUser),
                Usd(p.CostPerUser.P50),
                Usd(p.CostPerUser.P90),
                Usd(p.CostPerUser.P95),
                Usd(p.CostPerUser.P99),
                Usd(p.CostPerUser.Max),
                Usd(p.CostPerUser.Mean),
                Usd(p.MarginPerUser.P50),
                Usd(p.MarginPerUser.P95),
                p.UnprofitableShare.ToString("P1", Inv),
                Pct(p.GrossMargin));
        }

        c.Write(plans);
        var chart = new BarChart().Label("[bold]cost per user-month by percentile (USD)[/]").Width(90);
        var colors = new[] { Color.Green, Color.Yellow, Color.Orange1, Color.Red };
        foreach (var p in r.Plans.Where(p => p.Users > 0))
        {
            chart.AddItem($"{p.Plan} p50", Math.Round(p.CostPerUser.P50, 2), colors[0]);
            chart.AddItem($"{p.Plan} p90", Math.Round(p.CostPerUser.P90, 2), colors[1]);
            chart.AddItem($"{p.Plan} p95", Math.Round(p.CostPerUser.P95, 2), colors[2]);
            chart.AddItem($"{p.Plan} p99", Math.Round(p.CostPerUser.P99, 2), colors[3]);
        }

        c.Write(chart);
        var d = r.CostByDimension;
        var dims = new Table().Border(TableBorder.Simple).Title("mean cost per user-month by dimension and model").AddColumns("model", "input", "cached", "cache write", "output", "reasoning", "tools", "storage", "total", "share");
        foreach (var m in r.CostByModel)
        {
            var x = m.Dimensions;
            dims.AddRow(Markup.Escape($"{m.Alias} ({m.Model})"), Usd(x.Input), Usd(x.Cached), Usd(x.CacheWrite), Usd(x.Output), Usd(x.Reasoning), Usd(x.Tools), Usd(x.Storage), Usd(m.CostPerUser), m.Share.ToString("P0", Inv));
        }

        dims.AddRow("[bold]all[/]", Usd(d.Input), Usd(d.Cached), Usd(d.CacheWrite), Usd(d.Output), Usd(d.Reasoning), Usd(d.Tools), Usd(d.Storage), Usd(d.Total), "100%");
        c.Write(dims);
        var months = new Table().Border(TableBorder.Simple).Title("months").AddColumns("month", "active users", "revenue", "cost", "gross margin");
        foreach (var m in r.Months)
        {
            months.AddRow(m.Date, m.ActiveUsers.ToString("N0", Inv), Usd(m.Revenue), Usd(m.Cost), Pct(m.GrossMargin));
        }

        c.Write(months);
        var hits = string.Join(", ", r.CacheHitRates.Where(h => h.Tokens is null or > 0).Select(h => $"{h.Part} {h.HitRate.ToString("P0", Inv)}"));
        if (hits.Length > 0)
        {
            c.MarkupLine($"[grey]cache hit rate by prompt part: {Markup.Escape(hits)}[/]");
        }

        if (r.GrossMarginCi95 is { } gci)
        {
            c.MarkupLine($"[grey]gross margin 95 % CI {Pct(gci.Low)} – {Pct(gci.High)} (grouped bootstrap); top 0.1 % of users carry {(r.TopUsers?.ShareOfCost ?? 0).ToString("P1", Inv)} of cost{(r.FixedMonthlyCost > 0 ? $"; fixed cache storage {Usd(r.FixedMonthlyCost)}/month" : string.Empty)}[/]");
        }

        foreach (var w in r.Warnings)
        {
            c.MarkupLine($"[yellow]note:[/] {Markup.Escape(w)}");
        }

        var rate = r.UserMonths / Math.Max(elapsed.TotalSeconds, 1e-9);
        c.MarkupLine($"[grey]All users: revenue/user {Usd(r.RevenuePerUser)}, cost/user p50 {Usd(r.CostPerUser.P50)} p95 {Usd(r.CostPerUser.P95)}, gross margin {Pct(r.GrossMargin)}. {r.UserMonths:N0} user-months in {elapsed.TotalSeconds:0.00} s ({rate:N0}/s). Percentile 95 % CIs: --json.[/]");
    }

    private static string Csv(SimulationResult r)
    {
        var sb = new StringBuilder();
        sb.AppendLine("plan,users,user_share,monthly_price,revenue_per_user,cost_p50,cost_p90,cost_p95,cost_p99,cost_max,cost_mean,margin_p50,margin_p90,margin_p95,margin_p99,margin_mean,unprofitable_share,gross_margin");
        foreach (var p in r.Plans)
        {
            var c = p.CostPerUser;
            var m = p.MarginPerUser;
            sb.AppendLine(string.Join(',', new object?[] { p.Plan, p.Users, p.UserShare, p.MonthlyPrice, p.RevenuePerUser, c.P50, c.P90, c.P95, c.P99, c.Max, c.Mean, m.P50, m.P90, m.P95, m.P99, m.Mean, p.UnprofitableShare, p.GrossMargin }
                .Select(v => v switch { double d => d.ToString("R", Inv), null => string.Empty, _ => Convert.ToString(v, Inv) })));
        }

        return sb.ToString();
    }

    private static string Usd(double? v) => v is { } x ? (Math.Abs(x) >= 100 ? x.ToString("N0", Inv) : x.ToString("0.00##", Inv)) : "–";

    private static string Delta(double? v) => v is { } x ? (x >= 0 ? "+" : "−") + Usd(Math.Abs(x)) : "–";

    private static string Pct(double? v) => v is { } x ? x.ToString("P1", Inv) : "–";

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
