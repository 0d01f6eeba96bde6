using System.Globalization;
using System.Text;
using System.Text.Json;
using InferCost.Errors;
using InferCost.Serving;

namespace InferCost.Data.Serving;

/// <summary>
/// Reads and writes measured points as JSON lines:
/// <c>{"model","gpu","precision","phase":"decode|prefill","batch","context","tokens_per_second"}</c>, plus optional
/// <c>gpus</c> (tensor-parallel degree, default 1), <c>kv_precision</c> and <c>output_tokens</c> (a decode point
/// with output_tokens is a static batch: output tokens per second including the prefill); other fields are ignored.
/// decode: <c>tokens_per_second</c> of <c>batch</c> sequences holding <c>context</c> tokens (what <c>perf --json</c>
/// reports); prefill: prompt tokens per second of <c>batch</c> prompts of <c>context</c> tokens.
/// </summary>
public static class MeasuredPoints
{
    /// <summary>Reads points; errors name the file, the line and the field.</summary>
    public static IReadOnlyList<CalibrationPoint> Read(string file, TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var points = new List<CalibrationPoint>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                throw new InputFileException(file, lineNumber, null, $"not valid JSON: {ex.Message}");
            }

            using (doc)
            {
                points.Add(ReadPoint(file, lineNumber, doc.RootElement));
            }
        }

        return points.Count > 0 ? points : throw new InputFileException(file, null, null, "no points: expected one JSON object per line");
    }

    /// <summary>Writes <paramref name="points"/> as JSON lines.</summary>
    public static void Write(TextWriter writer, IEnumerable<CalibrationPoint> points)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(points);
        foreach (var p in points)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("model", p.ModelId);
                json.WriteString("gpu", p.GpuId);
                json.WriteNumber("gpus", p.Gpus);
                json.WriteString("precision", p.Precision.ToId());
                json.WriteString("kv_precision", p.KvPrecision.ToId());
                var isPrefill = p.Kind == CalibrationKind.Prefill;
                json.WriteString("phase", isPrefill ? "prefill" : "decode");
                json.WriteNumber("batch", p.Batch);
                json.WriteNumber("context", p.InputTokens);
                var tokensPerSecond = p.Kind switch
                {
                    CalibrationKind.Prefill => (double)p.Batch * p.InputTokens / (p.Measured / 1e3),
                    CalibrationKind.DecodeStep => p.Batch / (p.Measured / 1e3),
                    _ => p.Measured,
                };
                json.WriteNumber("tokens_per_second", Math.Round(tokensPerSecond, 3));
                if (p.Kind == CalibrationKind.Decode)
                {
                    json.WriteNumber("output_tokens", p.OutputTokens);
                }

                if (p.Source.Length > 0)
                {
                    json.WriteString("source", p.Source);
                }

                json.WriteEndObject();
            }

            writer.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        }
    }

    private static CalibrationPoint ReadPoint(string file, int line, JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new InputFileException(file, line, null, "expected a JSON object");
        }

        string Text(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
            ? s
            : throw new InputFileException(file, line, name, "missing: expected text");
        double Number(string name, bool required, double fallback = 0)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                return required ? throw new InputFileException(file, line, name, "missing: expected a positive number") : fallback;
            }

            return v.ValueKind == JsonValueKind.Number && v.GetDouble() > 0
                ? v.GetDouble()
                : throw new InputFileException(file, line, name, $"expected a positive number (got {v.GetRawText()})");
        }

        int Whole(string name, bool required, int fallback = 0)
        {
            var value = Number(name, required, fallback);
            return value == Math.Floor(value) && value <= int.MaxValue
                ? (int)value
                : throw new InputFileException(file, line, name, $"expected a whole number (got {value.ToString(CultureInfo.InvariantCulture)})");
        }

        Precision ParsePrecision(string name, string text)
        {
            try
            {
                return PrecisionExtensions.Parse(text);
            }
            catch (InferCostException ex)
            {
                throw new InputFileException(file, line, name, ex.Message);
            }
        }

        var phase = Text("phase");
        if (phase is not ("decode" or "prefill"))
        {
            throw new InputFileException(file, line, "phase", $"expected decode or prefill (got '{phase}')");
        }

        var precision = ParsePrecision("precision", Text("precision"));
        Precision? kv = e.TryGetProperty("kv_precision", out var kvText) && kvText.ValueKind == JsonValueKind.String
            ? ParsePrecision("kv_precision", kvText.GetString()!)
            : null;
        var batch = Whole("batch", true);
        var context = Whole("context", true);
        var gpus = Whole("gpus", false, 1);
        var outputTokens = Whole("output_tokens", false, 0);
        var tokensPerSecond = Number("tokens_per_second", true);
        var model = Text("model");
        var gpu = Text("gpu");
        var kind = phase == "prefill" ? CalibrationKind.Prefill : outputTokens > 0 ? CalibrationKind.Decode : CalibrationKind.DecodeStep;
        var measured = kind switch
        {
            CalibrationKind.Prefill => (double)batch * context / tokensPerSecond * 1e3,
            CalibrationKind.DecodeStep => batch / tokensPerSecond * 1e3,
            _ => tokensPerSecond,
        };
        return new CalibrationPoint
        {
            Kind = kind,
            ModelId = model,
            GpuId = gpu,
            Gpus = gpus,
            Precision = precision,
            KvPrecision = kv ?? Deployment.DefaultKvPrecision(precision),
            Batch = batch,
            InputTokens = context,
            OutputTokens = outputTokens,
            Measured = measured,
            Source = $"{file}:{line}",
        };
    }
}
