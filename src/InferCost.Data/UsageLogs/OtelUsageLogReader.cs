using System.Text.Json;
using InferCost.Pricing;
using InferCost.UsageAnalytics;

namespace InferCost.Data.UsageLogs;

/// <summary>
/// Reads OpenTelemetry OTLP/JSON trace exports (the collector's file exporter: one <c>ExportTraceServiceRequest</c>
/// per line) and makes one record per span that carries <c>gen_ai.usage.*</c> attributes.
/// </summary>
/// <remarks>
/// Attributes read: <c>gen_ai.provider.name</c> (or the older <c>gen_ai.system</c>), <c>gen_ai.response.model</c>
/// (else <c>gen_ai.request.model</c>), <c>gen_ai.response.id</c> (else the span id), <c>gen_ai.usage.input_tokens</c>
/// (cache included, as the conventions say), <c>gen_ai.usage.cache_read.input_tokens</c>,
/// <c>gen_ai.usage.cache_creation.input_tokens</c>, <c>gen_ai.usage.output_tokens</c>,
/// <c>gen_ai.usage.reasoning.output_tokens</c>; user from <c>user.id</c> or <c>enduser.id</c>, feature from
/// <c>app.feature</c> or <c>gen_ai.agent.name</c> (span first, then resource); time from <c>startTimeUnixNano</c>.
/// One line holds many spans, so this reader parses a line as a document.
/// </remarks>
public sealed class OtelUsageLogReader : UsageLogReader
{
    private readonly UsageReadOptions _options;
    private readonly StringPool _pool = new();

    /// <summary>Initializes a reader.</summary>
    public OtelUsageLogReader(UsageReadOptions? options = null) => _options = options ?? UsageReadOptions.None;

    /// <inheritdoc/>
    public override UsageLogFormat Format => UsageLogFormat.Otel;

    /// <inheritdoc/>
    public override void Read(Stream stream, IUsageSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        JsonRecords.ForEach(stream, (line, number) => ReadRecord(line, number, sink), sink.OnReject, cancellationToken);
    }

    /// <summary>Reads one OTLP export (one line, or one pretty-printed document).</summary>
    internal void ReadRecord(ReadOnlySpan<byte> line, long number, IUsageSink sink)
    {
        var pool = _pool;
        JsonDocument doc;
        try
        {
            var reader = new Utf8JsonReader(line);
            doc = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            sink.OnReject(number, "invalid JSON: " + ex.Message, line);
            return;
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("resourceSpans", out var resourceSpans) || resourceSpans.ValueKind != JsonValueKind.Array)
            {
                sink.OnReject(number, "expected an OTLP/JSON export with `resourceSpans`", line);
                return;
            }

            var problems = new List<string>();
            foreach (var rs in resourceSpans.EnumerateArray())
            {
                var resource = rs.TryGetProperty("resource", out var r) && r.TryGetProperty("attributes", out var ra) ? ra : default;
                if (!rs.TryGetProperty("scopeSpans", out var scopeSpans) || scopeSpans.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var ss in scopeSpans.EnumerateArray())
                {
                    if (!ss.TryGetProperty("spans", out var spans) || spans.ValueKind != JsonValueKind.Array)
                    {
                        continue;
                    }

                    foreach (var span in spans.EnumerateArray())
                    {
                        var attrs = span.TryGetProperty("attributes", out var a) ? a : default;
                        if (Attr(attrs, "gen_ai.usage.input_tokens") is null && Attr(attrs, "gen_ai.usage.output_tokens") is null)
                        {
                            continue; // not a model call (an agent step, a tool call, an HTTP span)
                        }

                        if (ToRecord(span, attrs, resource, pool, _options, out var record) is { } problem)
                        {
                            problems.Add(problem);
                            continue;
                        }

                        sink.OnRecord(record, number, line);
                    }
                }
            }

            if (problems.Count > 0)
            {
                sink.OnReject(number, string.Join("; ", problems), line);
            }
        }
    }

    private static string? ToRecord(JsonElement span, JsonElement attrs, JsonElement resource, StringPool pool, UsageReadOptions options, out UsageRecord record)
    {
        record = default;
        var spanId = span.TryGetProperty("spanId", out var sid) && sid.ValueKind == JsonValueKind.String ? sid.GetString() : null;
        var where = "span " + (spanId ?? "?");
        string? Text(string key) => Attr(attrs, key) is { ValueKind: JsonValueKind.String } v ? pool.Get(System.Text.Encoding.UTF8.GetBytes(v.GetString()!)) : null;
        string? Count(string key, out long value)
        {
            value = 0;
            if (Attr(attrs, key) is not { } v)
            {
                return null;
            }

            if ((v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out value)) || (v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value)))
            {
                // OTLP/JSON writes 64-bit integers as strings, so a digit string is a number here (the OTLP spec);
                // the bounds are the shared policy (UsageLimits).
                return value is < 0 or > UsageLimits.MaxValue ? $"{where}: `{key}`: expected {UsageLimits.Expected(whole: true)}, got {value}" : null;
            }

            return $"{where}: `{key}`: expected an integer, got {v.ValueKind.ToString().ToLowerInvariant()}";
        }

        var problem = Count("gen_ai.usage.input_tokens", out var input);
        var problem2 = Count("gen_ai.usage.output_tokens", out var output);
        var problem3 = Count("gen_ai.usage.cache_read.input_tokens", out var cacheRead);
        var problem4 = Count("gen_ai.usage.cache_creation.input_tokens", out var cacheWrite);
        var problem5 = Count("gen_ai.usage.reasoning.output_tokens", out var reasoning);
        problem = problem ?? problem2 ?? problem3 ?? problem4 ?? problem5;
        if (problem is not null)
        {
            return problem;
        }

        var model = Text("gen_ai.response.model") ?? Text("gen_ai.request.model") ?? options.DefaultModel;
        if (model is null)
        {
            return $"{where}: no `gen_ai.response.model` or `gen_ai.request.model` (or pass --model)";
        }

        var timeSource = TimeSource.Record;
        if (!span.TryGetProperty("startTimeUnixNano", out var start) || !TryUnixNano(start, out var time))
        {
            if (options.DefaultTime is not { } given)
            {
                return $"{where}: no `startTimeUnixNano`";
            }

            (time, timeSource) = (given, options.DefaultTimeSource);
        }

        record = new UsageRecord
        {
            Time = time,
            TimeSource = timeSource,
            RequestId = Text("gen_ai.response.id") ?? spanId,
            User = Text("user.id") ?? Text("enduser.id") ?? ResourceText(resource, "user.id", pool),
            Feature = Text("app.feature") ?? Text("gen_ai.agent.name") ?? ResourceText(resource, "app.feature", pool) ?? ResourceText(resource, "service.name", pool),
            Provider = ProviderNames.Normalize(Text("gen_ai.provider.name") ?? Text("gen_ai.system")),
            Model = options.MapModel(model),
            InputTokens = input,
            CacheReadTokens = cacheRead,
            CacheWrite5mTokens = cacheWrite,
            OutputTokens = output,
            ReasoningTokens = reasoning,
            Requests = 1,
        };
        return null;
    }

    private static string? ResourceText(JsonElement resource, string key, StringPool pool)
        => Attr(resource, key) is { ValueKind: JsonValueKind.String } v ? pool.Get(System.Text.Encoding.UTF8.GetBytes(v.GetString()!)) : null;

    private static bool TryUnixNano(JsonElement e, out DateTimeOffset time)
    {
        time = default;
        ulong nanos;
        if (e.ValueKind == JsonValueKind.String && ulong.TryParse(e.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out nanos))
        {
        }
        else if (e.ValueKind != JsonValueKind.Number || !e.TryGetUInt64(out nanos))
        {
            return false;
        }

        time = DateTimeOffset.UnixEpoch.AddTicks((long)(nanos / 100));
        return true;
    }

    // OTLP attributes: [{ "key": "...", "value": { "stringValue" | "intValue" | "doubleValue" | "boolValue": ... } }].
    private static JsonElement? Attr(JsonElement attributes, string key)
    {
        if (attributes.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var kv in attributes.EnumerateArray())
        {
            if (kv.ValueKind == JsonValueKind.Object && kv.TryGetProperty("key", out var k) && k.ValueEquals(key) && kv.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in v.EnumerateObject())
                {
                    return p.Value;
                }
            }
        }

        return null;
    }
}
