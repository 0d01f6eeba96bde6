using System.Text.Json.Serialization;
using InferCost.Application.Validation;
using InferCost.Serving;

namespace InferCost.Application.Serving;

/// <summary><c>infercost perf</c>: predicted throughput of one decode step or one prefill pass.</summary>
public sealed record PerfRequest : IValidatable
{
    /// <summary>Gets the open model id, e.g. <c>llama-3.1-70b</c>.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the GPU id or alias, e.g. <c>h100</c>.</summary>
    public string? Gpu { get; init; }

    /// <summary>Gets the GPUs (tensor-parallel degree).</summary>
    public int Gpus { get; init; } = 1;

    /// <summary>Gets the weight precision: bf16, fp8, int8, int4.</summary>
    public string Precision { get; init; } = "bf16";

    /// <summary>Gets the KV-cache precision (null: the weights', bf16 for int8/int4).</summary>
    public string? KvPrecision { get; init; }

    /// <summary>Gets the phase: <c>decode</c> or <c>prefill</c>.</summary>
    public string Phase { get; init; } = "decode";

    /// <summary>Gets the sequences in the batch (decode) or prompts (prefill).</summary>
    public int? Batch { get; init; }

    /// <summary>Gets the tokens of context each sequence holds (decode) or tokens per prompt (prefill).</summary>
    public int? Context { get; init; }

    /// <summary>Gets the performance model (engine preset, engine profile, memory share); null: <see cref="PerformanceModel.Calibrated"/>.</summary>
    [JsonIgnore]
    public PerformanceModel? Performance { get; init; }

    /// <summary>Gets whether an MoE model spreads its experts over the GPUs (all-to-all) instead of tensor-parallel experts.</summary>
    public bool ExpertParallel { get; init; }

    /// <inheritdoc/>
    public IReadOnlyList<FieldError> Validate() => new Validator()
        .Required(Model, "model", "--model")
        .Required(Gpu, "gpu", "--gpu")
        .Check(Phase is not ("decode" or "prefill"), "phase", $"--phase must be decode or prefill (got '{Phase}')")
        .Required(Batch, "batch", "--batch")
        .Required(Context, "context", "--context")
        .Errors;
}

/// <summary>The workload a self-hosted replica serves: request shape and per-user targets.</summary>
public sealed record WorkloadShape
{
    /// <summary>Gets the prompt tokens per request.</summary>
    public int Isl { get; init; } = 2048;

    /// <summary>Gets the output tokens per request.</summary>
    public int Osl { get; init; } = 128;

    /// <summary>Gets the output tokens per second each user must see (null: no target).</summary>
    public double? TokPerUser { get; init; }

    /// <summary>Gets the time-to-first-token target in milliseconds (null: no target).</summary>
    public double? TtftMs { get; init; }

    internal void Validate(Validator v) => v
        .Check(Isl < 1 || Osl < 1, Isl < 1 ? "isl" : "osl", $"--isl and --osl must be at least 1 (got {Isl} and {Osl})")
        .Check(TokPerUser is <= 0 || TtftMs is <= 0, TokPerUser is <= 0 ? "tok_per_user" : "ttft_ms", "--tok-per-user and --ttft-ms must be positive");
}

/// <summary><c>infercost serve-cost</c>: throughput, concurrent users and cost per 1M tokens of one replica.</summary>
public sealed record ServeCostRequest : IValidatable
{
    /// <summary>Gets the open model id.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the GPU id or alias.</summary>
    public string? Gpu { get; init; }

    /// <summary>Gets the GPUs per replica (null: the fewest of 1, 2, 4, 8 that fit).</summary>
    public int? Gpus { get; init; }

    /// <summary>Gets the weight precision.</summary>
    public string Precision { get; init; } = "bf16";

    /// <summary>Gets the KV-cache precision (null: the weights').</summary>
    public string? KvPrecision { get; init; }

    /// <summary>Gets the USD per GPU-hour (null: the catalog's low on-demand price).</summary>
    public decimal? GpuHourPrice { get; init; }

    /// <summary>Gets the workload.</summary>
    public WorkloadShape Workload { get; init; } = new();

    /// <summary>Gets the performance model (engine preset, engine profile, memory share); null: <see cref="PerformanceModel.Calibrated"/>.</summary>
    [JsonIgnore]
    public PerformanceModel? Performance { get; init; }

    /// <summary>Gets whether an MoE model spreads its experts over the GPUs (all-to-all) instead of tensor-parallel experts.</summary>
    public bool ExpertParallel { get; init; }

    /// <summary>Gets the engine the performance model stands for, as the result names it (null: the default preset's id).</summary>
    public string? Engine { get; init; }

    /// <summary>Gets the p95 time-to-first-token target in ms for the queue model (null: no load search unless <see cref="ItlP95"/>).</summary>
    public double? TtftP95 { get; init; }

    /// <summary>Gets the p95 inter-token latency target in ms for the queue model.</summary>
    public double? ItlP95 { get; init; }

    /// <summary>Gets the most sequences the engine runs at once under load (max_num_seqs).</summary>
    public int MaxBatch { get; init; } = 256;

    /// <summary>Gets the coefficient of variation of prompt and output lengths under load (lognormal; 0 = fixed).</summary>
    public double LengthVariation { get; init; }

    /// <summary>Gets the closed-loop concurrencies to simulate (null: no sweep).</summary>
    public IReadOnlyList<int>? ConcurrencySweep { get; init; }

    /// <summary>Gets the speculative-decoding draft model id (null: no speculative decoding).</summary>
    public string? DraftModel { get; init; }

    /// <summary>Gets the probability the target accepts a drafted token.</summary>
    public double Acceptance { get; init; } = 0.7;

    /// <summary>Gets the tokens drafted per target step.</summary>
    public int DraftLength { get; init; } = 4;

    /// <inheritdoc/>
    public IReadOnlyList<FieldError> Validate()
    {
        var v = new Validator()
            .Required(Model, "model", "--model")
            .Required(Gpu, "gpu", "--gpu")
            .Check(Gpus is < 1, "gpus", $"--gpus must be at least 1 (got {Gpus})")
            .Check(GpuHourPrice is < 0, "gpu_hour_price", $"--gpu-hour-price must not be negative (got {GpuHourPrice})")
            .Check(TtftP95 is <= 0 || ItlP95 is <= 0, TtftP95 is <= 0 ? "ttft_p95" : "itl_p95", "--ttft-p95 and --itl-p95 must be positive (milliseconds)")
            .Check(MaxBatch < 1, "max_batch", $"--max-batch must be at least 1 (got {MaxBatch})")
            .Check(LengthVariation < 0, "length_variation", $"--length-variation must not be negative (got {LengthVariation})")
            .Check(ConcurrencySweep is { } sweep && (sweep.Count == 0 || sweep.Any(c => c < 1)), "concurrency_sweep", "--concurrency-sweep needs positive whole numbers, e.g. 1,5,25")
            .Check(Acceptance is < 0 or > 1, "acceptance", $"--acceptance must be in [0, 1] (got {Acceptance})")
            .Check(DraftLength < 1, "draft_length", $"--draft-length must be at least 1 (got {DraftLength})");
        Workload.Validate(v);
        v.Required(Model, "model", "--model").Required(Gpu, "gpu", "--gpu");
        return v.Errors;
    }
}

/// <summary><c>infercost plan</c>: the cheapest deployment that meets a workload, among GPUs with a price.</summary>
public sealed record PlanRequest : IValidatable
{
    /// <summary>Gets the open model id.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the workload.</summary>
    public WorkloadShape Workload { get; init; } = new();

    /// <summary>Gets GPU price overrides as <c>id=USD per GPU-hour</c>, e.g. <c>h100=2.5</c>.</summary>
    public IReadOnlyList<string> Prices { get; init; } = [];

    /// <summary>Gets the performance model; null: <see cref="PerformanceModel.Calibrated"/>.</summary>
    [JsonIgnore]
    public PerformanceModel? Performance { get; init; }

    /// <inheritdoc/>
    public IReadOnlyList<FieldError> Validate()
    {
        var v = new Validator().Required(Model, "model", "--model");
        Workload.Validate(v);
        return v.Errors;
    }
}

/// <summary><c>infercost capacity</c>: replicas, GPUs and cost to serve concurrent users at a per-user speed.</summary>
public sealed record CapacityRequest : IValidatable
{
    /// <summary>Gets the open model id (needed unless <see cref="ReplicaThroughput"/> is given).</summary>
    public string? Model { get; init; }

    /// <summary>Gets the GPU id or alias (needed unless <see cref="ReplicaThroughput"/> is given).</summary>
    public string? Gpu { get; init; }

    /// <summary>Gets the GPUs in one replica.</summary>
    public int GpusPerReplica { get; init; }

    /// <summary>Gets the weight precision.</summary>
    public string Precision { get; init; } = "bf16";

    /// <summary>Gets the output tok/s one replica delivers (null: predicted by the performance model).</summary>
    public decimal? ReplicaThroughput { get; init; }

    /// <summary>Gets the output tokens per second each user must see.</summary>
    public decimal TokPerUser { get; init; }

    /// <summary>Gets the concurrent users (streams generating at once).</summary>
    public decimal? Users { get; init; }

    /// <summary>Gets the monthly users, turned into concurrent streams with <see cref="ActiveMinutesPerDay"/>.</summary>
    public long? MonthlyUsers { get; init; }

    /// <summary>Gets the minutes a user spends receiving output per day.</summary>
    public decimal? ActiveMinutesPerDay { get; init; }

    /// <summary>Gets the peak over average concurrent users (null: 1, or the load curve's).</summary>
    public decimal? PeakFactor { get; init; }

    /// <summary>Gets the share of replica capacity to plan on, (0, 1].</summary>
    public decimal Utilization { get; init; } = 1m;

    /// <summary>Gets 24 comma-separated hourly loads (hour 0 first, UTC).</summary>
    public string? LoadCurve { get; init; }

    /// <summary>Gets the USD per GPU-hour.</summary>
    public decimal GpuHourPrice { get; init; }

    /// <summary>Gets the prompt tokens per request (for the performance model).</summary>
    public int Isl { get; init; } = 2048;

    /// <summary>Gets the output tokens per request (for the performance model).</summary>
    public int Osl { get; init; } = 128;

    /// <summary>Gets the performance model; null: <see cref="PerformanceModel.Calibrated"/>.</summary>
    [JsonIgnore]
    public PerformanceModel? Performance { get; init; }

    /// <summary>Gets the p95 time-to-first-token target in ms: size replicas with the queue model (with or instead of <see cref="ItlP95"/>).</summary>
    public double? TtftP95 { get; init; }

    /// <summary>Gets the p95 inter-token latency target in ms for the queue model.</summary>
    public double? ItlP95 { get; init; }

    /// <summary>Gets the most sequences the engine runs at once under load (max_num_seqs).</summary>
    public int MaxBatch { get; init; } = 256;

    /// <inheritdoc/>
    public IReadOnlyList<FieldError> Validate() => new Validator()
        .Check(TtftP95 is <= 0 || ItlP95 is <= 0, TtftP95 is <= 0 ? "ttft_p95" : "itl_p95", "--ttft-p95 and --itl-p95 must be positive (milliseconds)")
        .Check(Users is null && MonthlyUsers is null, "users", "give --users, or --monthly-users with --active-minutes-per-day")
        .Check(Users is null && MonthlyUsers is not null && ActiveMinutesPerDay is null, "active_minutes_per_day", "--monthly-users needs --active-minutes-per-day")
        .Check((ReplicaThroughput is null || TtftP95 is not null || ItlP95 is not null) && string.IsNullOrWhiteSpace(Model), "model", "--model is required")
        .Check((ReplicaThroughput is null || TtftP95 is not null || ItlP95 is not null) && string.IsNullOrWhiteSpace(Gpu), "gpu", "--gpu is required")
        .Check(LoadCurve is not null && PeakFactor is not null, "peak_factor", "give --peak-factor or --load-curve, not both: the curve sets the peak factor")
        .Errors;
}

/// <summary><c>infercost breakeven</c>: the monthly volume at which one self-hosted replica costs the same as an API.</summary>
public sealed record BreakEvenRequest : IValidatable
{
    /// <summary>Gets the API model to compare with (a catalog model), e.g. <c>gpt-5.4-mini</c>.</summary>
    public string? Api { get; init; }

    /// <summary>Gets the API USD per 1M input tokens (with <see cref="ApiOutputPrice"/>, instead of a catalog model).</summary>
    public decimal? ApiInputPrice { get; init; }

    /// <summary>Gets the API USD per 1M output tokens.</summary>
    public decimal? ApiOutputPrice { get; init; }

    /// <summary>Gets the open model id.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the GPU id or alias.</summary>
    public string? Gpu { get; init; }

    /// <summary>Gets the GPUs per replica (null: the fewest of 1, 2, 4, 8 that fit).</summary>
    public int? Gpus { get; init; }

    /// <summary>Gets the weight precision.</summary>
    public string Precision { get; init; } = "bf16";

    /// <summary>Gets the USD per GPU-hour (null: the catalog's low on-demand price).</summary>
    public decimal? GpuHourPrice { get; init; }

    /// <summary>Gets the workload (the TTFT target is not used).</summary>
    public WorkloadShape Workload { get; init; } = new();

    /// <inheritdoc/>
    public IReadOnlyList<FieldError> Validate()
    {
        var v = new Validator()
            .Check((ApiInputPrice is null) != (ApiOutputPrice is null), "api_input_price", "give both --api-input-price and --api-output-price (USD per 1M tokens)")
            .Check(Api is null && ApiInputPrice is null && ApiOutputPrice is null, "api", "give --api MODEL (a catalog model), or --api-input-price and --api-output-price (USD per 1M tokens)")
            .Check(GpuHourPrice is < 0, "gpu_hour_price", $"--gpu-hour-price must not be negative (got {GpuHourPrice})");
        Workload.Validate(v);
        v.Required(Model, "model", "--model").Required(Gpu, "gpu", "--gpu");
        return v.Errors;
    }
}
