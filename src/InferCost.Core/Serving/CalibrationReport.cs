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

    /// <summary>
    /// Predicts every point with <paramref name="model"/>'s factors (a point from an engine that does not share KV reads
    /// across a GQA group keeps that property).
    /// </summary>
    public static CalibrationReport Build(
        IEnumerable<CalibrationPoint> points, GpuCatalog gpus, OpenModelCatalog models, PerformanceModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Build(points, gpus, models, point => point.SharedKvReads == model.Factors.SharedKvReadsInDecode
            ? model
            : new PerformanceModel(model.Factors with { SharedKvReadsInDecode = point.SharedKvReads }));
    }

    /// <summary>Predicts every point with the engine preset its source names (<see cref="CalibrationPoint.EnginePreset"/>).</summary>
    public static CalibrationReport BuildWithEnginePresets(IEnumerable<CalibrationPoint> points, GpuCatalog gpus, OpenModelCatalog models)
    {
        var cache = new Dictionary<string, PerformanceModel>(StringComparer.OrdinalIgnoreCase);
        return Build(points, gpus, models, point =>
        {
            var id = point.EnginePreset.Length == 0 ? EnginePresets.Default.Id : point.EnginePreset;
            if (!cache.TryGetValue(id, out var model))
            {
                model = new PerformanceModel(EnginePresets.Find(id).Factors);
                cache[id] = model;
            }

            return model;
        });
    }

    /// <summary>Predicts every point with the model <paramref name="modelFor"/> picks for it.</summary>
    public static CalibrationReport Build(
        IEnumerable<CalibrationPoint> points, GpuCatalog gpus, OpenModelCatalog models, Func<CalibrationPoint, PerformanceModel> modelFor)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(gpus);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(modelFor);
        var rows = new List<CalibrationRow>();
        foreach (var point in points)
        {
            var deployment = DeploymentOf(point, gpus, models);
            rows.Add(new CalibrationRow(point, Predict(point, deployment, modelFor(point)), !deployment.Model.IsMixtureOfExperts));
        }

        return new CalibrationReport(rows);
    }

    /// <summary>The deployment a point was measured on.</summary>
    public static Deployment DeploymentOf(CalibrationPoint point, GpuCatalog gpus, OpenModelCatalog models)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(gpus);
        ArgumentNullException.ThrowIfNull(models);
        return new Deployment(models.Find(point.ModelId), gpus.Find(point.GpuId), point.Gpus, point.Precision, point.KvPrecision);
    }

    /// <summary>The model's prediction of <paramref name="point"/>, in the point's unit.</summary>
    public static double Predict(CalibrationPoint point, Deployment deployment, PerformanceModel model)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(model);
        return point.Kind switch
        {
            CalibrationKind.Prefill => model.PrefillPass(deployment, point.Batch, point.InputTokens).Seconds * 1e3,
            CalibrationKind.DecodeStep => model.DecodeStep(deployment, point.Batch, point.InputTokens).Seconds * 1e3,
            _ => (double)point.Batch * point.OutputTokens / model.StaticBatchSeconds(deployment, point.Batch, point.InputTokens, point.OutputTokens),
        };
    }

    /// <summary>
    /// The regime a dense point falls in: batch (1, 2–32, 33–255, 256+) × context (≤ 2,048, 2k–8k, &gt; 8k tokens at
    /// the end) × model size (&lt; 20B, 20–100B, &gt; 100B parameters).
    /// </summary>
    public static string RegimeOf(CalibrationRow row, OpenModelCatalog models)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(models);
        var p = row.Point;
        var batch = p.Batch switch { 1 => "batch 1", <= 32 => "batch 2-32", < 256 => "batch 33-255", _ => "batch 256+" };
        var context = p.FinalContext switch { <= 2048 => "ctx <=2k", <= 8192 => "ctx 2k-8k", _ => "ctx >8k" };
        var parameters = models.Find(p.ModelId).Parameters;
        var size = parameters switch { < 20e9 => "<20B", <= 100e9 => "20-100B", _ => ">100B" };
        return $"{batch}, {context}, {size}";
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
