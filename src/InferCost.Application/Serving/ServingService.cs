using System.Globalization;
using InferCost.Application.Catalogs;
using InferCost.Application.Validation;
using InferCost.Business;
using InferCost.Data.Serving;
using InferCost.Errors;
using InferCost.Pricing;
using InferCost.Serving;

namespace InferCost.Application.Serving;

/// <summary>Self-hosting economics: perf, serve-cost, plan, capacity, breakeven.</summary>
/// <param name="catalogs">Where the price catalog comes from (for the API side of a break-even).</param>
/// <param name="clock">The clock whose "now" picks API prices in force; the system clock when null.</param>
public sealed class ServingService(CatalogSource catalogs, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Predicts one decode step or one prefill pass.</summary>
    /// <exception cref="RequestValidationException">A field is missing or out of range.</exception>
    /// <exception cref="InferCostException">Unknown model, GPU or precision.</exception>
    public PerfResult Perf(PerfRequest request)
    {
        Validator.ThrowIfInvalid(request);
        var performance = request.Performance ?? PerformanceModel.Calibrated;
        var deployment = BuildDeployment(request.Model!, request.Gpu!, request.Gpus, request.Precision, request.KvPrecision, null, performance, request.ExpertParallel);
        var b = request.Batch!.Value;
        var l = request.Context!.Value;
        if (request.Phase != "prefill")
        {
            var d = performance.Decode(deployment, b, l);
            return new PerfResult(deployment.Model.Id, deployment.Gpu.Id, deployment.GpuCount, deployment.WeightPrecision.ToId(), deployment.KvPrecision.ToId(), "decode", b, l,
                Math.Round(d.TokensPerSecond, 1), Math.Round(d.StepMs, 3), null, Math.Round(d.TokensPerSecondPerSequence, 2), d.Bound.ToString().ToLowerInvariant(),
                Math.Round(d.KvMemoryGb, 3), Math.Round(d.WeightMemoryGb, 3), d.MaxSequences)
            { Deployment = deployment.ToString() };
        }

        var p = performance.Prefill(deployment, b, l);
        return new PerfResult(deployment.Model.Id, deployment.Gpu.Id, deployment.GpuCount, deployment.WeightPrecision.ToId(), deployment.KvPrecision.ToId(), "prefill", b, l,
            Math.Round(p.TokensPerSecond, 1), null, Math.Round(p.Ms, 3), null, p.Bound.ToString().ToLowerInvariant(), Math.Round(p.KvMemoryGb, 3), Math.Round(p.WeightMemoryGb, 3), p.MaxSequences)
        { Deployment = deployment.ToString() };
    }

    /// <summary>One replica's throughput, concurrent users and cost per 1M tokens.</summary>
    /// <exception cref="RequestValidationException">A field is missing or out of range.</exception>
    /// <exception cref="InferCostException">Unknown model or GPU, no fit, or no price.</exception>
    public ServeCostResult ServeCost(ServeCostRequest request)
    {
        Validator.ThrowIfInvalid(request);
        var workload = ToWorkload(request.Workload);
        var performance = request.Performance ?? PerformanceModel.Calibrated;
        var deployment = BuildDeployment(request.Model!, request.Gpu!, request.Gpus, request.Precision, request.KvPrecision, workload, performance, request.ExpertParallel);
        var (gpuPrice, priceSource) = ResolvePrice(deployment.Gpu, request.GpuHourPrice);
        var speculative = request.DraftModel is { } draftId
            ? new SpeculativeDecoding(OpenModelCatalogLoader.LoadBuiltIn().Find(draftId), request.Acceptance, request.DraftLength)
            : null;
        var estimate = new ServingPlanner(performance, speculative).Evaluate(deployment, workload, gpuPrice);
        var shape = new LoadSpec
        {
            InputTokens = workload.InputTokens,
            OutputTokens = workload.OutputTokens,
            MaxBatch = request.MaxBatch,
            LengthVariation = request.LengthVariation,
        };
        var load = request.TtftP95 is not null || request.ItlP95 is not null
            ? LoadPoint(performance, deployment, shape, request.TtftP95, request.ItlP95, estimate.CostPerHour)
            : null;
        var sweep = request.ConcurrencySweep?.Select(c =>
        {
            var r = LoadSimulation.Run(performance, deployment, shape with { Concurrency = c, Requests = Math.Max(200, 4 * c) });
            return new SweepPointResult(
                c, Math.Round(r.TtftP50Ms, 1), Math.Round(r.TtftP95Ms, 1), Math.Round(r.ItlP50Ms, 2), Math.Round(r.ItlP95Ms, 2), Math.Round(r.ItlMeanMs, 2),
                Math.Round(r.OutputTokensPerSecond, 1), Math.Round(r.RequestsPerSecond, 3));
        }).ToList();
        return ServeCostResult.From(estimate, priceSource) with
        {
            Engine = request.Engine ?? EnginePresets.Default.Id,
            Load = load,
            ConcurrencySweep = sweep,
            SpeculativeTokensPerStep = speculative is null ? null : Math.Round(speculative.TokensPerTargetStep, 3),
        };
    }

    /// <summary>The cheapest deployment (GPU type × count × precision) that meets the workload.</summary>
    /// <exception cref="RequestValidationException">A field is missing or out of range.</exception>
    /// <exception cref="InferCostException">Unknown model or GPU, a bad price override, or nothing fits.</exception>
    public ServeCostResult Plan(PlanRequest request)
    {
        Validator.ThrowIfInvalid(request);
        var catalog = GpuCatalogLoader.LoadBuiltIn();
        var architecture = OpenModelCatalogLoader.LoadBuiltIn().Find(request.Model!);
        var prices = catalog.Gpus.Where(g => g.Pricing is not null).ToDictionary(g => g.Id, g => g.Pricing!.OnDemand.Low, StringComparer.OrdinalIgnoreCase);
        var given = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in request.Prices)
        {
            var parts = entry.Split('=', 2);
            if (parts.Length != 2 || !decimal.TryParse(parts[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                throw new RequestValidationException([new FieldError("price", $"--price '{entry}': expected id=USD, e.g. h100=2.5")]);
            }

            var id = catalog.Find(parts[0]).Id;
            prices[id] = value;
            given.Add(id);
        }

        var workload = ToWorkload(request.Workload);
        var best = new ServingPlanner(request.Performance ?? PerformanceModel.Calibrated).Cheapest(architecture, catalog.Gpus, prices, workload);
        var gpuPricing = best.Deployment.Gpu.Pricing;
        return ServeCostResult.From(best, given.Contains(best.Deployment.Gpu.Id) || gpuPricing is null
            ? "given (--price)"
            : $"catalog low on-demand ({gpuPricing.Source}, {gpuPricing.AsOf:yyyy-MM-dd})");
    }

    /// <summary>Replicas, GPUs and cost per day and month, always-on at peak and, with a load curve, autoscaled hour by hour.</summary>
    /// <exception cref="RequestValidationException">A field is missing or out of range.</exception>
    /// <exception cref="InferCostException">Unknown model or GPU, a bad load curve, or an impossible plan.</exception>
    public CapacityResult Capacity(CapacityRequest request)
    {
        Validator.ThrowIfInvalid(request);
        var speed = request.TokPerUser;
        var concurrent = request.Users ?? ConcurrencyEstimate.AverageConcurrentStreams(request.MonthlyUsers!.Value, request.ActiveMinutesPerDay!.Value);
        var throughput = request.ReplicaThroughput;
        var source = "given";
        var performance = request.Performance ?? PerformanceModel.Calibrated;
        if (request.TtftP95 is not null || request.ItlP95 is not null)
        {
            // Latency targets: the queue model's highest load per replica meeting both p95s; the streams it holds
            // at once (Little's law: rate x time in system) are the users one replica serves.
            var deployment = BuildDeployment(request.Model!, request.Gpu!, request.GpusPerReplica, request.Precision, null, null, performance);
            var shape = new LoadSpec { InputTokens = request.Isl, OutputTokens = request.Osl, MaxBatch = Math.Max(1, request.MaxBatch) };
            var load = LoadPoint(performance, deployment, shape, request.TtftP95, request.ItlP95, 0m);
            throughput = Math.Round((decimal)Math.Max(load.ConcurrentRequests, 1) * speed, 1);
            source = string.Create(CultureInfo.InvariantCulture,
                $"queue model: {deployment}, ISL {shape.InputTokens}, OSL {shape.OutputTokens}, {load.MaxRequestsPerSecond} req/s at TTFT p95 {load.TtftP95Ms} ms, ITL p95 {load.ItlP95Ms} ms ({load.ConcurrentRequests} streams)");
        }
        else if (throughput is null)
        {
            var deployment = BuildDeployment(request.Model!, request.Gpu!, request.GpusPerReplica, request.Precision, null, null, performance);
            var workload = new ServingWorkload(request.Isl, request.Osl, (double)speed);
            var estimate = new ServingPlanner(performance).Evaluate(deployment, workload, request.GpuHourPrice);
            throughput = Math.Round((decimal)estimate.Point.OutputTokensPerSecond, 1);
            source = $"performance model: {deployment}, ISL {workload.InputTokens}, OSL {workload.OutputTokens}";
        }

        var curve = request.LoadCurve is { } curveText ? DiurnalLoadCurve.Parse(curveText) : null;
        var peak = curve is null ? request.PeakFactor ?? 1m : (decimal)curve.PeakToMean;
        var plan = CapacityPlan.Size(throughput.Value, speed, concurrent, request.GpusPerReplica, request.GpuHourPrice, peak, request.Utilization);
        var byHour = curve?.ReplicasByHour(concurrent, plan.UsersPerReplica, request.Utilization);
        var autoscaledPerDay = byHour is null ? (decimal?)null : byHour.Sum() * request.GpusPerReplica * request.GpuHourPrice;
        return new CapacityResult(
            plan.UsersPerReplica, plan.Replicas, plan.Gpus, plan.CostPerHour, plan.CostPerDay, plan.CostPerMonth,
            throughput.Value, source, speed, Math.Round(plan.PeakConcurrentUsers, 2), request.GpuHourPrice, CapacityPlan.DaysPerMonth,
            Math.Round(peak, 4), byHour, autoscaledPerDay, autoscaledPerDay * CapacityPlan.DaysPerMonth);
    }

    /// <summary>The monthly volume at which one self-hosted replica costs the same as an API.</summary>
    /// <exception cref="RequestValidationException">A field is missing or out of range.</exception>
    /// <exception cref="InferCostException">Unknown API model, open model or GPU, or no price.</exception>
    public BreakEvenResult BreakEven(BreakEvenRequest request)
    {
        Validator.ThrowIfInvalid(request);
        var apiPrice = ResolveApiPrice(request.Api, request.ApiInputPrice, request.ApiOutputPrice);
        var workload = new ServingWorkload(request.Workload.Isl, request.Workload.Osl, request.Workload.TokPerUser);
        var deployment = BuildDeployment(request.Model!, request.Gpu!, request.Gpus, request.Precision, null, workload);
        var (gpuPrice, _) = ResolvePrice(deployment.Gpu, request.GpuHourPrice);
        var estimate = new ServingPlanner(PerformanceModel.Calibrated).Evaluate(deployment, workload, gpuPrice);
        var b = InferCost.Serving.BreakEven.Compute(estimate, apiPrice);
        return new BreakEvenResult(
            apiPrice.Name, apiPrice.InputPerMillion, apiPrice.OutputPerMillion, deployment.Model.Id, deployment.Gpu.Id, deployment.GpuCount,
            deployment.WeightPrecision.ToId(), gpuPrice, workload.InputTokens, workload.OutputTokens,
            Math.Round(b.SelfHostedCostPerMonth, 2), Math.Round(b.ApiCostPerRequest, 8), Math.Round(b.SelfHostedCostPerRequestAtCapacity, 8),
            b.CapacityRequestsPerMonth, b.BreakEvenRequestsPerMonth, b.BreakEvenInputTokensPerMonth, b.BreakEvenOutputTokensPerMonth,
            Math.Round(b.UtilizationAtBreakEven, 4), b.SelfHostingCanPay)
        { Deployment = deployment.ToString() };
    }

    /// <summary>Decode throughput at each batch size up to the most sequences that fit (the throughput-vs-batch curve).</summary>
    /// <param name="request">The deployment and context; its batch is ignored.</param>
    /// <param name="batches">The batch sizes to predict (those beyond what fits in memory are left out).</param>
    /// <exception cref="RequestValidationException">A field is missing or out of range.</exception>
    /// <exception cref="InferCostException">Unknown model, GPU or precision.</exception>
    public IReadOnlyList<PerfResult> ThroughputByBatch(PerfRequest request, IReadOnlyList<int> batches)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(batches);
        var first = Perf(request with { Batch = 1 });
        return [first, .. batches.Where(b => b > 1 && b <= first.MaxSequences).Select(b => Perf(request with { Batch = b }))];
    }

    /// <summary>
    /// Monthly cost of a volume on the API and on self-hosted replicas (one replica per capacity, at least one), from
    /// zero to twice the break-even volume (twice one replica's capacity when self-hosting never pays): the cost-vs-load curve.
    /// </summary>
    /// <param name="breakEven">A break-even result.</param>
    /// <param name="points">How many volumes, evenly spaced (at least 2).</param>
    public static IReadOnlyList<LoadCostPoint> CostByLoad(BreakEvenResult breakEven, int points = 11)
    {
        ArgumentNullException.ThrowIfNull(breakEven);
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        var capacity = breakEven.CapacityRequestsPerMonth;
        var top = 2 * (breakEven.SelfHostingCanPay ? breakEven.BreakEvenRequestsPerMonth : capacity);
        if (top <= 0)
        {
            return [];
        }

        return [.. Enumerable.Range(0, points).Select(i =>
        {
            var volume = decimal.Round(top * i / (points - 1));
            var replicas = capacity > 0 ? Math.Max(1, (long)Math.Ceiling(volume / capacity)) : 1;
            return new LoadCostPoint(volume, decimal.Round(volume * breakEven.ApiCostPerRequest, 2), decimal.Round(replicas * breakEven.SelfHostedCostPerMonth, 2), replicas);
        })];
    }

    /// <summary>The open models, GPUs, precisions and engine presets the serving operations accept.</summary>
    public static ServingChoices Choices() => new(
        [.. OpenModelCatalogLoader.LoadBuiltIn().Models.Select(m => m.Id)],
        [.. GpuCatalogLoader.LoadBuiltIn().Gpus.Select(g => g.Id)],
        ["bf16", "fp8", "int8", "int4"],
        [.. EnginePresets.All.Select(e => e.Id)]);

    /// <summary>The performance model an engine preset and a memory share select (a web request cannot name a profile file).</summary>
    /// <exception cref="InferCostException">Unknown engine, or a memory share outside (0, 1].</exception>
    public static PerformanceModel PerformanceFor(string? engine, double? memoryUtilization)
    {
        var factors = engine is null ? EnginePresets.Default.Factors : EnginePresets.Find(engine).Factors;
        if (memoryUtilization is { } share)
        {
            factors = share is > 0 and <= 1 ? factors with { MemoryUtilization = share } : throw new InferCostException($"--memory-utilization must be in (0, 1] (got {share})");
        }

        return new PerformanceModel(factors);
    }

    private static ServingWorkload ToWorkload(WorkloadShape w) => new(w.Isl, w.Osl, w.TokPerUser, w.TtftMs);

    /// <summary>The API price to compare with: explicit prices win; a name alone is looked up in the price catalog (base tier, in force now).</summary>
    private ApiPrice ResolveApiPrice(string? name, decimal? input, decimal? output)
    {
        if (input is { } i && output is { } o)
        {
            return new ApiPrice(name ?? "API", i, o);
        }

        var resolved = catalogs.Catalog.Resolve(name!);
        var rates = resolved.Model.RatesAt(_clock.GetUtcNow());
        var inPrice = rates.PriceOf(UsageUnits.InputTokens)?.Base
            ?? throw new InferCostException($"{resolved.QualifiedId} has no input token price in the catalog");
        var outPrice = rates.PriceOf(UsageUnits.OutputTokens)?.Base
            ?? throw new InferCostException($"{resolved.QualifiedId} has no output token price in the catalog");
        return new ApiPrice(resolved.QualifiedId, inPrice, outPrice);
    }

    private static (decimal Price, string Source) ResolvePrice(GpuSpec gpu, decimal? given)
    {
        if (given is { } price)
        {
            return (price, "given");
        }

        return gpu.Pricing is { } pricing
            ? (pricing.OnDemand.Low, $"catalog low on-demand ({pricing.Source}, {pricing.AsOf:yyyy-MM-dd})")
            : throw new InferCostException($"the catalog has no sourced price for {gpu.Id}; pass --gpu-hour-price");
    }

    /// <summary>The queue model's highest load per replica meeting the p95 targets, and its cost per 1M output tokens at that load.</summary>
    private static LoadPointResult LoadPoint(PerformanceModel performance, Deployment deployment, LoadSpec shape, double? ttftP95, double? itlP95, decimal costPerHour)
    {
        var (rate, r) = LoadSimulation.MaxRate(performance, deployment, shape, ttftP95, itlP95)
            ?? throw new InferCostException(string.Create(CultureInfo.InvariantCulture,
                $"{deployment} cannot meet TTFT p95 {ttftP95?.ToString(CultureInfo.InvariantCulture) ?? "-"} ms / ITL p95 {itlP95?.ToString(CultureInfo.InvariantCulture) ?? "-"} ms even at a trickle of load"));
        var cost = r.OutputTokensPerSecond > 0 ? Math.Round(costPerHour / (decimal)(r.OutputTokensPerSecond * 3600) * 1_000_000m, 4) : 0m;
        return new LoadPointResult(
            Math.Round(rate, 4), Math.Round(r.OutputTokensPerSecond, 1), Math.Round(r.TtftP50Ms, 1), Math.Round(r.TtftP95Ms, 1), Math.Round(r.TtftP99Ms, 1),
            Math.Round(r.ItlP50Ms, 2), Math.Round(r.ItlP95Ms, 2), Math.Round(r.ItlP99Ms, 2), Math.Round(rate * r.MeanLatencySeconds, 2), cost);
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
}
