using System.CommandLine;
using System.Globalization;
using InferCost.Application.Json;
using InferCost.Application.Serving;
using InferCost.Cli.Rendering;
using InferCost.Data.Serving;
using InferCost.Errors;
using InferCost.Serving;
using Spectre.Console;

namespace InferCost.Cli.Commands;

/// <summary>Self-hosting commands: perf (and perf calibrate), serve-cost, plan, capacity, breakeven, bench.</summary>
internal static class ServingCommands
{
    public static void AddTo(RootCommand root, CliContext ctx)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Subcommands.Add(Perf(ctx));
        root.Subcommands.Add(ServeCost(ctx));
        root.Subcommands.Add(Plan(ctx));
        root.Subcommands.Add(Capacity(ctx));
        root.Subcommands.Add(BreakEvenCommand(ctx));
        root.Subcommands.Add(Bench(ctx));
    }

    private static Option<string> ModelOption() => new("--model") { Description = "Open model id, e.g. llama-3.1-70b (see catalog/open-models.yaml)" };

    private static Option<string> GpuOption() => new("--gpu") { Description = "GPU id or alias: h100, h100-pcie, h200, b200, a100, l40s, l4, mi300x" };

    private static Option<string> PrecisionOption() => new("--precision") { Description = "Weight precision: bf16, fp8, int8, int4", DefaultValueFactory = _ => "bf16" };

    private static Option<string?> KvPrecisionOption() => new("--kv-precision") { Description = "KV-cache precision (default: the weights', bf16 for int8/int4)" };

    private static Option<decimal?> GpuHourPriceOption() => new("--gpu-hour-price") { Description = "USD per GPU-hour (default: the catalog's low on-demand price)" };

    private static Option<int> IslOption() => new("--isl") { Description = "Prompt tokens per request", DefaultValueFactory = _ => 2048 };

    private static Option<int> OslOption() => new("--osl") { Description = "Output tokens per request", DefaultValueFactory = _ => 128 };

    private static Option<double?> TokPerUserOption() => new("--tok-per-user") { Description = "Output tokens per second each user must see, e.g. 10" };

    private static Option<string?> EngineOption() => new("--engine") { Description = "Engine preset: vllm (default), sglang, trtllm, pytorch (also trtllm-2023, lmdeploy)" };

    private static Option<string?> ProfileOption() => new("--profile") { Description = "Engine profile written by `perf calibrate --out` (efficiency factors fitted to your measurements)" };

    private static Option<double?> MemoryUtilizationOption() => new("--memory-utilization") { Description = "Share of GPU memory for weights and KV cache (default 0.90, as vLLM's gpu_memory_utilization)" };

    private static Option<bool> ExpertParallelOption() => new("--expert-parallel") { Description = "MoE models: spread the experts over the GPUs (all-to-all) instead of tensor-parallel experts" };

    /// <summary>The performance model --engine, --profile and --memory-utilization select (a profile wins over an engine).</summary>
    private static PerformanceModel ModelFrom(ParseResult parse, Option<string?> engine, Option<string?> profile, Option<double?> memoryUtilization)
    {
        var factors = EnginePresets.Default.Factors;
        if (parse.GetValue(profile) is { } path)
        {
            if (!File.Exists(path))
            {
                throw new InferCostException($"--profile '{path}': no such file");
            }

            using var reader = File.OpenText(path);
            factors = EngineProfileStore.Read(path, reader).Factors;
        }
        else if (parse.GetValue(engine) is { } id)
        {
            factors = EnginePresets.Find(id).Factors;
        }

        if (parse.GetValue(memoryUtilization) is { } share)
        {
            factors = share is > 0 and <= 1 ? factors with { MemoryUtilization = share } : throw new InferCostException($"--memory-utilization must be in (0, 1] (got {share})");
        }

        return new PerformanceModel(factors);
    }

    private static Option<double?> TtftOption() => new("--ttft-ms") { Description = "Time-to-first-token target in milliseconds" };

    private static Command Perf(CliContext ctx)
    {
        var model = ModelOption();
        var gpu = GpuOption();
        var gpus = new Option<int>("--gpus") { Description = "GPUs (tensor-parallel degree)", DefaultValueFactory = _ => 1 };
        var precision = PrecisionOption();
        var kvPrecision = KvPrecisionOption();
        var phase = new Option<string>("--phase") { Description = "decode or prefill", DefaultValueFactory = _ => "decode" };
        phase.AcceptOnlyFromAmong("decode", "prefill");
        var batch = new Option<int?>("--batch") { Description = "decode: sequences in the batch; prefill: prompts" };
        var context = new Option<int?>("--context") { Description = "decode: tokens of context each sequence holds; prefill: tokens per prompt" };
        var engine = EngineOption();
        var profile = ProfileOption();
        var memoryUtilization = MemoryUtilizationOption();
        var expertParallel = ExpertParallelOption();
        var command = new Command("perf", "Predict throughput of one decode step or one prefill pass for a model on GPUs")
        {
            model, gpu, gpus, precision, kvPrecision, phase, batch, context, engine, profile, memoryUtilization, expertParallel,
        };
        command.Subcommands.Add(Calibrate(ctx));
        command.SetAction(parse =>
        {
            var request = new PerfRequest
            {
                Model = parse.GetValue(model),
                Gpu = parse.GetValue(gpu),
                Gpus = parse.GetValue(gpus),
                Precision = parse.GetValue(precision)!,
                KvPrecision = parse.GetValue(kvPrecision),
                Phase = parse.GetValue(phase)!,
                Batch = parse.GetValue(batch),
                Context = parse.GetValue(context),
                Performance = ModelFrom(parse, engine, profile, memoryUtilization),
                ExpertParallel = parse.GetValue(expertParallel),
            };
            var result = new ServingService(CliCatalog.Source(parse)).Perf(request);
            if (parse.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(result, AppJson.Context.PerfResult);
                return ExitCodes.Ok;
            }

            ServingTables.Perf(ctx.Console, result);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Calibrate(CliContext ctx)
    {
        var markdown = new Option<bool>("--markdown") { Description = "Write the table as Markdown (what docs/calibration.md holds)" };
        var from = new Option<string?>("--from") { Description = "Fit the efficiency factors to your measurements: JSON lines {model, gpu, precision, phase, batch, context, tokens_per_second}" };
        var engine = EngineOption();
        var output = new Option<string?>("--out") { Description = "With --from: write the fitted profile (YAML) here, for --profile" };
        var folds = new Option<int>("--folds") { Description = "With --from: folds for the held-out error", DefaultValueFactory = _ => 5 };
        var fitPresets = new Option<bool>("--fit-presets") { Description = "Refit every engine preset to its built-in published points and print the factors (how EnginePresets.cs was made)" };
        var command = new Command("calibrate", "Compare the performance model with every published measurement in catalog/serving-calibration.yaml, or fit it to yours (--from)")
        {
            markdown, from, engine, output, folds, fitPresets,
        };
        command.SetAction(parse =>
        {
            var gpuCatalog = GpuCatalogLoader.LoadBuiltIn();
            var modelCatalog = OpenModelCatalogLoader.LoadBuiltIn();
            if (parse.GetValue(from) is { } path)
            {
                if (!File.Exists(path))
                {
                    throw new InferCostException($"--from '{path}': no such file");
                }

                IReadOnlyList<CalibrationPoint> measured;
                using (var reader = File.OpenText(path))
                {
                    measured = MeasuredPoints.Read(path, reader);
                }

                var preset = parse.GetValue(engine) is { } id ? EnginePresets.Find(id) : EnginePresets.Default;
                var pairs = measured.Select(p => (p, CalibrationReport.DeploymentOf(p, gpuCatalog, modelCatalog))).ToList();
                var fit = EfficiencyFit.FitAndValidate(pairs, preset.Factors, parse.GetValue(folds));
                var profile = new EngineProfile(preset.Id, fit.Factors, fit.Points, fit.FitError, fit.HeldOutError, Path.GetFileName(path));
                if (parse.GetValue(output) is { } outPath)
                {
                    using var writer = new StreamWriter(outPath);
                    EngineProfileStore.Write(writer, profile);
                }

                var factorValues = EfficiencyParameter.Fitted.ToDictionary(p => p.Name, p => Round(p.Get(fit.Factors), 6));
                if (parse.GetValue(CommonOptions.Json))
                {
                    ctx.WriteJson(
                        new EngineFitResult(preset.Id, fit.Points, Round(fit.FitError, 4), Round(fit.FitMedianError, 4),
                            double.IsNaN(fit.HeldOutError) ? null : Round(fit.HeldOutError, 4), fit.Folds, parse.GetValue(output), factorValues),
                        AppJson.Context.EngineFitResult);
                    return ExitCodes.Ok;
                }

                var factorsTable = new Table().Border(TableBorder.Rounded).Title($"fitted to {fit.Points} points from {Markup.Escape(path)} (start: {preset.Id})").AddColumns("factor", "preset", "fitted");
                foreach (var p in EfficiencyParameter.Fitted)
                {
                    factorsTable.AddRow(p.Name, F(p.Get(preset.Factors), "G4"), F(p.Get(fit.Factors), "G4"));
                }

                ctx.Console.Write(factorsTable);
                ctx.Console.WriteLine($"fit error (MAPE): {fit.FitError * 100:0.0} %, median {fit.FitMedianError * 100:0.0} %; "
                    + (double.IsNaN(fit.HeldOutError) ? "too few points for a held-out error" : $"{fit.Folds}-fold held-out MAPE: {fit.HeldOutError * 100:0.0} %"));
                if (parse.GetValue(output) is { } written)
                {
                    ctx.Console.WriteLine($"profile written to {written}: use --profile {written}");
                }

                return ExitCodes.Ok;
            }

            var builtIn = CalibrationLoader.LoadBuiltIn();
            if (parse.GetValue(fitPresets))
            {
                foreach (var group in builtIn.GroupBy(p => p.EnginePreset))
                {
                    var preset = EnginePresets.Find(group.Key);
                    var pairs = group.Select(p => (p, CalibrationReport.DeploymentOf(p, gpuCatalog, modelCatalog))).ToList();
                    var fit = EfficiencyFit.FitAndValidate(pairs, preset.Factors, parse.GetValue(folds));
                    ctx.Out.WriteLine($"{preset.Id}: {fit.Points} points, fit MAPE {fit.FitError * 100:0.0} % (median {fit.FitMedianError * 100:0.0} %), {fit.Folds}-fold held-out MAPE {fit.HeldOutError * 100:0.0} %");
                    foreach (var p in EfficiencyParameter.Fitted)
                    {
                        ctx.Out.WriteLine($"    {p.Name}: {F(p.Get(preset.Factors), "G4")} -> {F(p.Get(fit.Factors), "G4")}");
                    }
                }

                return ExitCodes.Ok;
            }

            var report = CalibrationReport.BuildWithEnginePresets(builtIn, gpuCatalog, modelCatalog);
            if (parse.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(new
                {
                    MedianDenseDecodeError = Round(report.MedianDenseDecodeError, 4),
                    MedianDensePrefillError = Round(report.MedianDensePrefillError, 4),
                    Points = report.Rows.Select(r => new
                    {
                        Kind = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(r.Point.Kind.ToString()),
                        Model = r.Point.ModelId,
                        Gpu = r.Point.GpuId,
                        r.Point.Gpus,
                        Precision = r.Point.Precision.ToId(),
                        r.Point.Batch,
                        r.Point.InputTokens,
                        r.Point.OutputTokens,
                        r.Point.Measured,
                        Predicted = Round(r.Predicted, 2),
                        Error = Round(r.RelativeError, 4),
                        r.Point.Source,
                        r.Point.Published,
                    }),
                });
                return ExitCodes.Ok;
            }

            if (parse.GetValue(markdown))
            {
                ctx.Out.Write(CalibrationMarkdown.Render(report, modelCatalog));
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumns("kind", "model", "gpu", "tp", "prec", "batch", "isl/osl", "measured", "predicted", "error");
            foreach (var r in report.Rows)
            {
                table.AddRow(
                    System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(r.Point.Kind.ToString()), r.Point.ModelId, r.Point.GpuId, r.Point.Gpus.ToString(CultureInfo.InvariantCulture),
                    r.Point.Precision.ToId(), r.Point.Batch.ToString(CultureInfo.InvariantCulture), $"{r.Point.InputTokens}/{r.Point.OutputTokens}",
                    F(r.Point.Measured, "N1"), F(r.Predicted, "N1"), F(r.RelativeError * 100, "+0.0;-0.0") + " %");
            }

            ctx.Console.Write(table);
            ctx.Console.WriteLine($"median |error|: dense decode {report.MedianDenseDecodeError * 100:0.0} %, dense prefill {report.MedianDensePrefillError * 100:0.0} % ({report.Rows.Count} points)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<double?> TtftP95Option() => new("--ttft-p95") { Description = "Under load: p95 time-to-first-token target in ms (queue model; finds the highest load meeting it)" };

    private static Option<double?> ItlP95Option() => new("--itl-p95") { Description = "Under load: p95 inter-token latency target in ms" };

    private static Option<int> MaxBatchOption() => new("--max-batch") { Description = "Under load: most sequences the engine runs at once (max_num_seqs)", DefaultValueFactory = _ => 256 };

    private static Option<double> LengthVariationOption() => new("--length-variation") { Description = "Under load: coefficient of variation of prompt and output lengths (lognormal; 0 = fixed)", DefaultValueFactory = _ => 0.0 };

    private static Command ServeCost(CliContext ctx)
    {
        var model = ModelOption();
        var gpu = GpuOption();
        var gpus = new Option<int?>("--gpus") { Description = "GPUs per replica (default: the fewest of 1, 2, 4, 8 that fit)" };
        var precision = PrecisionOption();
        var kvPrecision = KvPrecisionOption();
        var price = GpuHourPriceOption();
        var isl = IslOption();
        var osl = OslOption();
        var tokPerUser = TokPerUserOption();
        var ttft = TtftOption();
        var engine = EngineOption();
        var profile = ProfileOption();
        var memoryUtilization = MemoryUtilizationOption();
        var expertParallel = ExpertParallelOption();
        var ttftP95 = TtftP95Option();
        var itlP95 = ItlP95Option();
        var maxBatch = MaxBatchOption();
        var lengthVariation = LengthVariationOption();
        var sweep = new Option<string?>("--concurrency-sweep") { Description = "Under load: closed-loop concurrencies to simulate, e.g. 1,5,25,50,100 (TTFT, ITL, throughput at each)" };
        var draftModel = new Option<string?>("--draft-model") { Description = "Speculative decoding: draft model id (with --acceptance and --draft-length)" };
        var acceptance = new Option<double>("--acceptance") { Description = "Speculative decoding: probability the target accepts a drafted token", DefaultValueFactory = _ => 0.7 };
        var draftLength = new Option<int>("--draft-length") { Description = "Speculative decoding: tokens drafted per target step", DefaultValueFactory = _ => 4 };
        var command = new Command("serve-cost", "Throughput, concurrent users and cost per 1M tokens of one self-hosted replica")
        {
            model, gpu, gpus, precision, kvPrecision, price, isl, osl, tokPerUser, ttft, engine, profile, memoryUtilization, expertParallel,
            ttftP95, itlP95, maxBatch, lengthVariation, sweep, draftModel, acceptance, draftLength,
        };
        command.SetAction(parse =>
        {
            var request = new ServeCostRequest
            {
                Model = parse.GetValue(model),
                Gpu = parse.GetValue(gpu),
                Gpus = parse.GetValue(gpus),
                Precision = parse.GetValue(precision)!,
                KvPrecision = parse.GetValue(kvPrecision),
                GpuHourPrice = parse.GetValue(price),
                Workload = new WorkloadShape { Isl = parse.GetValue(isl), Osl = parse.GetValue(osl), TokPerUser = parse.GetValue(tokPerUser), TtftMs = parse.GetValue(ttft) },
                Performance = ModelFrom(parse, engine, profile, memoryUtilization),
                Engine = parse.GetValue(profile) is { } profilePath ? $"profile {profilePath}" : (parse.GetValue(engine) is { } e ? EnginePresets.Find(e).Id : EnginePresets.Default.Id),
                ExpertParallel = parse.GetValue(expertParallel),
                TtftP95 = parse.GetValue(ttftP95),
                ItlP95 = parse.GetValue(itlP95),
                MaxBatch = parse.GetValue(maxBatch),
                LengthVariation = parse.GetValue(lengthVariation),
                ConcurrencySweep = parse.GetValue(sweep) is { } levels ? ParseLevels(levels) : null,
                DraftModel = parse.GetValue(draftModel),
                Acceptance = parse.GetValue(acceptance),
                DraftLength = parse.GetValue(draftLength),
            };
            var result = new ServingService(CliCatalog.Source(parse)).ServeCost(request);
            if (parse.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(result, AppJson.Context.ServeCostResult);
                return ExitCodes.Ok;
            }

            ServingTables.ServeCost(ctx.Console, result, $"{result.Deployment}: ISL {result.Isl}, OSL {result.Osl}");
            ServingTables.Load(ctx.Console, result);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Plan(CliContext ctx)
    {
        var model = ModelOption();
        var isl = IslOption();
        var osl = OslOption();
        var tokPerUser = TokPerUserOption();
        var ttft = TtftOption();
        var gpuPrices = new Option<string[]>("--price") { Description = "GPU price overrides as id=USD per GPU-hour, e.g. h100=2.5 (repeatable)", AllowMultipleArgumentsPerToken = true };
        var engine = EngineOption();
        var profile = ProfileOption();
        var memoryUtilization = MemoryUtilizationOption();
        var command = new Command("plan", "Cheapest deployment (GPU type x count x precision) that meets a workload, among GPUs with a price")
        {
            model, isl, osl, tokPerUser, ttft, gpuPrices, engine, profile, memoryUtilization,
        };
        command.SetAction(parse =>
        {
            var request = new PlanRequest
            {
                Model = parse.GetValue(model),
                Workload = new WorkloadShape { Isl = parse.GetValue(isl), Osl = parse.GetValue(osl), TokPerUser = parse.GetValue(tokPerUser), TtftMs = parse.GetValue(ttft) },
                Prices = parse.GetValue(gpuPrices) ?? [],
                Performance = ModelFrom(parse, engine, profile, memoryUtilization),
            };
            var result = new ServingService(CliCatalog.Source(parse)).Plan(request);
            if (parse.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(result, AppJson.Context.ServeCostResult);
                return ExitCodes.Ok;
            }

            ServingTables.ServeCost(ctx.Console, result, $"cheapest: {result.Deployment}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Capacity(CliContext ctx)
    {
        var model = ModelOption();
        var gpu = GpuOption();
        var gpusPerReplica = new Option<int>("--gpus-per-replica") { Description = "GPUs in one replica", Required = true };
        var precision = PrecisionOption();
        var replicaThroughput = new Option<decimal?>("--replica-throughput") { Description = "Output tok/s one replica delivers (default: predicted by the performance model)" };
        var tokPerUser = new Option<decimal>("--tok-per-user") { Description = "Output tokens per second each user must see", Required = true };
        var users = new Option<decimal?>("--users") { Description = "Concurrent users (streams generating at once)" };
        var monthlyUsers = new Option<long?>("--monthly-users") { Description = "Monthly users, turned into concurrent streams with --active-minutes-per-day" };
        var activeMinutes = new Option<decimal?>("--active-minutes-per-day") { Description = "Minutes a user spends receiving output per day" };
        var peakFactor = new Option<decimal>("--peak-factor") { Description = "Peak over average concurrent users (diurnal curve)", DefaultValueFactory = _ => 1m };
        var utilization = new Option<decimal>("--utilization") { Description = "Share of replica capacity to plan on, (0, 1]", DefaultValueFactory = _ => 1m };
        var loadCurve = new Option<string?>("--load-curve") { Description = "24 comma-separated hourly loads (hour 0 first, UTC): sets the peak factor and prices a fleet that scales hour by hour" };
        var price = new Option<decimal>("--gpu-hour-price") { Description = "USD per GPU-hour", Required = true };
        var isl = IslOption();
        var osl = OslOption();
        var engine = EngineOption();
        var profile = ProfileOption();
        var memoryUtilization = MemoryUtilizationOption();
        var ttftP95 = TtftP95Option();
        var itlP95 = ItlP95Option();
        var maxBatch = MaxBatchOption();
        var command = new Command("capacity", "Replicas, GPUs and cost per day and month (30 days) to serve concurrent users at a per-user speed")
        {
            model, gpu, gpusPerReplica, precision, replicaThroughput, tokPerUser, users, monthlyUsers, activeMinutes, peakFactor, utilization, loadCurve, price, isl, osl,
            engine, profile, memoryUtilization, ttftP95, itlP95, maxBatch,
        };
        command.SetAction(parse =>
        {
            var request = new CapacityRequest
            {
                Model = parse.GetValue(model),
                Gpu = parse.GetValue(gpu),
                GpusPerReplica = parse.GetValue(gpusPerReplica),
                Precision = parse.GetValue(precision)!,
                ReplicaThroughput = parse.GetValue(replicaThroughput),
                TokPerUser = parse.GetValue(tokPerUser),
                Users = parse.GetValue(users),
                MonthlyUsers = parse.GetValue(monthlyUsers),
                ActiveMinutesPerDay = parse.GetValue(activeMinutes),
                PeakFactor = parse.GetResult(peakFactor) is { Implicit: false } ? parse.GetValue(peakFactor) : null,
                Utilization = parse.GetValue(utilization),
                LoadCurve = parse.GetValue(loadCurve),
                GpuHourPrice = parse.GetValue(price),
                Isl = parse.GetValue(isl),
                Osl = parse.GetValue(osl),
                Performance = ModelFrom(parse, engine, profile, memoryUtilization),
                TtftP95 = parse.GetValue(ttftP95),
                ItlP95 = parse.GetValue(itlP95),
                MaxBatch = parse.GetValue(maxBatch),
            };
            var result = new ServingService(CliCatalog.Source(parse)).Capacity(request);
            if (parse.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(result, AppJson.Context.CapacityResult);
                return ExitCodes.Ok;
            }

            ServingTables.Capacity(ctx.Console, result);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command BreakEvenCommand(CliContext ctx)
    {
        var api = new Option<string?>("--api") { Description = "API model to compare with, e.g. gpt-5.4-mini" };
        var apiInput = new Option<decimal?>("--api-input-price") { Description = "API USD per 1M input tokens" };
        var apiOutput = new Option<decimal?>("--api-output-price") { Description = "API USD per 1M output tokens" };
        var model = ModelOption();
        var gpu = GpuOption();
        var gpus = new Option<int?>("--gpus") { Description = "GPUs per replica (default: the fewest of 1, 2, 4, 8 that fit)" };
        var precision = PrecisionOption();
        var price = GpuHourPriceOption();
        var isl = IslOption();
        var osl = OslOption();
        var tokPerUser = TokPerUserOption();
        var command = new Command("breakeven", "Monthly volume at which one self-hosted replica costs the same as an API")
        {
            api, apiInput, apiOutput, model, gpu, gpus, precision, price, isl, osl, tokPerUser,
        };
        command.SetAction(parse =>
        {
            var request = new BreakEvenRequest
            {
                Api = parse.GetValue(api),
                ApiInputPrice = parse.GetValue(apiInput),
                ApiOutputPrice = parse.GetValue(apiOutput),
                Model = parse.GetValue(model),
                Gpu = parse.GetValue(gpu),
                Gpus = parse.GetValue(gpus),
                Precision = parse.GetValue(precision)!,
                GpuHourPrice = parse.GetValue(price),
                Workload = new WorkloadShape { Isl = parse.GetValue(isl), Osl = parse.GetValue(osl), TokPerUser = parse.GetValue(tokPerUser) },
            };
            var result = new ServingService(CliCatalog.Source(parse)).BreakEven(request);
            if (parse.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(result, AppJson.Context.BreakEvenResult);
                return ExitCodes.Ok;
            }

            ServingTables.BreakEven(ctx.Console, result);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Bench(CliContext ctx)
    {
        var url = new Option<string>("--url") { Description = "Base URL of an OpenAI-compatible server, e.g. http://localhost:8000/v1", Required = true };
        var model = new Option<string>("--model") { Description = "Model name the server serves", Required = true };
        var concurrency = new Option<string>("--concurrency") { Description = "Concurrency levels, comma-separated", DefaultValueFactory = _ => "1,8,32" };
        var requests = new Option<int?>("--requests") { Description = "Requests per level (default: 4 x concurrency, at least 8)" };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Output tokens per request", DefaultValueFactory = _ => 128 };
        var prompt = new Option<string>("--prompt") { Description = "Prompt to send", DefaultValueFactory = _ => "Write a short story about a lighthouse keeper who learns to paint." };
        var gpus = new Option<int>("--gpus") { Description = "GPUs behind the server (for cost)", DefaultValueFactory = _ => 1 };
        var price = new Option<decimal?>("--gpu-hour-price") { Description = "USD per GPU-hour, to turn throughput into USD per 1M output tokens" };
        var timeout = new Option<int>("--timeout-seconds") { Description = "Timeout per request", DefaultValueFactory = _ => 300 };
        var warmup = new Option<int>("--warmup-requests") { Description = "Requests sent first and not measured (connections, caches)", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "Write measured points (JSON lines) for `perf calibrate --from`: a decode point per level, a prefill point at concurrency 1" };
        var catalogModel = new Option<string?>("--catalog-model") { Description = "With --out: the model's id in the open-model catalog (default: --model)" };
        var gpu = new Option<string?>("--gpu") { Description = "With --out: the GPU id behind the server" };
        var precision = new Option<string>("--precision") { Description = "With --out: the weights' precision", DefaultValueFactory = _ => "bf16" };
        var command = new Command("bench", "Stream requests to an OpenAI-compatible server; measure TTFT, inter-token latency, throughput and USD per 1M tokens")
        {
            url, model, concurrency, requests, maxTokens, prompt, gpus, price, timeout, warmup, output, catalogModel, gpu, precision,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var levels = ParseLevels(parse.GetValue(concurrency)!);
            var baseUrl = Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
                ? parsed
                : throw new InferCostException($"--url '{parse.GetValue(url)}': expected an http(s) URL such as http://localhost:8000/v1");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)) };
            var bench = new OpenAiStreamingBenchmark(http);
            for (var i = 0; i < parse.GetValue(warmup); i++)
            {
                await bench.SendAsync(baseUrl, parse.GetValue(model)!, parse.GetValue(prompt)!, parse.GetValue(maxTokens), cancellationToken).ConfigureAwait(false);
            }

            var outPath = parse.GetValue(output);
            var pointGpu = outPath is null ? null : GpuCatalogLoader.LoadBuiltIn().Find(parse.GetValue(gpu) ?? throw new InferCostException("--out needs --gpu (the GPU id behind the server)")).Id;
            var pointPrecision = PrecisionExtensions.Parse(parse.GetValue(precision)!);
            var results = new List<BenchLevelSummary>();
            var points = new List<CalibrationPoint>();
            foreach (var level in levels)
            {
                var count = parse.GetValue(requests) ?? Math.Max(8, 4 * level);
                var (samples, wall) = await bench.RunLevelAsync(
                    baseUrl, parse.GetValue(model)!, parse.GetValue(prompt)!, parse.GetValue(maxTokens), level, count, cancellationToken).ConfigureAwait(false);
                var summary = BenchLevelSummary.Summarize(level, samples, wall, parse.GetValue(gpus), parse.GetValue(price));
                results.Add(summary);
                if (pointGpu is not null)
                {
                    points.AddRange(BenchPoints(summary, samples, parse.GetValue(catalogModel) ?? parse.GetValue(model)!, pointGpu, parse.GetValue(gpus), pointPrecision, outPath!));
                }
            }

            if (outPath is not null)
            {
                await using var writer = new StreamWriter(outPath);
                MeasuredPoints.Write(writer, points);
            }

            if (parse.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(new BenchResult(baseUrl.ToString(), parse.GetValue(model)!, parse.GetValue(gpus), parse.GetValue(price), results.Select(BenchLevelResult.From).ToList()));
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Rounded).Title($"{Markup.Escape(parse.GetValue(model)!)} at {Markup.Escape(baseUrl.ToString())}")
                .AddColumns("concurrency", "requests", "TTFT p50 ms", "TTFT p95 ms", "ITL p50 ms", "ITL p95 ms", "output tok/s", "tok/s per user", "$ / 1M output");
            foreach (var r in results)
            {
                table.AddRow(
                    r.Concurrency.ToString(CultureInfo.InvariantCulture), r.Requests.ToString(CultureInfo.InvariantCulture), F(r.TtftP50Ms, "N1"), F(r.TtftP95Ms, "N1"),
                    F(r.ItlP50Ms, "N2"), F(r.ItlP95Ms, "N2"), F(r.OutputTokensPerSecond, "N1"), F(r.TokensPerUserPerSecond, "N1"),
                    r.CostPerMillionOutputTokens is { } c ? c.ToString("0.####", CultureInfo.InvariantCulture) : "-");
            }

            ctx.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Measured points from one bench level: the decode step at this concurrency (sequences hold the prompt and half the
    /// output on average; tokens/s = concurrency / median inter-token latency) and, at concurrency 1, the prefill
    /// (prompt tokens / median time to first token).
    /// </summary>
    private static IEnumerable<CalibrationPoint> BenchPoints(
        BenchLevelSummary summary, IReadOnlyList<BenchSample> samples, string model, string gpu, int gpus, Precision precision, string file)
    {
        var prompt = Math.Max(1, (int)Math.Round(samples.Average(s => (double)s.InputTokens)));
        var output = samples.Average(s => (double)s.OutputTokens);
        if (summary.ItlP50Ms > 0)
        {
            yield return new CalibrationPoint
            {
                Kind = CalibrationKind.DecodeStep, ModelId = model, GpuId = gpu, Gpus = gpus, Precision = precision, KvPrecision = Deployment.DefaultKvPrecision(precision),
                Batch = summary.Concurrency, InputTokens = prompt + (int)Math.Round(output / 2), Measured = summary.ItlP50Ms, Source = file,
            };
        }

        if (summary.Concurrency == 1 && summary.TtftP50Ms > 0)
        {
            yield return new CalibrationPoint
            {
                Kind = CalibrationKind.Prefill, ModelId = model, GpuId = gpu, Gpus = gpus, Precision = precision, KvPrecision = Deployment.DefaultKvPrecision(precision),
                Batch = 1, InputTokens = prompt, Measured = summary.TtftP50Ms, Source = file,
            };
        }
    }

    private static List<int> ParseLevels(string text)
    {
        var levels = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            levels.Add(int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var level) && level >= 1
                ? level
                : throw new InferCostException($"--concurrency '{text}': expected positive whole numbers separated by commas, e.g. 1,8,32"));
        }

        return levels.Count > 0 ? levels : throw new InferCostException("--concurrency needs at least one level");
    }

    private static double Round(double value, int digits) => Math.Round(value, digits);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private sealed record BenchResult(string Url, string Model, int Gpus, decimal? GpuHourPrice, IReadOnlyList<BenchLevelResult> Levels);

    private sealed record BenchLevelResult(
        int Concurrency, int Requests, double TtftP50Ms, double TtftP95Ms, double ItlP50Ms, double ItlP95Ms,
        double OutputTokensPerSecond, double InputTokensPerSecond, double TokensPerUserPerSecond, decimal? CostPerMillionOutputTokens)
    {
        public static BenchLevelResult From(BenchLevelSummary s) => new(
            s.Concurrency, s.Requests, Math.Round(s.TtftP50Ms, 2), Math.Round(s.TtftP95Ms, 2), Math.Round(s.ItlP50Ms, 3), Math.Round(s.ItlP95Ms, 3),
            Math.Round(s.OutputTokensPerSecond, 2), Math.Round(s.InputTokensPerSecond, 2), Math.Round(s.TokensPerUserPerSecond, 2), s.CostPerMillionOutputTokens);
    }
}
