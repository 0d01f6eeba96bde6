using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text;
using InferCost.Application.Json;
using InferCost.Application.Rendering;
using InferCost.Application.Usage;
using InferCost.Cli.Rendering;
using InferCost.Data.UsageLogs;
using InferCost.Errors;
using InferCost.UsageAnalytics;
using Spectre.Console;

namespace InferCost.Cli.Commands;

/// <summary>
/// <c>infercost usage</c>: import real usage logs into a DuckDB store, report cost, re-price on other models and
/// providers (in process or as SQL that runs where the logs live), fit a scenario, export FOCUS CSV.
/// </summary>
internal static class UsageCommands
{
    private static readonly Option<string?> Db = new("--db")
    {
        Description = "The usage store (a DuckDB file); default $INFERCOST_USAGE_DB or usage.duckdb in your data folder",
        Recursive = true,
    };

    private static readonly Option<bool> Csv = new("--csv") { Description = "Write CSV instead of tables" };

    public static void AddTo(RootCommand root, CliContext ctx)
    {
        ArgumentNullException.ThrowIfNull(root);
        var usage = new Command("usage", "Import usage logs, report cost, re-price on other models, fit a scenario, export FOCUS CSV") { Db };
        usage.Subcommands.Add(ImportCommand(ctx));
        usage.Subcommands.Add(ReportCommand(ctx));
        usage.Subcommands.Add(RepriceCommand(ctx));
        usage.Subcommands.Add(FitCommand(ctx));
        usage.Subcommands.Add(ExportCommand(ctx));
        usage.Subcommands.Add(ForecastCommand(ctx));
        usage.Subcommands.Add(BudgetCommand(ctx));
        root.Subcommands.Add(usage);
    }

    private static string DbPath(ParseResult pr) => pr.GetValue(Db) is { Length: > 0 } p ? p : UsageStore.DefaultPath();

    private static Option<string?> TimeOption(string name, string description) => new(name) { Description = description + " (ISO 8601 date or time, UTC)" };

    private static UsageQuery Query(ParseResult pr, Option<string?> from, Option<string?> to)
        => new(ParseTime(pr.GetValue(from), from.Name), ParseTime(pr.GetValue(to), to.Name));

    private static UsageRange Range(ParseResult pr, Option<string?> from, Option<string?> to)
        => new() { From = ParseTime(pr.GetValue(from), from.Name), To = ParseTime(pr.GetValue(to), to.Name) };

    private static UsageService Service(ParseResult pr) => new(DbPath(pr), CliCatalog.Source(pr));

    private static DateTimeOffset? ParseTime(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : throw new InferCostException($"{option}: expected a date or time such as 2025-07-01 or 2025-07-01T12:00:00Z, got '{text}'");
    }

    // ---------------------------------------------------------------- import
    private static readonly string[] FormatNames = ["auto", "openai", "openai-batch", "anthropic", "anthropic-batch", "gemini", "otel", "litellm", "csv", "parquet"];

    private static UsageLogFormat ParseFormat(string name) => name switch
    {
        "openai" => UsageLogFormat.OpenAi,
        "openai-batch" => UsageLogFormat.OpenAiBatch,
        "anthropic" => UsageLogFormat.Anthropic,
        "anthropic-batch" => UsageLogFormat.AnthropicBatch,
        "gemini" => UsageLogFormat.Gemini,
        "otel" => UsageLogFormat.Otel,
        "litellm" => UsageLogFormat.LiteLlm,
        "csv" => UsageLogFormat.Csv,
        "parquet" => UsageLogFormat.Parquet,
        _ => UsageLogFormat.Auto,
    };

    private static string FormatName(UsageLogFormat format) => FormatNames[(int)format];

    private static Command ImportCommand(CliContext ctx)
    {
        var files = new Argument<string[]>("FILE") { Description = "Usage log files", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "Log format: " + string.Join(", ", FormatNames), DefaultValueFactory = _ => "auto" };
        format.AcceptOnlyFromAmong(FormatNames);
        var map = new Option<string[]>("--map") { Description = "CSV/Parquet column mapping field=column (e.g. input_tokens=prompt_tokens); repeatable or comma-separated" };
        var rejects = new Option<string?>("--rejects") { Description = "Folder for reject files (default: rejects/ next to the store)" };
        var at = TimeOption("--at", "Time for records that carry none (default: the file's modification time)");
        var model = new Option<string?>("--model") { Description = "Model for records that name none" };
        var modelMap = new Option<string[]>("--model-map") { Description = "Logged model name (deployment, alias) → catalog model, alias=model; repeatable or comma-separated" };
        var maxRejectShare = new Option<decimal?>("--max-reject-share") { Description = "Exit 1 when a file's rejected share of records exceeds X (0–1)" };
        var cmd = new Command("import", "Import usage logs into the store (one transaction per file; re-imports do not double count)") { files, format, map, rejects, at, model, modelMap, maxRejectShare };
        cmd.SetAction(pr =>
        {
            var dbPath = DbPath(pr);
            var catalog = CliCatalog.Load(pr);
            var mapping = ColumnMapping.Parse(pr.GetValue(map) ?? []);
            var rejectDir = pr.GetValue(rejects) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dbPath))!, "rejects");
            var fmt = ParseFormat(pr.GetValue(format)!);
            var paths = pr.GetValue(files)!;
            var given = ParseTime(pr.GetValue(at), "--at");
            var readOptions = new UsageReadOptions
            {
                DefaultTime = given,
                DefaultModel = pr.GetValue(model) is { Length: > 0 } m ? m : null,
                ModelMap = UsageReadOptions.ParseModelMap(pr.GetValue(modelMap) ?? []),
            };
            if (pr.GetValue(maxRejectShare) is { } share && share is < 0 or > 1)
            {
                throw new InferCostException($"--max-reject-share: expected a share between 0 and 1, got {share.ToString(CultureInfo.InvariantCulture)}");
            }

            foreach (var f in paths)
            {
                if (!File.Exists(f))
                {
                    throw new InferCostException($"{f}: no such file");
                }
            }

            using var store = UsageStore.Open(dbPath);
            var results = new List<ImportResult>();
            var interactive = ReferenceEquals(ctx.Out, Console.Out) && !Console.IsOutputRedirected && !Console.IsErrorRedirected && !pr.GetValue(CommonOptions.Json);
            foreach (var f in paths)
            {
                var rejectFile = Path.Combine(rejectDir, Path.GetFileName(f) + "." + UsageStore.HashFile(f)[..8] + ".rejects.jsonl");
                if (interactive)
                {
                    AnsiConsole.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                        .Start(p =>
                        {
                            var task = p.AddTask(Markup.Escape(Path.GetFileName(f)), maxValue: Math.Max(1, new FileInfo(f).Length));
                            results.Add(store.Import(f, fmt, catalog, rejectFile, mapping, readOptions, new InlineProgress(x => task.Value = x.BytesRead)));
                        });
                }
                else
                {
                    var name = Path.GetFileName(f);
                    results.Add(store.Import(f, fmt, catalog, rejectFile, mapping, readOptions, new InlineProgress(x =>
                        ctx.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"progress: {name} {x.Records} records, {(x.TotalBytes == 0 ? 100 : 100 * x.BytesRead / x.TotalBytes)}%")))));
                }
            }

            var total = store.Count();
            var outcome = ImportOutcome(results, pr.GetValue(maxRejectShare));
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(new
                {
                    db = store.Path,
                    records_in_store = total,
                    files = results.Select(r => new
                    {
                        file = r.File,
                        format = FormatName(r.Format),
                        source_hash = r.SourceHash,
                        records = r.Records,
                        inserted = r.Inserted,
                        duplicates = r.Duplicates,
                        rejected = r.Rejected,
                        failed = r.Failed,
                        reject_share = decimal.Round(r.RejectShare, 6),
                        undated = r.Undated,
                        undated_time = r.FallbackTime,
                        undated_time_source = r.FallbackTime is null ? null : r.FallbackSource == TimeSource.Given ? "--at" : "file modification time",
                        reject_file = r.RejectFile,
                        rejects = r.FirstRejects,
                        failures = r.FirstFailures,
                        cost = CliCatalog.Normalize(r.Cost),
                    }),
                    error = outcome,
                });
                return outcome is null ? ExitCodes.Ok : ExitCodes.UserError;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumns("file", "format", "records", "new", "duplicates", "rejected", "failed calls", "cost $");
            foreach (var r in results)
            {
                table.AddRow(Markup.Escape(Path.GetFileName(r.File)), FormatName(r.Format), N(r.Records), N(r.Inserted), N(r.Duplicates), r.Rejected > 0 ? $"[red]{N(r.Rejected)}[/]" : "0",
                    r.Failed > 0 ? $"[yellow]{N(r.Failed)}[/]" : "0", Usd(r.Cost));
            }

            ctx.Console.Write(table);
            foreach (var r in results.Where(r => r.Rejected > 0))
            {
                foreach (var reject in r.FirstRejects)
                {
                    ctx.Console.MarkupLine($"[yellow]{Markup.Escape($"{Path.GetFileName(r.File)}:{reject.Line}: {reject.Problem}")}[/]");
                }

                ctx.Console.MarkupLine($"[grey]{N(r.Rejected)} rejected line(s) written to {Markup.Escape(r.RejectFile ?? string.Empty)}[/]");
            }

            foreach (var r in results.Where(r => r.Failed > 0))
            {
                ctx.Console.MarkupLine($"[grey]{Markup.Escape(Path.GetFileName(r.File))}: {N(r.Failed)} failed call(s) not counted as usage (first: line {r.FirstFailures[0].Line}, {Markup.Escape(r.FirstFailures[0].Problem)})[/]");
            }

            foreach (var r in results.Where(r => r.FallbackTime is not null))
            {
                var source = r.FallbackSource == TimeSource.Given ? "--at" : "the file's modification time";
                ctx.Console.MarkupLine($"[yellow]{Markup.Escape(Path.GetFileName(r.File))}: {N(r.Undated)} record(s) carry no timestamp; dated {r.FallbackTime:yyyy-MM-dd HH:mm:ss}Z from {source}[/]");
            }

            ctx.Console.MarkupLine($"[grey]{N(total)} records in {Markup.Escape(store.Path)}[/]");
            if (outcome is not null)
            {
                ctx.Error.WriteLine("error: " + outcome);
                return ExitCodes.UserError;
            }

            return ExitCodes.Ok;
        });
        return cmd;
    }

    // A job must be able to trust the exit code: a file with lines and no record, or too many rejects, is a failure.
    private static string? ImportOutcome(List<ImportResult> results, decimal? maxRejectShare)
    {
        foreach (var r in results)
        {
            if (r.Lines > 0 && r.Records == 0)
            {
                return $"{r.File}: no record imported ({r.Rejected} rejected, {r.Failed} failed call(s)); see {r.RejectFile ?? "the messages above"}";
            }

            if (maxRejectShare is { } max && r.RejectShare > max)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{r.File}: {r.Rejected} of {r.Records + r.Rejected} records rejected ({r.RejectShare:P1}), more than --max-reject-share {max}");
            }
        }

        return null;
    }

    // ---------------------------------------------------------------- forecast and budgets
    private static Option<string?> MonthOption() => new("--month") { Description = "The month, YYYY-MM (default: the month of the latest record)" };

    private static Option<string?> AsOfOption() => new("--as-of") { Description = "The last day with complete data, YYYY-MM-DD (default: the day of the latest record)" };

    private static DateOnly? ParseDay(string? text, string option) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new InferCostException($"{option}: expected a day YYYY-MM-DD such as 2026-11-20, got '{text}'");

    private static Command ForecastCommand(CliContext ctx)
    {
        var month = MonthOption();
        var asOf = AsOfOption();
        var budget = new Option<decimal?>("--budget") { Description = "Monthly budget in USD: the day it is crossed (for the total and each group)" };
        var by = new Option<string?>("--by") { Description = "Forecast each user, feature or model too (dated model versions under their model)" };
        by.AcceptOnlyFromAmong("user", "feature", "model");
        var top = new Option<int>("--top") { Description = "Groups to show (highest projection first)", DefaultValueFactory = _ => 20 };
        var cmd = new Command("forecast", "Month-to-date, projected month end (burn rate with weekday seasonality, 80 % interval) and the day a budget is crossed") { month, asOf, budget, by, top };
        cmd.SetAction(pr =>
        {
            using var store = OpenExisting(pr);
            var result = new UsageForecastService(store).Forecast(new UsageForecastRequest
            {
                Month = pr.GetValue(month),
                AsOf = ParseDay(pr.GetValue(asOf), "--as-of"),
                Budget = pr.GetValue(budget),
                By = pr.GetValue(by),
                Top = pr.GetValue(top),
            });
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(result, AppJson.Context.UsageForecastResult);
                return ExitCodes.Ok;
            }

            var t = result.Total;
            ctx.Console.MarkupLine($"[bold]{result.Month}[/]: data through {result.DataThrough:yyyy-MM-dd}, {N(t.Days.Count(d => d.Projected))} day(s) projected");
            var table = new Table().Border(TableBorder.Simple).AddColumns("", "month to date $", "projected month end $", "80 % interval $", "$/day (avg day)", "budget crossed");
            foreach (var f in result.Groups.Prepend(t))
            {
                table.AddRow(Markup.Escape(f.Key), Usd(f.MonthToDate), Usd(f.ProjectedMonthEnd), $"{Usd(f.ProjectedLow)} – {Usd(f.ProjectedHigh)}", Usd(f.DailyRate), Crossing(f));
            }

            ctx.Console.Write(table);
            if (result.OtherGroups > 0)
            {
                ctx.Console.MarkupLine($"[grey]{N(result.OtherGroups)} more group(s); --top to show them[/]");
            }

            ctx.Console.MarkupLine("[grey]weekday factors Mon–Sun: " + string.Join(" ", t.WeekdayFactors.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture))) + "[/]");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static string Crossing(SpendForecast f) => f.Budget is null ? "" : f.BudgetCrossedOn is { } d ? $"{d:yyyy-MM-dd}{(f.BudgetCrossingProjected ? " (projected)" : "")}" : "no";

    /// <summary>The exit code of <c>usage budget check</c> when a budget has reached a threshold.</summary>
    public const int BudgetCrossedExitCode = 3;

    private static Command BudgetCommand(CliContext ctx)
    {
        var budgets = new Option<string>("--budgets") { Description = "The budgets file (YAML; schema examples/usage/budgets.schema.json)", Required = true };
        var month = MonthOption();
        var asOf = AsOfOption();
        var check = new Command("check", $"Check per-user/team/feature/model budgets at 50/75/90/100 % thresholds; exit {BudgetCrossedExitCode} when one is crossed (for cron and CI)") { budgets, month, asOf };
        check.SetAction(pr =>
        {
            using var store = OpenExisting(pr);
            var result = new UsageForecastService(store).Check(new BudgetCheckRequest
            {
                BudgetsFile = pr.GetValue(budgets)!,
                Month = pr.GetValue(month),
                AsOf = ParseDay(pr.GetValue(asOf), "--as-of"),
            });
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(result);
            }
            else
            {
                ctx.Console.MarkupLine($"[bold]{result.Month}[/]: data through {result.DataThrough:yyyy-MM-dd}");
                var table = new Table().Border(TableBorder.Simple).AddColumns("budget", "$", "spent $", "spent", "projected $", "projected", "threshold", "crossed on");
                foreach (var b in result.Budgets)
                {
                    var level = b.ThresholdCrossed is { } c ? $"[red]{c:0.##} %[/]" : b.ThresholdProjected is { } p ? $"[yellow]{p:0.##} % projected[/]" : "ok";
                    table.AddRow(Markup.Escape(b.Name), Usd(b.Usd), Usd(b.Spent), Share(b.SpentShare), Usd(b.ProjectedMonthEnd), Share(b.ProjectedShare), level,
                        b.BudgetCrossedOn is { } d ? $"{d:yyyy-MM-dd}{(b.BudgetCrossingProjected ? " (projected)" : "")}" : "");
                }

                ctx.Console.Write(table);
            }

            foreach (var alert in result.Alerts)
            {
                ctx.Error.WriteLine("budget: " + alert);
            }

            return result.Crossed ? BudgetCrossedExitCode : ExitCodes.Ok;
        });
        var budget = new Command("budget", "Budgets per user, team, feature or model") { check };
        return budget;
    }

    private static string Share(decimal share) => share == decimal.MaxValue ? "∞" : Pct(share);

    private static string Pct(decimal share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    // ---------------------------------------------------------------- report
    private static Command ReportCommand(CliContext ctx)
    {
        var by = new Option<string>("--by") { Description = "Group by user, feature, model, provider or day", DefaultValueFactory = _ => "feature" };
        by.AcceptOnlyFromAmong("user", "feature", "model", "provider", "day");
        var from = TimeOption("--from", "First instant included");
        var to = TimeOption("--to", "First instant excluded");
        var top = new Option<int>("--top") { Description = "Rows to show (most expensive first; days in order)", DefaultValueFactory = _ => 20 };
        var cmd = new Command("report", "Cost and usage totals, per user, feature, model, provider or day") { by, from, to, top, Csv };
        cmd.SetAction(pr =>
        {
            var request = new UsageReportRequest { By = pr.GetValue(by)!, Range = Range(pr, from, to), Top = pr.GetValue(top) };
            var report = Service(pr).Report(request);
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(report, AppJson.Context.UsageReportResult);
                return ExitCodes.Ok;
            }

            if (pr.GetValue(Csv))
            {
                ctx.Out.Write(UsageCsv.Report(report));
                return ExitCodes.Ok;
            }

            UsageTables.Report(ctx.Console, report);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    // ---------------------------------------------------------------- reprice
    private static Command RepriceCommand(CliContext ctx)
    {
        var to = new Option<string[]>("--to") { Description = "Alternative model(s): model or provider/model, comma-separated or repeated", Required = true };
        var cacheHit = new Option<decimal?>("--cache-hit") { Description = "What-if: share R (0–1) of input tokens read from cache on the alternatives" };
        var batchShare = new Option<decimal?>("--batch-share") { Description = "What-if: share S (0–1) of traffic sent through batch APIs" };
        var efficiency = new Option<string[]>("--efficiency") { Description = "Output-token factor per model, model=factor (0.8 = 20% fewer output tokens); repeatable" };
        var at = TimeOption("--at", "Price the alternatives as of this date (default: now)");
        var from = TimeOption("--from", "First instant of traffic included");
        var until = TimeOption("--until", "First instant of traffic excluded");
        var top = new Option<int>("--top") { Description = "Users and features to show per alternative", DefaultValueFactory = _ => 5 };
        var sql = new Option<string?>("--sql") { Description = "Print the re-pricing as one SQL query for postgres or duckdb instead of running it" };
        sql.AcceptOnlyFromAmong("postgres", "duckdb");
        var table = new Option<string>("--table") { Description = "Table the SQL reads (with the usage store's columns)", DefaultValueFactory = _ => "usage_records" };
        var parquet = new Option<string?>("--parquet") { Description = "With --sql duckdb: read a folder of (hive-partitioned) Parquet files in place" };
        var sqlBy = new Option<string?>("--sql-by") { Description = "With --sql: also group by user, feature or model" };
        sqlBy.AcceptOnlyFromAmong("user", "feature", "model");
        var repriceBy = new Option<string?>("--by") { Description = "Show the savings drivers by user, feature or model (dated versions under their model); with --sql, group by it" };
        repriceBy.AcceptOnlyFromAmong("user", "feature", "model");
        var cmd = new Command("reprice", "The same traffic priced on each alternative model, side by side, with savings and who drives them")
        {
            to, cacheHit, batchShare, efficiency, at, from, until, top, sql, table, parquet, sqlBy, repriceBy, Csv,
        };
        cmd.SetAction(pr =>
        {
            var request = new UsageRepriceRequest
            {
                To = [.. (pr.GetValue(to) ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
                CacheHit = pr.GetValue(cacheHit),
                BatchShare = pr.GetValue(batchShare),
                Efficiency = ParseEfficiency(pr.GetValue(efficiency) ?? []),
                At = ParseTime(pr.GetValue(at), "--at"),
                Range = new UsageRange { From = ParseTime(pr.GetValue(from), "--from"), To = ParseTime(pr.GetValue(until), "--until") },
                Top = pr.GetValue(top),
            };
            var service = Service(pr);
            if (pr.GetValue(sql) is { } dialectName)
            {
                var dialect = dialectName == "postgres" ? SqlDialect.Postgres : SqlDialect.DuckDb;
                var source = pr.GetValue(table)!;
                if (pr.GetValue(parquet) is { } folder)
                {
                    if (dialect != SqlDialect.DuckDb)
                    {
                        throw new InferCostException("--parquet works with --sql duckdb");
                    }

                    source = RepriceSql.ParquetSource(folder);
                }

                ReportDimension? group = (pr.GetValue(sqlBy) ?? pr.GetValue(repriceBy)) switch { "user" => ReportDimension.User, "feature" => ReportDimension.Feature, "model" => ReportDimension.Model, _ => null };
                ctx.Out.WriteLine(service.RepriceSql(request, dialect, source, group));
                return ExitCodes.Ok;
            }

            var result = service.Reprice(request);
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(result, AppJson.Context.UsageRepriceResult);
                return ExitCodes.Ok;
            }

            if (pr.GetValue(Csv))
            {
                ctx.Out.Write(UsageCsv.Reprice(result));
                return ExitCodes.Ok;
            }

            UsageTables.Reprice(ctx.Console, result, pr.GetValue(repriceBy));
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static ImmutableDictionary<string, decimal> ParseEfficiency(string[] pairs) => UsageRepriceRequest.ParseEfficiency(pairs);

    // ---------------------------------------------------------------- fit
    private static Command FitCommand(CliContext ctx)
    {
        var output = new Option<string>("--out") { Description = "Scenario YAML file to write", Required = true };
        var from = TimeOption("--from", "First instant included");
        var to = TimeOption("--to", "First instant excluded");
        var gap = new Option<int>("--session-gap") { Description = "Minutes of inactivity that end a session", DefaultValueFactory = _ => 30 };
        var cmd = new Command("fit", "Fit per-segment distributions (sessions, steps, tokens, model) from the logs as a scenario") { output, from, to, gap };
        cmd.SetAction(pr =>
        {
            var request = new UsageFitRequest { Range = Range(pr, from, to), SessionGapMinutes = pr.GetValue(gap) };
            var result = Service(pr).Fit(request);
            var path = Path.GetFullPath(pr.GetValue(output)!);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, result.Yaml, new UTF8Encoding(false));
            result = result with { Out = path };
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(result, AppJson.Context.UsageFitResult);
                return ExitCodes.Ok;
            }

            UsageTables.Fit(ctx.Console, result);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    // ---------------------------------------------------------------- export
    private static Command ExportCommand(CliContext ctx)
    {
        var output = new Option<string?>("--out") { Description = "FOCUS CSV file to write (default: standard output)" };
        var from = TimeOption("--from", "First instant included");
        var to = TimeOption("--to", "First instant excluded");
        var cmd = new Command("export", "Export stored usage as FOCUS 1.x CSV for FinOps tools") { output, from, to };
        cmd.SetAction(pr =>
        {
            using var store = OpenExisting(pr);
            var query = Query(pr, from, to);
            if (pr.GetValue(output) is { } path)
            {
                using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
                var rows = FocusExporter.Write(store, query, writer);
                if (pr.GetValue(CommonOptions.Json))
                {
                    ctx.WriteJson(new { @out = Path.GetFullPath(path), rows });
                }
                else
                {
                    ctx.Console.MarkupLine($"{N(rows)} FOCUS rows → {Markup.Escape(Path.GetFullPath(path))}");
                }
            }
            else
            {
                FocusExporter.Write(store, query, ctx.Out);
            }

            return ExitCodes.Ok;
        });
        return cmd;
    }

    // ---------------------------------------------------------------- helpers
    private static UsageStore OpenExisting(ParseResult pr)
    {
        var path = DbPath(pr);
        if (!File.Exists(path))
        {
            throw new InferCostException($"No usage store at {path}: import logs first (infercost usage import FILE [--db {path}]).");
        }

        return UsageStore.Open(path);
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string N(decimal n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Usd(decimal d) => Math.Abs(d) >= 100 ? d.ToString("N2", CultureInfo.InvariantCulture) : Math.Abs(d) >= 0.01m ? d.ToString("0.0000", CultureInfo.InvariantCulture) : d.ToString("0.########", CultureInfo.InvariantCulture);

    private sealed class InlineProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
