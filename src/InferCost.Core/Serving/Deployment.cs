using InferCost.Errors;

namespace InferCost.Serving;

/// <summary>One model replica: a model on <see cref="GpuCount"/> GPUs with tensor parallelism across all of them.</summary>
public sealed record Deployment
{
    /// <summary>Initializes a new instance of the <see cref="Deployment"/> class.</summary>
    /// <param name="model">The model served.</param>
    /// <param name="gpu">The GPU type.</param>
    /// <param name="gpuCount">GPUs in the replica (the tensor-parallel degree).</param>
    /// <param name="weightPrecision">The weights' precision (also the matrix-math precision, INT4 excepted).</param>
    /// <param name="kvPrecision">The KV cache's precision; the weights' precision (BF16 for INT4/INT8, FP8 for FP4) when not given.</param>
    /// <param name="expertParallel">Whether a MoE model's experts are spread across the GPUs (expert parallelism) instead of split by tensor parallelism.</param>
    /// <exception cref="InferCostException">The GPU count is not positive.</exception>
    public Deployment(ModelArchitecture model, GpuSpec gpu, int gpuCount, Precision weightPrecision, Precision? kvPrecision = null, bool expertParallel = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(gpu);
        if (gpuCount < 1)
        {
            throw new InferCostException($"--gpus must be at least 1 (got {gpuCount})");
        }

        ExpertParallel = expertParallel && model.IsMixtureOfExperts && gpuCount > 1;
        Model = model;
        Gpu = gpu;
        GpuCount = gpuCount;
        WeightPrecision = weightPrecision;
        KvPrecision = kvPrecision ?? DefaultKvPrecision(weightPrecision);
    }

    /// <summary>The KV cache's precision when none is given: the weights' (BF16 for weight-only INT4/INT8, FP8 for FP4).</summary>
    public static Precision DefaultKvPrecision(Precision weightPrecision) => weightPrecision switch
    {
        Precision.Int4 or Precision.Int8 => Precision.Bf16,
        Precision.Fp4 => Precision.Fp8,
        _ => weightPrecision,
    };

    /// <summary>Gets the model served.</summary>
    public ModelArchitecture Model { get; }

    /// <summary>Gets the GPU type.</summary>
    public GpuSpec Gpu { get; }

    /// <summary>Gets the GPUs in the replica (the tensor-parallel degree).</summary>
    public int GpuCount { get; }

    /// <summary>Gets the weights' precision.</summary>
    public Precision WeightPrecision { get; }

    /// <summary>Gets whether the experts of a MoE model are spread across the GPUs (all-to-all instead of all-reduce around expert layers).</summary>
    public bool ExpertParallel { get; }

    /// <summary>Gets the KV cache's precision.</summary>
    public Precision KvPrecision { get; }

    /// <summary>Gets the precision matrix math runs in (INT4 is weight-only: BF16 math).</summary>
    public Precision ComputePrecision => WeightPrecision == Precision.Int4 ? Precision.Bf16 : WeightPrecision;

    /// <inheritdoc/>
    public override string ToString() => $"{Model.Id} on {GpuCount}x {Gpu.Id} ({WeightPrecision.ToId()})";
}
