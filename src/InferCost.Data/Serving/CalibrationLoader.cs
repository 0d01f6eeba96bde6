using InferCost.Errors;
using InferCost.Serving;

namespace InferCost.Data.Serving;

/// <summary>Loads <c>catalog/serving-calibration.yaml</c>: published measurements with their sources.</summary>
public static class CalibrationLoader
{
    /// <summary>The resource name of the built-in calibration data.</summary>
    public const string BuiltInName = "catalog/serving-calibration.yaml";

    private static readonly Dictionary<string, CalibrationKind> KindNames = new()
    {
        ["DECODE"] = CalibrationKind.Decode,
        ["PREFILL"] = CalibrationKind.Prefill,
        ["DECODE_STEP"] = CalibrationKind.DecodeStep,
    };

    /// <summary>Loads the calibration data built into InferCost.</summary>
    public static IReadOnlyList<CalibrationPoint> LoadBuiltIn()
    {
        using var reader = BuiltInResources.Open(BuiltInName);
        return Load(BuiltInName, reader);
    }

    /// <summary>Parses calibration data; errors name <paramref name="file"/>, the line and the field.</summary>
    public static IReadOnlyList<CalibrationPoint> Load(string file, TextReader reader)
    {
        var root = YamlFields.LoadRoot(file, reader);
        var sources = new YamlFields(file, "sources", root is YamlDotNet.RepresentationModel.YamlMappingNode m && m.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("sources"), out var s)
            ? s
            : throw new InputFileException(file, 1, "sources", "missing: expected a mapping of source ids"));
        var list = YamlFields.Sequence(file, root, "points");
        var points = new List<CalibrationPoint>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var f = new YamlFields(file, $"points[{i}]", list.Children[i]);
            var sourceId = f.RequiredString("source");
            var sourceNode = sources.Node(sourceId) ?? throw f.Error("source", $"'{sourceId}' is not listed under sources");
            var source = new YamlFields(file, $"sources.{sourceId}", sourceNode);
            var gpus = f.RequiredInt("gpus");
            var measured = f.RequiredPositive("measured");
            var unit = f.RequiredString("measured_unit");
            var kind = f.Enum("kind", CalibrationKind.Decode, KindNames);
            measured = (kind, unit) switch
            {
                (CalibrationKind.Decode, "output_tokens_per_second") => measured,
                (CalibrationKind.Decode, "output_tokens_per_second_per_gpu") => measured * gpus,
                (CalibrationKind.Prefill, "ms") => measured,
                (CalibrationKind.DecodeStep, "ms_per_output_token") => measured,
                _ => throw f.Error("measured_unit", $"'{unit}' does not fit kind {kind.ToString().ToLowerInvariant()}: decode takes output_tokens_per_second[_per_gpu], prefill takes ms, decode_step takes ms_per_output_token"),
            };
            points.Add(new CalibrationPoint
            {
                Kind = kind,
                ModelId = f.RequiredString("model"),
                GpuId = f.RequiredString("gpu"),
                Gpus = gpus,
                Precision = ParsePrecision(f, "precision"),
                KvPrecision = ParsePrecision(f, "kv_precision"),
                Batch = f.RequiredInt("batch"),
                InputTokens = f.RequiredInt("input_tokens"),
                OutputTokens = f.OptionalInt("output_tokens") ?? 0,
                Measured = measured,
                Engine = source.OptionalString("engine") ?? "",
                EnginePreset = source.OptionalString("engine_preset") ?? "",
                SharedKvReads = !string.Equals(source.OptionalString("shared_kv_reads_in_decode"), "false", StringComparison.OrdinalIgnoreCase),
                Source = source.RequiredString("url"),
                Published = source.OptionalString("published") ?? "",
                HeldOut = string.Equals(source.OptionalString("held_out"), "true", StringComparison.OrdinalIgnoreCase),
            });
        }

        return points;
    }

    private static Precision ParsePrecision(YamlFields f, string key)
    {
        try
        {
            return PrecisionExtensions.Parse(f.RequiredString(key));
        }
        catch (InferCostException ex) when (ex is not InputFileException)
        {
            throw f.Error(key, ex.Message);
        }
    }
}
