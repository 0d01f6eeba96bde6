using System.ComponentModel;
using System.Globalization;
using InferCost.Application.Json;
using InferCost.Application.Serving;
using InferCost.Errors;
using InferCost.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using static InferCost.Web.Api.ApiEndpoints;

namespace InferCost.Web.Api;

/// <summary>Self-hosting endpoints: perf, serve-cost, plan, capacity, breakeven (the CLI's commands, snake_case parameters).</summary>
internal static class ServingEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/serving/choices", () => Json(ServingService.Choices(), AppJson.Context.ServingChoices))
            .WithName("serving-choices").WithSummary("The open models, GPUs, precisions and engine presets the serving operations accept")
            .Produces<ServingChoices>();

        api.MapGet("/perf", (ServingService service, [AsParameters] PerfQuery q) => Json(service.Perf(q.ToRequest()), AppJson.Context.PerfResult))
            .WithName("perf").WithSummary("Predicted throughput of one decode step or one prefill pass (infercost perf)")
            .Produces<PerfResult>().ProducesValidationProblem();

        api.MapGet("/serve-cost", (ServingService service, [AsParameters] ServeCostQuery q) => Json(service.ServeCost(q.ToRequest()), AppJson.Context.ServeCostResult))
            .WithName("serve-cost").WithSummary("Throughput, concurrent users and cost per 1M tokens of one self-hosted replica (infercost serve-cost)")
            .Produces<ServeCostResult>().ProducesValidationProblem();

        api.MapGet("/plan", (ServingService service, [AsParameters] PlanQuery q) => Json(service.Plan(q.ToRequest()), AppJson.Context.ServeCostResult))
            .WithName("plan").WithSummary("The cheapest deployment that meets a workload, among GPUs with a price (infercost plan)")
            .Produces<ServeCostResult>().ProducesValidationProblem();

        api.MapGet("/capacity", (ServingService service, [AsParameters] CapacityQuery q) => Json(service.Capacity(q.ToRequest()), AppJson.Context.CapacityResult))
            .WithName("capacity").WithSummary("Replicas, GPUs and cost to serve concurrent users at a per-user speed (infercost capacity)")
            .Produces<CapacityResult>().ProducesValidationProblem();

        api.MapGet("/breakeven", (ServingService service, [AsParameters] BreakEvenQuery q) => Json(service.BreakEven(q.ToRequest()), AppJson.Context.BreakEvenResult))
            .WithName("breakeven").WithSummary("The monthly volume at which one self-hosted replica costs the same as an API (infercost breakeven)")
            .Produces<BreakEvenResult>().ProducesValidationProblem();
    }

    /// <summary>Whole numbers from <c>1,5,25</c>.</summary>
    internal static int[] ParseLevels(string text, string name) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t =>
            int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 1
                ? n
                : throw new InferCostException($"{name}: expected positive whole numbers such as 1,5,25 (got '{t}')"))];

    internal static string EngineId(string? engine) => engine is null ? EnginePresets.Default.Id : EnginePresets.Find(engine).Id;
}

/// <summary>The <c>perf</c> parameters.</summary>
internal sealed record PerfQuery(
    [property: FromQuery(Name = "model"), Description("Open model id, e.g. llama-3.1-70b")] string? Model,
    [property: FromQuery(Name = "gpu"), Description("GPU id or alias, e.g. h100")] string? Gpu,
    [property: FromQuery(Name = "gpus"), Description("GPUs (tensor-parallel degree, default 1)")] int? Gpus,
    [property: FromQuery(Name = "precision"), Description("Weight precision: bf16, fp8, int8, int4")] string? Precision,
    [property: FromQuery(Name = "kv_precision"), Description("KV-cache precision (default: the weights')")] string? KvPrecision,
    [property: FromQuery(Name = "phase"), Description("decode (default) or prefill")] string? Phase,
    [property: FromQuery(Name = "batch"), Description("decode: sequences in the batch; prefill: prompts")] int? Batch,
    [property: FromQuery(Name = "context"), Description("decode: tokens of context per sequence; prefill: tokens per prompt")] int? Context,
    [property: FromQuery(Name = "engine"), Description("Engine preset: vllm (default), sglang, trtllm, pytorch")] string? Engine,
    [property: FromQuery(Name = "memory_utilization"), Description("Share of GPU memory for weights and KV cache (default 0.90)")] double? MemoryUtilization,
    [property: FromQuery(Name = "expert_parallel"), Description("MoE: spread experts over the GPUs")] bool? ExpertParallel)
{
    public PerfRequest ToRequest() => new()
    {
        Model = Model, Gpu = Gpu, Gpus = Gpus ?? 1, Precision = Precision ?? "bf16", KvPrecision = KvPrecision, Phase = Phase ?? "decode",
        Batch = Batch, Context = Context, Performance = ServingService.PerformanceFor(Engine, MemoryUtilization), ExpertParallel = ExpertParallel ?? false,
    };
}

/// <summary>The <c>serve-cost</c> parameters.</summary>
internal sealed record ServeCostQuery(
    [property: FromQuery(Name = "model"), Description("Open model id")] string? Model,
    [property: FromQuery(Name = "gpu"), Description("GPU id or alias")] string? Gpu,
    [property: FromQuery(Name = "gpus"), Description("GPUs per replica (default: the fewest of 1, 2, 4, 8 that fit)")] int? Gpus,
    [property: FromQuery(Name = "precision"), Description("Weight precision")] string? Precision,
    [property: FromQuery(Name = "kv_precision"), Description("KV-cache precision")] string? KvPrecision,
    [property: FromQuery(Name = "gpu_hour_price"), Description("USD per GPU-hour (default: the catalog's low on-demand price)")] decimal? GpuHourPrice,
    [property: FromQuery(Name = "isl"), Description("Prompt tokens per request (default 2048)")] int? Isl,
    [property: FromQuery(Name = "osl"), Description("Output tokens per request (default 128)")] int? Osl,
    [property: FromQuery(Name = "tok_per_user"), Description("Output tokens per second each user must see")] double? TokPerUser,
    [property: FromQuery(Name = "ttft_ms"), Description("Time-to-first-token target, ms")] double? TtftMs,
    [property: FromQuery(Name = "engine"), Description("Engine preset")] string? Engine,
    [property: FromQuery(Name = "memory_utilization"), Description("Share of GPU memory for weights and KV cache")] double? MemoryUtilization,
    [property: FromQuery(Name = "expert_parallel"), Description("MoE: spread experts over the GPUs")] bool? ExpertParallel,
    [property: FromQuery(Name = "ttft_p95"), Description("Under load: p95 TTFT target, ms")] double? TtftP95,
    [property: FromQuery(Name = "itl_p95"), Description("Under load: p95 inter-token latency target, ms")] double? ItlP95,
    [property: FromQuery(Name = "max_batch"), Description("Under load: most sequences at once (default 256)")] int? MaxBatch,
    [property: FromQuery(Name = "length_variation"), Description("Under load: coefficient of variation of lengths")] double? LengthVariation,
    [property: FromQuery(Name = "concurrency_sweep"), Description("Under load: closed-loop concurrencies, e.g. 1,5,25")] string? ConcurrencySweep,
    [property: FromQuery(Name = "draft_model"), Description("Speculative decoding: draft model id")] string? DraftModel,
    [property: FromQuery(Name = "acceptance"), Description("Speculative decoding: acceptance probability (default 0.7)")] double? Acceptance,
    [property: FromQuery(Name = "draft_length"), Description("Speculative decoding: tokens drafted per step (default 4)")] int? DraftLength)
{
    public ServeCostRequest ToRequest() => new()
    {
        Model = Model, Gpu = Gpu, Gpus = Gpus, Precision = Precision ?? "bf16", KvPrecision = KvPrecision, GpuHourPrice = GpuHourPrice,
        Workload = new WorkloadShape { Isl = Isl ?? 2048, Osl = Osl ?? 128, TokPerUser = TokPerUser, TtftMs = TtftMs },
        Performance = ServingService.PerformanceFor(Engine, MemoryUtilization), Engine = ServingEndpoints.EngineId(Engine), ExpertParallel = ExpertParallel ?? false,
        TtftP95 = TtftP95, ItlP95 = ItlP95, MaxBatch = MaxBatch ?? 256, LengthVariation = LengthVariation ?? 0,
        ConcurrencySweep = ConcurrencySweep is null ? null : ServingEndpoints.ParseLevels(ConcurrencySweep, "concurrency_sweep"),
        DraftModel = DraftModel, Acceptance = Acceptance ?? 0.7, DraftLength = DraftLength ?? 4,
    };
}

/// <summary>The <c>plan</c> parameters.</summary>
internal sealed record PlanQuery(
    [property: FromQuery(Name = "model"), Description("Open model id")] string? Model,
    [property: FromQuery(Name = "isl"), Description("Prompt tokens per request (default 2048)")] int? Isl,
    [property: FromQuery(Name = "osl"), Description("Output tokens per request (default 128)")] int? Osl,
    [property: FromQuery(Name = "tok_per_user"), Description("Output tokens per second each user must see")] double? TokPerUser,
    [property: FromQuery(Name = "ttft_ms"), Description("Time-to-first-token target, ms")] double? TtftMs,
    [property: FromQuery(Name = "price"), Description("GPU price overrides id=USD per GPU-hour, e.g. h100=2.5 (repeatable)")] string[]? Price,
    [property: FromQuery(Name = "engine"), Description("Engine preset")] string? Engine,
    [property: FromQuery(Name = "memory_utilization"), Description("Share of GPU memory for weights and KV cache")] double? MemoryUtilization)
{
    public PlanRequest ToRequest() => new()
    {
        Model = Model,
        Workload = new WorkloadShape { Isl = Isl ?? 2048, Osl = Osl ?? 128, TokPerUser = TokPerUser, TtftMs = TtftMs },
        Prices = Price ?? [],
        Performance = ServingService.PerformanceFor(Engine, MemoryUtilization),
    };
}

/// <summary>The <c>capacity</c> parameters.</summary>
internal sealed record CapacityQuery(
    [property: FromQuery(Name = "model"), Description("Open model id (unless replica_throughput is given)")] string? Model,
    [property: FromQuery(Name = "gpu"), Description("GPU id or alias (unless replica_throughput is given)")] string? Gpu,
    [property: FromQuery(Name = "gpus_per_replica"), Description("GPUs in one replica")] int GpusPerReplica,
    [property: FromQuery(Name = "precision"), Description("Weight precision")] string? Precision,
    [property: FromQuery(Name = "replica_throughput"), Description("Output tok/s one replica delivers (default: predicted)")] decimal? ReplicaThroughput,
    [property: FromQuery(Name = "tok_per_user"), Description("Output tokens per second each user must see")] decimal TokPerUser,
    [property: FromQuery(Name = "users"), Description("Concurrent users")] decimal? Users,
    [property: FromQuery(Name = "monthly_users"), Description("Monthly users (with active_minutes_per_day)")] long? MonthlyUsers,
    [property: FromQuery(Name = "active_minutes_per_day"), Description("Minutes a user spends receiving output per day")] decimal? ActiveMinutesPerDay,
    [property: FromQuery(Name = "peak_factor"), Description("Peak over average concurrent users")] decimal? PeakFactor,
    [property: FromQuery(Name = "utilization"), Description("Share of replica capacity to plan on, (0, 1] (default 1)")] decimal? Utilization,
    [property: FromQuery(Name = "load_curve"), Description("24 comma-separated hourly loads, hour 0 UTC first")] string? LoadCurve,
    [property: FromQuery(Name = "gpu_hour_price"), Description("USD per GPU-hour")] decimal GpuHourPrice,
    [property: FromQuery(Name = "isl"), Description("Prompt tokens per request (default 2048)")] int? Isl,
    [property: FromQuery(Name = "osl"), Description("Output tokens per request (default 128)")] int? Osl,
    [property: FromQuery(Name = "engine"), Description("Engine preset")] string? Engine,
    [property: FromQuery(Name = "memory_utilization"), Description("Share of GPU memory for weights and KV cache")] double? MemoryUtilization,
    [property: FromQuery(Name = "ttft_p95"), Description("p95 TTFT target, ms (queue model)")] double? TtftP95,
    [property: FromQuery(Name = "itl_p95"), Description("p95 inter-token latency target, ms")] double? ItlP95,
    [property: FromQuery(Name = "max_batch"), Description("Most sequences at once (default 256)")] int? MaxBatch)
{
    public CapacityRequest ToRequest() => new()
    {
        Model = Model, Gpu = Gpu, GpusPerReplica = GpusPerReplica, Precision = Precision ?? "bf16", ReplicaThroughput = ReplicaThroughput, TokPerUser = TokPerUser,
        Users = Users, MonthlyUsers = MonthlyUsers, ActiveMinutesPerDay = ActiveMinutesPerDay, PeakFactor = PeakFactor, Utilization = Utilization ?? 1m,
        LoadCurve = LoadCurve, GpuHourPrice = GpuHourPrice, Isl = Isl ?? 2048, Osl = Osl ?? 128, Performance = ServingService.PerformanceFor(Engine, MemoryUtilization),
        TtftP95 = TtftP95, ItlP95 = ItlP95, MaxBatch = MaxBatch ?? 256,
    };
}

/// <summary>The <c>breakeven</c> parameters.</summary>
internal sealed record BreakEvenQuery(
    [property: FromQuery(Name = "api"), Description("API model to compare with, e.g. gpt-5.4-mini")] string? Api,
    [property: FromQuery(Name = "api_input_price"), Description("API USD per 1M input tokens")] decimal? ApiInputPrice,
    [property: FromQuery(Name = "api_output_price"), Description("API USD per 1M output tokens")] decimal? ApiOutputPrice,
    [property: FromQuery(Name = "model"), Description("Open model id")] string? Model,
    [property: FromQuery(Name = "gpu"), Description("GPU id or alias")] string? Gpu,
    [property: FromQuery(Name = "gpus"), Description("GPUs per replica (default: the fewest that fit)")] int? Gpus,
    [property: FromQuery(Name = "precision"), Description("Weight precision")] string? Precision,
    [property: FromQuery(Name = "gpu_hour_price"), Description("USD per GPU-hour (default: the catalog's)")] decimal? GpuHourPrice,
    [property: FromQuery(Name = "isl"), Description("Prompt tokens per request (default 2048)")] int? Isl,
    [property: FromQuery(Name = "osl"), Description("Output tokens per request (default 128)")] int? Osl,
    [property: FromQuery(Name = "tok_per_user"), Description("Output tokens per second each user must see")] double? TokPerUser)
{
    public BreakEvenRequest ToRequest() => new()
    {
        Api = Api, ApiInputPrice = ApiInputPrice, ApiOutputPrice = ApiOutputPrice, Model = Model, Gpu = Gpu, Gpus = Gpus, Precision = Precision ?? "bf16",
        GpuHourPrice = GpuHourPrice, Workload = new WorkloadShape { Isl = Isl ?? 2048, Osl = Osl ?? 128, TokPerUser = TokPerUser },
    };
}
