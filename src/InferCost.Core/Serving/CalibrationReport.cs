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

    /// <summary>Gets the median absolute relative error over dense-model decode points.</summary>
    public double MedianDenseDecodeError => Median(Rows.Where(r => r.IsDense && r.Point.Kind == CalibrationKind.Decode));

    /// <summary>Gets the median absolute relative error over dense-model prefill points.</summary>
    public double MedianDensePrefillError => Median(Rows.Where(r => r.IsDense && r.Point.Kind == CalibrationKind.Prefill));

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
            var predicted = point.Kind == CalibrationKind.Prefill
                ? engine.PrefillPass(deployment, point.Batch, point.InputTokens).Seconds * 1e3
                : (double)point.Batch * point.OutputTokens
                    / engine.StaticBatchSeconds(deployment, point.Batch, point.InputTokens, point.OutputTokens);
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
