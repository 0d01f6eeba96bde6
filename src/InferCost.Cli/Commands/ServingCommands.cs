using System.CommandLine;
using System.Globalization;
using InferCost.Data.Serving;
using InferCost.Errors;
using InferCost.Serving;
using Spectre.Console;

namespace InferCost.Cli.Commands;

/// <summary>Self-hosting commands: perf (and perf calibrate), serve-cost, plan, capacity, breakeven, bench.</summary>
internal static class ServingCommands
{
    public static void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Subcommands.Add(Perf());
        root.Subcommands.Add(ServeCost());
        root.Subcommands.Add(Plan());
        root.Subcommands.Add(Capacity());
        root.Subcommands.Add(BreakEvenCommand());
        root.Subcommands.Add(Bench());
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

    private static Command Perf()
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
        command.Subcommands.Add(Calibrate());
        command.SetAction(parse =>
        {
            var performance = ModelFrom(parse, engine, profile, memoryUtilization);
            var deployment = BuildDeployment(
                Require(parse.GetValue(model), "--model"), Require(parse.GetValue(gpu), "--gpu"), parse.GetValue(gpus), parse.GetValue(precision)!, parse.GetValue(kvPrecision),
                performance: performance, expertParallel: parse.GetValue(expertParallel));
            var b = parse.GetValue(batch) ?? throw new InferCostException("--batch is required");
            var l = parse.GetValue(context) ?? throw new InferCostException("--context is required");
            var isDecode = parse.GetValue(phase) != "prefill";
            PerfResult result;
            if (isDecode)
            {
                var d = performance.Decode(deployment, b, l);
                result = new PerfResult(deployment.Model.Id, deployment.Gpu.Id, deployment.GpuCount, deployment.WeightPrecision.ToId(), deployment.KvPrecision.ToId(), "decode", b, l,
                    Round(d.TokensPerSecond, 1), Round(d.StepMs, 3), null, Round(d.TokensPerSecondPerSequence, 2), d.Bound.ToString().ToLowerInvariant(), Round(d.KvMemoryGb, 3), Round(d.WeightMemoryGb, 3), d.MaxSequences);
            }
            else
            {
                var p = performance.Prefill(deployment, b, l);
                result = new PerfResult(deployment.Model.Id, deployment.Gpu.Id, deployment.GpuCount, deployment.WeightPrecision.ToId(), deployment.KvPrecision.ToId(), "prefill", b, l,
                    Round(p.TokensPerSecond, 1), null, Round(p.Ms, 3), null, p.Bound.ToString().ToLowerInvariant(), Round(p.KvMemoryGb, 3), Round(p.WeightMemoryGb, 3), p.MaxSequences);
            }

            var ctx = CliContext.Current;
            if (parse.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(result);
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("", "").HideHeaders().Border(TableBorder.Rounded)
                .Title($"{Markup.Escape(deployment.ToString())}: {result.Phase}, batch {b}, context {l}");
            table.AddRow("tokens/s (all sequences)", F(result.TokensPerSecond, "N1"));
            if (result.StepMs is { } step)
            {
                table.AddRow("step", $"{F(step, "N3")} ms");
                table.AddRow("tokens/s per sequence", F(result.TokensPerSecondPerSequence ?? 0, "N2"));
            }
            else
            {
                table.AddRow("prefill time", $"{F(result.Ms ?? 0, "N3")} ms");
            }

            table.AddRow("bound", result.Bound);
            table.AddRow("KV memory", $"{F(result.KvMemoryGb, "N2")} GB (max {result.MaxSequences:N0} sequences of {l} tokens)");
            table.AddRow("weights", $"{F(result.WeightMemoryGb, "N1")} GB");
            ctx.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Calibrate()
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
            var ctx = CliContext.Current;
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
                    ctx.WriteJson(new FitResult(preset.Id, fit.Points, Round(fit.FitError, 4), Round(fit.FitMedianError, 4),
                        double.IsNaN(fit.HeldOutError) ? null : Round(fit.HeldOutError, 4), fit.Folds, parse.GetValue(output), factorValues));
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

    private static Command ServeCost()
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
            var performance = ModelFrom(parse, engine, profile, memoryUtilization);
            var workload = new ServingWorkload(parse.GetValue(isl), parse.GetValue(osl), parse.GetValue(tokPerUser), parse.GetValue(ttft));
            var deployment = BuildDeployment(
                Require(parse.GetValue(model), "--model"), Require(parse.GetValue(gpu), "--gpu"), parse.GetValue(gpus), parse.GetValue(precision)!, parse.GetValue(kvPrecision), workload,
                performance, parse.GetValue(expertParallel));
            var (gpuPrice, priceSource) = ResolvePrice(deployment.Gpu, parse.GetValue(price));
            var speculative = parse.GetValue(draftModel) is { } draftId
                ? new SpeculativeDecoding(OpenModelCatalogLoader.LoadBuiltIn().Find(draftId), parse.GetValue(acceptance), parse.GetValue(draftLength))
                : null;
            var estimate = new ServingPlanner(performance, speculative).Evaluate(deployment, workload, gpuPrice);
            var shape = new LoadSpec
            {
                InputTokens = workload.InputTokens,
                OutputTokens = workload.OutputTokens,
                MaxBatch = parse.GetValue(maxBatch) >= 1 ? parse.GetValue(maxBatch) : throw new InferCostException("--max-batch must be at least 1"),
                LengthVariation = parse.GetValue(lengthVariation) >= 0 ? parse.GetValue(lengthVariation) : throw new InferCostException("--length-variation must not be negative"),
            };
            LoadPointResult? load = null;
            if (parse.GetValue(ttftP95) is not null || parse.GetValue(itlP95) is not null)
            {
                load = LoadPointResult.At(performance, deployment, shape, parse.GetValue(ttftP95), parse.GetValue(itlP95), estimate.CostPerHour);
            }

            List<SweepPointResult>? sweepResults = null;
            if (parse.GetValue(sweep) is { } levels)
            {
                sweepResults = [.. ParseLevels(levels).Select(c =>
                {
                    var r = LoadSimulation.Run(performance, deployment, shape with { Concurrency = c, Requests = Math.Max(200, 4 * c) });
                    return new SweepPointResult(c, Round(r.TtftP50Ms, 1), Round(r.TtftP95Ms, 1), Round(r.ItlP50Ms, 2), Round(r.ItlP95Ms, 2), Round(r.ItlMeanMs, 2), Round(r.OutputTokensPerSecond, 1), Round(r.RequestsPerSecond, 3));
                })];
            }

            var result = ServeCostResult.From(estimate, priceSource) with
            {
                Engine = parse.GetValue(profile) is { } profilePath ? $"profile {profilePath}" : (parse.GetValue(engine) is { } e ? EnginePresets.Find(e).Id : EnginePresets.Default.Id),
                Load = load,
                ConcurrencySweep = sweepResults,
                SpeculativeTokensPerStep = speculative is null ? null : Round(speculative.TokensPerTargetStep, 3),
            };
            var ctx = CliContext.Current;
            if (parse.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(result);
                return ExitCodes.Ok;
            }

            ctx.Console.Write(ServeCostTable(result, $"{deployment}: ISL {workload.InputTokens}, OSL {workload.OutputTokens}"));
            if (load is not null)
            {
                ctx.Console.Write(LoadTable(load));
            }

            if (sweepResults is not null)
            {
                var table = new Table().Border(TableBorder.Rounded).Title("closed-loop concurrency sweep (queue model)")
                    .AddColumns("concurrency", "TTFT p50 ms", "TTFT p95 ms", "ITL p50 ms", "ITL p95 ms", "ITL mean ms", "output tok/s");
                foreach (var r in sweepResults)
                {
                    table.AddRow(r.Concurrency.ToString(CultureInfo.InvariantCulture), F(r.TtftP50Ms, "N1"), F(r.TtftP95Ms, "N1"), F(r.ItlP50Ms, "N2"), F(r.ItlP95Ms, "N2"), F(r.ItlMeanMs, "N2"), F(r.OutputTokensPerSecond, "N1"));
                }

                ctx.Console.Write(table);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Table LoadTable(LoadPointResult load)
    {
        var table = new Table().AddColumns("", "").HideHeaders().Border(TableBorder.Rounded).Title("highest load meeting the p95 targets (queue model)");
        table.AddRow("requests/s per replica", F(load.MaxRequestsPerSecond, "N3"));
        table.AddRow("output tokens/s at that load", F(load.OutputTokensPerSecond, "N1"));
        table.AddRow("TTFT p50 / p95 / p99", $"{F(load.TtftP50Ms, "N0")} / {F(load.TtftP95Ms, "N0")} / {F(load.TtftP99Ms, "N0")} ms");
        table.AddRow("ITL p50 / p95 / p99", $"{F(load.ItlP50Ms, "N1")} / {F(load.ItlP95Ms, "N1")} / {F(load.ItlP99Ms, "N1")} ms");
        table.AddRow("concurrent requests", F(load.ConcurrentRequests, "N1"));
        table.AddRow("$ per 1M output tokens at that load", load.CostPerMillionOutputTokens.ToString("0.####", CultureInfo.InvariantCulture));
        return table;
    }

    private static Command Plan()
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
            var catalog = GpuCatalogLoader.LoadBuiltIn();
            var architecture = OpenModelCatalogLoader.LoadBuiltIn().Find(Require(parse.GetValue(model), "--model"));
            var prices = catalog.Gpus.Where(g => g.Pricing is not null).ToDictionary(g => g.Id, g => g.Pricing!.OnDemand.Low, StringComparer.OrdinalIgnoreCase);
            var given = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in parse.GetValue(gpuPrices) ?? [])
            {
                var parts = entry.Split('=', 2);
                if (parts.Length != 2 || !decimal.TryParse(parts[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < 0)
                {
                    throw new InferCostException($"--price '{entry}': expected id=USD, e.g. h100=2.5");
                }

                var id = catalog.Find(parts[0]).Id;
                prices[id] = value;
                given.Add(id);
            }

            var workload = new ServingWorkload(parse.GetValue(isl), parse.GetValue(osl), parse.GetValue(tokPerUser), parse.GetValue(ttft));
            var best = new ServingPlanner(ModelFrom(parse, engine, profile, memoryUtilization)).Cheapest(architecture, catalog.Gpus, prices, workload);
            var gpuPricing = best.Deployment.Gpu.Pricing;
            var result = ServeCostResult.From(best, given.Contains(best.Deployment.Gpu.Id) || gpuPricing is null
                ? "given (--price)"
                : $"catalog low on-demand ({gpuPricing.Source}, {gpuPricing.AsOf:yyyy-MM-dd})");
            var ctx = CliContext.Current;
            if (parse.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(result);
                return ExitCodes.Ok;
            }

            ctx.Console.Write(ServeCostTable(result, $"cheapest: {best.Deployment}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Capacity()
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
            var speed = parse.GetValue(tokPerUser);
            var concurrent = parse.GetValue(users);
            if (concurrent is null)
            {
                var monthly = parse.GetValue(monthlyUsers) ?? throw new InferCostException("give --users, or --monthly-users with --active-minutes-per-day");
                var minutes = parse.GetValue(activeMinutes) ?? throw new InferCostException("--monthly-users needs --active-minutes-per-day");
                concurrent = Business.ConcurrencyEstimate.AverageConcurrentStreams(monthly, minutes);
            }

            var throughput = parse.GetValue(replicaThroughput);
            var source = "given";
            if (parse.GetValue(ttftP95) is not null || parse.GetValue(itlP95) is not null)
            {
                // Latency targets: the queue model's highest load per replica meeting both p95s; the streams it holds
                // at once (Little's law: rate x time in system) are the users one replica serves.
                var performance = ModelFrom(parse, engine, profile, memoryUtilization);
                var deployment = BuildDeployment(
                    Require(parse.GetValue(model), "--model"), Require(parse.GetValue(gpu), "--gpu"), parse.GetValue(gpusPerReplica), parse.GetValue(precision)!, null, performance: performance);
                var shape = new LoadSpec { InputTokens = parse.GetValue(isl), OutputTokens = parse.GetValue(osl), MaxBatch = Math.Max(1, parse.GetValue(maxBatch)) };
                var load = LoadPointResult.At(performance, deployment, shape, parse.GetValue(ttftP95), parse.GetValue(itlP95), 0m);
                throughput = Math.Round((decimal)Math.Max(load.ConcurrentRequests, 1) * speed, 1);
                source = $"queue model: {deployment}, ISL {shape.InputTokens}, OSL {shape.OutputTokens}, {load.MaxRequestsPerSecond} req/s at TTFT p95 {load.TtftP95Ms} ms, ITL p95 {load.ItlP95Ms} ms ({load.ConcurrentRequests} streams)";
            }
            else if (throughput is null)
            {
                var performance = ModelFrom(parse, engine, profile, memoryUtilization);
                var deployment = BuildDeployment(
                    Require(parse.GetValue(model), "--model"), Require(parse.GetValue(gpu), "--gpu"), parse.GetValue(gpusPerReplica), parse.GetValue(precision)!, null, performance: performance);
                var workload = new ServingWorkload(parse.GetValue(isl), parse.GetValue(osl), (double)speed);
                var estimate = new ServingPlanner(performance).Evaluate(deployment, workload, parse.GetValue(price));
                throughput = Math.Round((decimal)estimate.Point.OutputTokensPerSecond, 1);
                source = $"performance model: {deployment}, ISL {workload.InputTokens}, OSL {workload.OutputTokens}";
            }

            var curve = parse.GetValue(loadCurve) is { } curveText ? DiurnalLoadCurve.Parse(curveText) : null;
            if (curve is not null && parse.GetResult(peakFactor) is { Implicit: false })
            {
                throw new InferCostException("give --peak-factor or --load-curve, not both: the curve sets the peak factor");
            }

            var peak = curve is null ? parse.GetValue(peakFactor) : (decimal)curve.PeakToMean;
            var plan = CapacityPlan.Size(throughput.Value, speed, concurrent.Value, parse.GetValue(gpusPerReplica), parse.GetValue(price), peak, parse.GetValue(utilization));
            var byHour = curve?.ReplicasByHour(concurrent.Value, plan.UsersPerReplica, parse.GetValue(utilization));
            var autoscaledPerDay = byHour is null ? (decimal?)null : byHour.Sum() * parse.GetValue(gpusPerReplica) * parse.GetValue(price);
            var result = new CapacityResult(
                plan.UsersPerReplica, plan.Replicas, plan.Gpus, plan.CostPerHour, plan.CostPerDay, plan.CostPerMonth,
                throughput.Value, source, speed, Math.Round(plan.PeakConcurrentUsers, 2), parse.GetValue(price), CapacityPlan.DaysPerMonth,
                Math.Round(peak, 4), byHour, autoscaledPerDay, autoscaledPerDay * CapacityPlan.DaysPerMonth);
            var ctx = CliContext.Current;
            if (parse.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(result);
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("", "").HideHeaders().Border(TableBorder.Rounded).Title("capacity");
            table.AddRow("replica throughput", $"{result.ReplicaThroughput:N1} output tok/s ({Markup.Escape(source)})");
            table.AddRow("users per replica", $"{result.UsersPerReplica:N0} at {speed} tok/s each");
            table.AddRow("peak concurrent users", $"{result.PeakConcurrentUsers:N0}");
            table.AddRow("replicas", $"{result.Replicas:N0}");
            table.AddRow("GPUs", $"{result.Gpus:N0}");
            table.AddRow("cost per day", $"${result.CostPerDay:N2}");
            table.AddRow("cost per month (30 days)", $"${result.CostPerMonth:N2}");
            if (result.AutoscaledCostPerDay is { } scaledDay)
            {
                table.AddRow("peak / mean load", $"{result.PeakFactor:0.##}");
                table.AddRow("replicas by hour (autoscaled)", string.Join(" ", result.ReplicasByHour!));
                table.AddRow("cost per day, autoscaled", $"${scaledDay:N2} ({scaledDay / result.CostPerDay:P0} of always-on peak)");
                table.AddRow("cost per month, autoscaled", $"${result.AutoscaledCostPerMonth:N2}");
            }

            ctx.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command BreakEvenCommand()
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
            var apiPrice = ResolveApiPrice(parse, parse.GetValue(api), parse.GetValue(apiInput), parse.GetValue(apiOutput));
            var workload = new ServingWorkload(parse.GetValue(isl), parse.GetValue(osl), parse.GetValue(tokPerUser));
            var deployment = BuildDeployment(
                Require(parse.GetValue(model), "--model"), Require(parse.GetValue(gpu), "--gpu"), parse.GetValue(gpus), parse.GetValue(precision)!, null, workload);
            var (gpuPrice, _) = ResolvePrice(deployment.Gpu, parse.GetValue(price));
            var estimate = new ServingPlanner(PerformanceModel.Calibrated).Evaluate(deployment, workload, gpuPrice);
            var b = BreakEven.Compute(estimate, apiPrice);
            var result = new BreakEvenResult(
                apiPrice.Name, apiPrice.InputPerMillion, apiPrice.OutputPerMillion, deployment.Model.Id, deployment.Gpu.Id, deployment.GpuCount,
                deployment.WeightPrecision.ToId(), gpuPrice, workload.InputTokens, workload.OutputTokens,
                Math.Round(b.SelfHostedCostPerMonth, 2), Math.Round(b.ApiCostPerRequest, 8), Math.Round(b.SelfHostedCostPerRequestAtCapacity, 8),
                b.CapacityRequestsPerMonth, b.BreakEvenRequestsPerMonth, b.BreakEvenInputTokensPerMonth, b.BreakEvenOutputTokensPerMonth,
                Math.Round(b.UtilizationAtBreakEven, 4), b.SelfHostingCanPay);
            var ctx = CliContext.Current;
            if (parse.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(result);
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("", "").HideHeaders().Border(TableBorder.Rounded)
                .Title($"{Markup.Escape(deployment.ToString())} vs {Markup.Escape(apiPrice.Name)}");
            table.AddRow("replica per month (30 days)", $"${result.SelfHostedCostPerMonth:N2}");
            table.AddRow("API per request", $"${result.ApiCostPerRequest:0.######}");
            table.AddRow("self-hosted per request, running full", $"${result.SelfHostedCostPerRequestAtCapacity:0.######}");
            table.AddRow("replica capacity", $"{result.CapacityRequestsPerMonth:N0} requests/month");
            table.AddRow("break-even", $"{result.BreakEvenRequestsPerMonth:N0} requests/month ({result.BreakEvenOutputTokensPerMonth:N0} output tokens)");
            table.AddRow("utilisation at break-even", $"{result.UtilizationAtBreakEven:P1}");
            table.AddRow("verdict", b.SelfHostingCanPay ? "self-hosting pays above break-even" : "the API is cheaper at any volume this replica serves");
            ctx.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Bench()
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
            // Captured before the first await: the context is per thread and continuations may run elsewhere.
            var ctx = CliContext.Current;
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

    /// <summary>
    /// The API price to compare with. Explicit prices win; a name alone is looked up in the price catalog.
    /// </summary>
    private static ApiPrice ResolveApiPrice(ParseResult parse, string? name, decimal? input, decimal? output)
    {
        if (input is { } i && output is { } o)
        {
            return new ApiPrice(name ?? "API", i, o);
        }

        if (input is not null || output is not null)
        {
            throw new InferCostException("give both --api-input-price and --api-output-price (USD per 1M tokens)");
        }

        if (name is null)
        {
            throw new InferCostException("give --api MODEL (a catalog model), or --api-input-price and --api-output-price (USD per 1M tokens)");
        }

        // The API model's list prices in force now, from the built-in catalog (+ overlays); base tier for tiered prices.
        var resolved = CliCatalog.Load(parse).Resolve(name);
        var rates = resolved.Model.RatesAt(DateTimeOffset.UtcNow);
        var inPrice = rates.PriceOf(InferCost.Pricing.UsageUnits.InputTokens)?.Base
            ?? throw new InferCostException($"{resolved.QualifiedId} has no input token price in the catalog");
        var outPrice = rates.PriceOf(InferCost.Pricing.UsageUnits.OutputTokens)?.Base
            ?? throw new InferCostException($"{resolved.QualifiedId} has no output token price in the catalog");
        return new ApiPrice(resolved.QualifiedId, inPrice, outPrice);
    }

    private static (decimal Price, string Source) ResolvePrice(GpuSpec gpu, decimal? given)
    {
        if (given is { } price)
        {
            return price >= 0 ? (price, "given") : throw new InferCostException($"--gpu-hour-price must not be negative (got {price})");
        }

        return gpu.Pricing is { } pricing
            ? (pricing.OnDemand.Low, $"catalog low on-demand ({pricing.Source}, {pricing.AsOf:yyyy-MM-dd})")
            : throw new InferCostException($"the catalog has no sourced price for {gpu.Id}; pass --gpu-hour-price");
    }

    private static Deployment BuildDeployment(
        string modelId, string gpuId, int? gpus, string precision, string? kvPrecision, ServingWorkload? workload = null, PerformanceModel? performance = null, bool expertParallel = false)
    {
        performance ??= PerformanceModel.Calibrated;
        var model = OpenModelCatalogLoader.LoadBuiltIn().Find(modelId);
        var gpu = GpuCatalogLoader.LoadBuiltIn().Find(gpuId);
        var weights = PrecisionExtensions.Parse(precision);
        Precision? kv = kvPrecision is null ? null : PrecisionExtensions.Parse(kvPrecision);
        if (gpus is { } count)
        {
            return new Deployment(model, gpu, count, weights, kv, expertParallel);
        }

        var tokens = workload is null ? 1 : workload.InputTokens + workload.OutputTokens;
        foreach (var candidate in new[] { 1, 2, 4, 8 })
        {
            var deployment = new Deployment(model, gpu, candidate, weights, kv, expertParallel);
            if (performance.MaxSequences(deployment, tokens) >= 1)
            {
                return deployment;
            }
        }

        throw new InferCostException($"{model.Id} at {weights.ToId()} does not fit on 8x {gpu.Id}; lower the precision or pass --gpus");
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

    private static Table ServeCostTable(ServeCostResult r, string title)
    {
        var table = new Table().AddColumns("", "").HideHeaders().Border(TableBorder.Rounded).Title(Markup.Escape(title));
        table.AddRow("deployment", $"{r.Gpus}x {r.Gpu}, {r.Precision} weights, {r.KvPrecision} KV");
        table.AddRow("output tokens/s (replica)", F(r.OutputTokensPerSecond, "N1"));
        table.AddRow("concurrent users", $"{r.ConcurrentUsers:N0} at {F(r.TokensPerUserPerSecond, "N1")} tok/s each");
        table.AddRow("time to first token", $"{F(r.TtftMs, "N0")} ms");
        table.AddRow("GPU price", $"${r.GpuHourPrice}/GPU-hour ({Markup.Escape(r.PriceSource)})");
        table.AddRow("cost per hour", $"${r.CostPerHour:N2}");
        table.AddRow("$ per 1M input tokens", $"{r.CostPerMillionInputTokens:0.####}");
        table.AddRow("$ per 1M output tokens", $"{r.CostPerMillionOutputTokens:0.####}");
        return table;
    }

    private static string Require(string? value, string flag) =>
        string.IsNullOrWhiteSpace(value) ? throw new InferCostException($"{flag} is required") : value;

    private static double Round(double value, int digits) => Math.Round(value, digits);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private sealed record LoadPointResult(
        double MaxRequestsPerSecond, double OutputTokensPerSecond, double TtftP50Ms, double TtftP95Ms, double TtftP99Ms,
        double ItlP50Ms, double ItlP95Ms, double ItlP99Ms, double ConcurrentRequests, decimal CostPerMillionOutputTokens)
    {
        public static LoadPointResult At(PerformanceModel performance, Deployment deployment, LoadSpec shape, double? ttftP95, double? itlP95, decimal costPerHour)
        {
            if (ttftP95 is <= 0 || itlP95 is <= 0)
            {
                throw new InferCostException("--ttft-p95 and --itl-p95 must be positive (milliseconds)");
            }

            var (rate, r) = LoadSimulation.MaxRate(performance, deployment, shape, ttftP95, itlP95)
                ?? throw new InferCostException($"{deployment} cannot meet TTFT p95 {ttftP95?.ToString(CultureInfo.InvariantCulture) ?? "-"} ms / ITL p95 {itlP95?.ToString(CultureInfo.InvariantCulture) ?? "-"} ms even at a trickle of load");
            var cost = r.OutputTokensPerSecond > 0 ? Math.Round(costPerHour / (decimal)(r.OutputTokensPerSecond * 3600) * 1_000_000m, 4) : 0m;
            return new LoadPointResult(
                Math.Round(rate, 4), Math.Round(r.OutputTokensPerSecond, 1), Math.Round(r.TtftP50Ms, 1), Math.Round(r.TtftP95Ms, 1), Math.Round(r.TtftP99Ms, 1),
                Math.Round(r.ItlP50Ms, 2), Math.Round(r.ItlP95Ms, 2), Math.Round(r.ItlP99Ms, 2), Math.Round(rate * r.MeanLatencySeconds, 2), cost);
        }
    }

    private sealed record SweepPointResult(int Concurrency, double TtftP50Ms, double TtftP95Ms, double ItlP50Ms, double ItlP95Ms, double ItlMeanMs, double OutputTokensPerSecond, double RequestsPerSecond);

    private sealed record FitResult(
        string Engine, int Points, double FitError, double FitMedianError, double? HeldOutError, int Folds, string? Profile, IReadOnlyDictionary<string, double> Factors);

    private sealed record PerfResult(
        string Model, string Gpu, int Gpus, string Precision, string KvPrecision, string Phase, int Batch, int Context,
        double TokensPerSecond, double? StepMs, double? Ms, double? TokensPerSecondPerSequence, string Bound, double KvMemoryGb, double WeightMemoryGb, int MaxSequences);

    private sealed record ServeCostResult(
        string Model, string Gpu, int Gpus, string Precision, string KvPrecision, int Isl, int Osl, double? TokPerUser,
        int Batch, int ConcurrentUsers, double OutputTokensPerSecond, double InputTokensPerSecond, double TokensPerUserPerSecond, double TtftMs,
        decimal GpuHourPrice, string PriceSource, decimal CostPerHour, decimal CostPerMillionInputTokens, decimal CostPerMillionOutputTokens, int MaxConcurrentSequences)
    {
        public string? Engine { get; init; }

        public LoadPointResult? Load { get; init; }

        public IReadOnlyList<SweepPointResult>? ConcurrencySweep { get; init; }

        public double? SpeculativeTokensPerStep { get; init; }

        public static ServeCostResult From(ServingCostEstimate e, string priceSource) => new(
            e.Deployment.Model.Id, e.Deployment.Gpu.Id, e.Deployment.GpuCount, e.Deployment.WeightPrecision.ToId(), e.Deployment.KvPrecision.ToId(),
            e.Workload.InputTokens, e.Workload.OutputTokens, e.Workload.MinTokensPerUserPerSecond,
            e.Point.ConcurrentSequences, e.Point.ConcurrentSequences, Math.Round(e.Point.OutputTokensPerSecond, 1), Math.Round(e.Point.InputTokensPerSecond, 1),
            Math.Round(e.Point.TokensPerUserPerSecond, 2), Math.Round(e.Point.TimeToFirstTokenMs, 1),
            e.GpuHourPrice, priceSource, e.CostPerHour, Math.Round(e.CostPerMillionInputTokens, 4), Math.Round(e.CostPerMillionOutputTokens, 4), e.MaxConcurrentSequences);
    }

    private sealed record CapacityResult(
        int UsersPerReplica, long Replicas, long Gpus, decimal CostPerHour, decimal CostPerDay, decimal CostPerMonth,
        decimal ReplicaThroughput, string ThroughputSource, decimal TokPerUser, decimal PeakConcurrentUsers, decimal GpuHourPrice, int DaysPerMonth,
        decimal PeakFactor, IReadOnlyList<long>? ReplicasByHour, decimal? AutoscaledCostPerDay, decimal? AutoscaledCostPerMonth);

    private sealed record BreakEvenResult(
        string Api, decimal ApiInputPrice, decimal ApiOutputPrice, string Model, string Gpu, int Gpus, string Precision, decimal GpuHourPrice,
        int Isl, int Osl, decimal SelfHostedCostPerMonth, decimal ApiCostPerRequest, decimal SelfHostedCostPerRequestAtCapacity,
        decimal CapacityRequestsPerMonth, decimal BreakEvenRequestsPerMonth, decimal BreakEvenInputTokensPerMonth, decimal BreakEvenOutputTokensPerMonth,
        decimal UtilizationAtBreakEven, bool SelfHostingCanPay);

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
