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
    /// <param name="kvPrecision">The KV cache's precision; the weights' precision (BF16 for INT4) when not given.</param>
    /// <exception cref="InferCostException">The GPU count is not positive.</exception>
    public Deployment(ModelArchitecture model, GpuSpec gpu, int gpuCount, Precision weightPrecision, Precision? kvPrecision = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(gpu);
        if (gpuCount < 1)
        {
            throw new InferCostException($"--gpus must be at least 1 (got {gpuCount})");
        }

        Model = model;
        Gpu = gpu;
        GpuCount = gpuCount;
        WeightPrecision = weightPrecision;
        KvPrecision = kvPrecision ?? (weightPrecision is Precision.Int4 or Precision.Int8 ? Precision.Bf16 : weightPrecision);
    }

    /// <summary>Gets the model served.</summary>
    public ModelArchitecture Model { get; }

    /// <summary>Gets the GPU type.</summary>
    public GpuSpec Gpu { get; }

    /// <summary>Gets the GPUs in the replica (the tensor-parallel degree).</summary>
    public int GpuCount { get; }

    /// <summary>Gets the weights' precision.</summary>
    public Precision WeightPrecision { get; }

    /// <summary>Gets the KV cache's precision.</summary>
    public Precision KvPrecision { get; }

    /// <summary>Gets the precision matrix math runs in (INT4 is weight-only: BF16 math).</summary>
    public Precision ComputePrecision => WeightPrecision == Precision.Int4 ? Precision.Bf16 : WeightPrecision;

    /// <inheritdoc/>
    public override string ToString() => $"{Model.Id} on {GpuCount}x {Gpu.Id} ({WeightPrecision.ToId()})";
}
