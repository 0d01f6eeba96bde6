namespace InferCost.Serving;

/// <summary>One calibration point with the model's prediction.</summary>
/// <param name="Point">The published measurement.</param>
/// <param name="Predicted">The model's prediction, in the measurement's unit.</param>
/// <param name="IsDense">Whether the model is dense (not a mixture of experts).</param>
public sealed record CalibrationRow(CalibrationPoint Point, double Predicted, bool IsDense)
{
    /// <summary>Gets the signed relative error, (predicted − measured) / measured.</summary>
    public double RelativeError => (Predicted - Point.Measured) / Point.Measured;
}

/// <summary>Predicted against published for every calibration point, with median absolute errors per phase.</summary>
public sealed class CalibrationReport
{
    private CalibrationReport(IReadOnlyList<CalibrationRow> rows)
    {
        Rows = rows;
    }

    /// <summary>Gets one row per calibration point.</summary>
    public IReadOnlyList<CalibrationRow> Rows { get; }

    /// <summary>
    /// The context (tokens a sequence holds) from which a decode point counts as long context: beyond the 4,096 tokens
    /// the original calibration set reached.
    /// </summary>
    public const int LongContextTokens = 8192;

    /// <summary>Gets the median absolute relative error over dense-model decode points (static batch and decode step).</summary>
    public double MedianDenseDecodeError => Median(DenseDecodeRows(Rows));

    /// <summary>Gets the median absolute relative error over dense-model prefill points.</summary>
    public double MedianDensePrefillError => Median(DensePrefillRows(Rows));

    /// <summary>Gets the median absolute relative error over dense-model decode points the factors were fitted on.</summary>
    public double MedianInSampleDenseDecodeError => Median(DenseDecodeRows(Rows.Where(r => !r.Point.HeldOut)));

    /// <summary>Gets the median absolute relative error over dense-model prefill points the factors were fitted on.</summary>
    public double MedianInSampleDensePrefillError => Median(DensePrefillRows(Rows.Where(r => !r.Point.HeldOut)));

    /// <summary>Gets the median absolute relative error over held-out dense-model decode points.</summary>
    public double MedianHeldOutDenseDecodeError => Median(DenseDecodeRows(Rows.Where(r => r.Point.HeldOut)));

    /// <summary>Gets the median absolute relative error over held-out dense-model prefill points.</summary>
    public double MedianHeldOutDensePrefillError => Median(DensePrefillRows(Rows.Where(r => r.Point.HeldOut)));

    /// <summary>Gets the median absolute relative error over mixture-of-experts decode points.</summary>
    public double MedianMoeDecodeError => Median(Rows.Where(r => !r.IsDense && IsDecode(r)));

    /// <summary>Gets the median absolute relative error over mixture-of-experts prefill points.</summary>
    public double MedianMoePrefillError => Median(Rows.Where(r => !r.IsDense && r.Point.Kind == CalibrationKind.Prefill));

    /// <summary>Gets the dense-model decode rows at batch 1 (single-stream decode, the bandwidth-bound regime).</summary>
    public IReadOnlyList<CalibrationRow> BatchOneDenseDecodeRows => [.. DenseDecodeRows(Rows).Where(r => r.Point.Batch == 1)];

    /// <summary>Gets the dense-model decode rows whose context reaches <see cref="LongContextTokens"/> tokens.</summary>
    public IReadOnlyList<CalibrationRow> LongContextDenseDecodeRows =>
        [.. DenseDecodeRows(Rows).Where(r => r.Point.FinalContext >= LongContextTokens)];

    /// <summary>Median absolute relative error over <paramref name="rows"/> (NaN when empty).</summary>
    public static double MedianError(IEnumerable<CalibrationRow> rows) => Median(rows);

    private static bool IsDecode(CalibrationRow r) => r.Point.Kind is CalibrationKind.Decode or CalibrationKind.DecodeStep;

    private static IEnumerable<CalibrationRow> DenseDecodeRows(IEnumerable<CalibrationRow> rows) => rows.Where(r => r.IsDense && IsDecode(r));

    private static IEnumerable<CalibrationRow> DensePrefillRows(IEnumerable<CalibrationRow> rows) =>
        rows.Where(r => r.IsDense && r.Point.Kind == CalibrationKind.Prefill);

    /// <summary>Predicts every point with <paramref name="model"/>.</summary>
    public static CalibrationReport Build(
        IEnumerable<CalibrationPoint> points, GpuCatalog gpus, OpenModelCatalog models, PerformanceModel model)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(gpus);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(model);
        var rows = new List<CalibrationRow>();
        foreach (var point in points)
        {
            var architecture = models.Find(point.ModelId);
            var deployment = new Deployment(architecture, gpus.Find(point.GpuId), point.Gpus, point.Precision, point.KvPrecision);
            var engine = point.SharedKvReads == model.Factors.SharedKvReadsInDecode
                ? model
                : new PerformanceModel(model.Factors with { SharedKvReadsInDecode = point.SharedKvReads });
            var predicted = point.Kind switch
            {
                CalibrationKind.Prefill => engine.PrefillPass(deployment, point.Batch, point.InputTokens).Seconds * 1e3,
                CalibrationKind.DecodeStep => engine.DecodeStep(deployment, point.Batch, point.InputTokens).Seconds * 1e3,
                _ => (double)point.Batch * point.OutputTokens
                    / engine.StaticBatchSeconds(deployment, point.Batch, point.InputTokens, point.OutputTokens),
            };
            rows.Add(new CalibrationRow(point, predicted, !architecture.IsMixtureOfExperts));
        }

        return new CalibrationReport(rows);
    }

    private static double Median(IEnumerable<CalibrationRow> rows)
    {
        var errors = rows.Select(r => Math.Abs(r.RelativeError)).Order().ToArray();
        if (errors.Length == 0)
        {
            return double.NaN;
        }

        var mid = errors.Length / 2;
        return errors.Length % 2 == 1 ? errors[mid] : (errors[mid - 1] + errors[mid]) / 2.0;
    }
}
