using InferCost.Data.Yaml;
using InferCost.Errors;
using InferCost.Serving;

namespace InferCost.Data.Serving;

/// <summary>Loads <c>catalog/serving-calibration.yaml</c>: published measurements with their sources.</summary>
public static class CalibrationLoader
{
    /// <summary>The resource name of the built-in calibration data.</summary>
    public const string BuiltInName = "catalog/serving-calibration.yaml";

    /// <summary>The top-level keys.</summary>
    internal static readonly string[] RootKeys = ["sources", "points"];

    /// <summary>The keys of one measured point.</summary>
    internal static readonly string[] PointKeys = ["kind", "source", "model", "gpu", "gpus", "precision", "kv_precision", "batch", "input_tokens", "output_tokens", "measured", "measured_unit"];

    /// <summary>The keys of one source.</summary>
    internal static readonly string[] SourceKeys = ["url", "engine", "engine_preset", "published", "measures", "note", "held_out", "shared_kv_reads_in_decode"];

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

    /// <summary>Parses calibration data; errors name <paramref name="file"/>, the line, the column and the field.</summary>
    /// <exception cref="InputFileException">A value is missing, unknown, out of range or malformed.</exception>
    public static IReadOnlyList<CalibrationPoint> Load(string file, TextReader reader)
    {
        var yaml = YamlReader.StopAtFirst(file);
        var root = yaml.Root(yaml.Load(reader), "expected sources: { … } and points: [ … ]")!;
        root.Known(RootKeys);
        var sourceMap = root.Map("sources", required: true, "expected a mapping of source ids")!;
        var sources = new Dictionary<string, YamlMap>(StringComparer.Ordinal);
        foreach (var (id, node, path) in sourceMap.Entries)
        {
            var source = yaml.AsMap(node, path)!;
            source.Known(SourceKeys);
            sources[id] = source;
        }

        var list = root.List("points", required: true)!;
        var points = new List<CalibrationPoint>();
        for (var i = 0; i < list.Count; i++)
        {
            var f = yaml.AsMap(list[i], $"points[{i}]")!;
            f.Known(PointKeys);
            var sourceId = f.Text("source", required: true)!;
            if (!sources.TryGetValue(sourceId, out var source))
            {
                f.Report("source", $"'{sourceId}' is not listed under sources{YamlReader.Suggest(sourceId, sources.Keys)}");
                continue;
            }

            var gpus = f.Int("gpus", 1, 4096, required: true)!.Value;
            var measured = f.Number("measured", double.Epsilon, 1e9, required: true)!.Value;
            var unit = f.Text("measured_unit", required: true)!;
            var kind = f.Enum("kind", KindNames) ?? CalibrationKind.Decode;
            measured = (kind, unit) switch
            {
                (CalibrationKind.Decode, "output_tokens_per_second") => measured,
                (CalibrationKind.Decode, "output_tokens_per_second_per_gpu") => measured * gpus,
                (CalibrationKind.Prefill, "ms") => measured,
                (CalibrationKind.DecodeStep, "ms_per_output_token") => measured,
                _ => Unfit(f, unit, kind),
            };
            points.Add(new CalibrationPoint
            {
                Kind = kind,
                ModelId = f.Text("model", required: true)!,
                GpuId = f.Text("gpu", required: true)!,
                Gpus = gpus,
                Precision = ParsePrecision(f, "precision"),
                KvPrecision = ParsePrecision(f, "kv_precision"),
                Batch = f.Int("batch", 1, 1_000_000, required: true)!.Value,
                InputTokens = f.Int("input_tokens", 0, 100_000_000, required: true)!.Value,
                OutputTokens = f.Int("output_tokens", 0, 100_000_000) ?? 0,
                Measured = measured,
                Engine = source.Text("engine") ?? "",
                EnginePreset = source.Text("engine_preset") ?? "",
                SharedKvReads = source.Bool("shared_kv_reads_in_decode") ?? true,
                Source = source.Text("url", required: true)!,
                Published = source.Text("published") ?? "",
                HeldOut = source.Bool("held_out") ?? false,
            });
        }

        return points;
    }

    private static double Unfit(YamlMap f, string unit, CalibrationKind kind)
    {
        f.Report("measured_unit", $"'{unit}' does not fit kind {kind.ToString().ToLowerInvariant()}: decode takes output_tokens_per_second[_per_gpu], prefill takes ms, decode_step takes ms_per_output_token");
        return 0;
    }

    private static Precision ParsePrecision(YamlMap f, string key)
    {
        var text = f.Text(key, required: true)!;
        try
        {
            return PrecisionExtensions.Parse(text);
        }
        catch (InferCostException ex) when (ex is not InputFileException)
        {
            f.Report(key, ex.Message);
            return default;
        }
    }
}
