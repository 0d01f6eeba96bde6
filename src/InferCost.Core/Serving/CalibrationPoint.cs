namespace InferCost.Serving;

/// <summary>What a published measurement measured.</summary>
public enum CalibrationKind
{
    /// <summary>
    /// Output tokens per second of a static batch: prefill of the prompts, then decode of the outputs
    /// (decode-dominated where output length is at least the input length).
    /// </summary>
    Decode,

    /// <summary>Milliseconds to the first token: one prefill pass.</summary>
    Prefill,

    /// <summary>
    /// Milliseconds per output token in steady decode (time per output token, excluding the first): one decode step of the
    /// batch at a context of the prompt length.
    /// </summary>
    DecodeStep,
}

/// <summary>One published throughput or latency measurement, with where it was published.</summary>
public sealed record CalibrationPoint
{
    /// <summary>Gets what was measured.</summary>
    public required CalibrationKind Kind { get; init; }

    /// <summary>Gets the model id in the open-model catalog.</summary>
    public required string ModelId { get; init; }

    /// <summary>Gets the GPU id in the GPU catalog.</summary>
    public required string GpuId { get; init; }

    /// <summary>Gets the GPUs (tensor-parallel degree).</summary>
    public required int Gpus { get; init; }

    /// <summary>Gets the weight precision.</summary>
    public required Precision Precision { get; init; }

    /// <summary>Gets the KV-cache precision.</summary>
    public required Precision KvPrecision { get; init; }

    /// <summary>Gets the batch size.</summary>
    public required int Batch { get; init; }

    /// <summary>Gets the prompt tokens per sequence.</summary>
    public required int InputTokens { get; init; }

    /// <summary>Gets the generated tokens per sequence (0 for prefill).</summary>
    public int OutputTokens { get; init; }

    /// <summary>
    /// Gets the measured value: output tokens per second for the whole deployment (<see cref="CalibrationKind.Decode"/>)
    /// or milliseconds (<see cref="CalibrationKind.Prefill"/>, <see cref="CalibrationKind.DecodeStep"/>).
    /// </summary>
    public required double Measured { get; init; }

    /// <summary>
    /// Gets whether the engine's decode attention shares KV reads across a GQA group
    /// (see <see cref="EfficiencyFactors.SharedKvReadsInDecode"/>).
    /// </summary>
    public bool SharedKvReads { get; init; } = true;

    /// <summary>Gets the id of the engine preset the point is predicted with (<see cref="EnginePresets"/>); empty for the default.</summary>
    public string EnginePreset { get; init; } = "";

    /// <summary>Gets the engine and version measured.</summary>
    public string Engine { get; init; } = "";

    /// <summary>Gets where the measurement was published.</summary>
    public required string Source { get; init; }

    /// <summary>Gets when it was published, as precisely as the source says (<c>2023-12</c>).</summary>
    public string Published { get; init; } = "";

    /// <summary>
    /// Gets whether the point was held out of the fit of <see cref="EfficiencyFactors.Calibrated"/>: added after the factors
    /// were fitted and used only to check them.
    /// </summary>
    public bool HeldOut { get; init; }

    /// <summary>Gets the tokens each sequence holds at the end of the measurement (prompt plus output).</summary>
    public int FinalContext => InputTokens + OutputTokens;
}
