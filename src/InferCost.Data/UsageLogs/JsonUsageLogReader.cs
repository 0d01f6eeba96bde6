using System.Text.Json;
using InferCost.UsageAnalytics;

namespace InferCost.Data.UsageLogs;

/// <summary>
/// Reads OpenAI (Chat Completions, Responses, Batch output), Anthropic, Gemini and LiteLLM JSONL logs with
/// <see cref="Utf8JsonReader"/> over a pooled line buffer; strings that repeat (users, features, models) are interned.
/// </summary>
public sealed class JsonUsageLogReader : UsageLogReader
{
    private readonly JsonFieldMap _map;
    private readonly string? _defaultProvider;

    /// <summary>Initializes a reader for one of the JSONL formats.</summary>
    public JsonUsageLogReader(UsageLogFormat format)
    {
        Format = format;
        (_map, _defaultProvider) = format switch
        {
            UsageLogFormat.OpenAi or UsageLogFormat.OpenAiBatch => (JsonLogFormats.OpenAi, "openai"),
            UsageLogFormat.Anthropic => (JsonLogFormats.Anthropic, "anthropic"),
            UsageLogFormat.Gemini => (JsonLogFormats.Gemini, "google"),
            UsageLogFormat.LiteLlm => (JsonLogFormats.LiteLlm, (string?)null),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a JSONL usage format."),
        };
    }

    /// <inheritdoc/>
    public override UsageLogFormat Format { get; }

    /// <inheritdoc/>
    public override void Read(Stream stream, IUsageSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var fields = new ScannedFields(new StringPool());
        JsonLines.ForEach(stream, (line, number) => ReadLine(line, number, fields, sink), sink.OnReject, cancellationToken);
    }

    private void ReadLine(ReadOnlySpan<byte> line, long number, ScannedFields fields, IUsageSink sink)
    {
        try
        {
            JsonLineScanner.Scan(line, _map, fields);
        }
        catch (JsonException ex)
        {
            sink.OnReject(number, "invalid JSON: " + ex.Message, line);
            return;
        }

        if (Finish(fields, out var record) is { } problem)
        {
            sink.OnReject(number, problem, line);
            return;
        }

        sink.OnRecord(record, number);
    }

    private readonly Dictionary<string, string?> _providers = new(StringComparer.Ordinal);

    private string? NormalizeProvider(string? name)
    {
        if (name is null)
        {
            return null;
        }

        if (!_providers.TryGetValue(name, out var id))
        {
            _providers[name] = id = ProviderNames.Normalize(name);
        }

        return id;
    }

    private string? Finish(ScannedFields f, out UsageRecord record)
    {
        record = default;
        if (f.Problem is { } p)
        {
            return p;
        }

        if (f.Text(FieldSlot.Error) is { } error)
        {
            return "the request failed: " + error;
        }

        if (f.Has(FieldSlot.StatusCode) && f.Count(FieldSlot.StatusCode) != 200)
        {
            return $"the request failed with status {f.Count(FieldSlot.StatusCode)}";
        }

        if (!f.Has(FieldSlot.Input) && !f.Has(FieldSlot.Output))
        {
            return "no usage found (expected token counts)";
        }

        if (f.Text(FieldSlot.Model) is not { Length: > 0 } model)
        {
            return "no model";
        }

        if (f.Time is not { } time)
        {
            return "no timestamp (expected `timestamp`, `created`, `created_at`, `createTime` or `startTime`)";
        }

        // Cache writes: the TTL split when given, else all 5-minute (the default TTL).
        long w5 = f.Count(FieldSlot.CacheWrite5m), w1 = f.Count(FieldSlot.CacheWrite1h), total = f.Count(FieldSlot.CacheWriteTotal);
        if (total > w5 + w1)
        {
            w5 = total - w1;
        }

        var batch = Format == UsageLogFormat.OpenAiBatch || f.Has(FieldSlot.CustomId);
        record = new UsageRecord
        {
            Time = time,
            RequestId = f.Text(FieldSlot.RequestId),
            User = f.Text(FieldSlot.User),
            Feature = f.Text(FieldSlot.Feature),
            Provider = NormalizeProvider(f.Text(FieldSlot.Provider)) ?? _defaultProvider,
            Model = model,
            InputTokens = f.Count(FieldSlot.Input),
            CacheReadTokens = f.Count(FieldSlot.CacheRead),
            CacheWrite5mTokens = w5,
            CacheWrite1hTokens = w1,
            OutputTokens = f.Count(FieldSlot.Output),
            ReasoningTokens = f.Count(FieldSlot.Reasoning),
            WebSearches = f.Count(FieldSlot.WebSearches),
            Requests = 1,
            IsBatch = batch,
        };
        return null;
    }
}
