using System.Text.Json;
using InferCost.Pricing;
using InferCost.UsageAnalytics;

namespace InferCost.Data.UsageLogs;

/// <summary>
/// Reads OpenAI (Chat Completions, Responses, Batch output), Anthropic (Messages, Message Batches results), Gemini and
/// LiteLLM logs, as JSON lines or as one JSON document (an array, a pretty-printed object), with
/// <see cref="Utf8JsonReader"/>; strings that repeat (users, features, models) are interned.
/// </summary>
public sealed class JsonUsageLogReader : UsageLogReader
{
    private readonly JsonFieldMap _map;
    private readonly string? _defaultProvider;
    private readonly UsageReadOptions _options;
    private readonly ScannedFields _fields = new(new StringPool());
    private readonly Dictionary<string, string?> _providers = new(StringComparer.Ordinal);

    /// <summary>Initializes a reader for one of the JSON formats.</summary>
    public JsonUsageLogReader(UsageLogFormat format, UsageReadOptions? options = null)
    {
        Format = format;
        _options = options ?? UsageReadOptions.None;
        (_map, _defaultProvider) = format switch
        {
            UsageLogFormat.OpenAi or UsageLogFormat.OpenAiBatch => (JsonLogFormats.OpenAi, "openai"),
            UsageLogFormat.Anthropic => (JsonLogFormats.Anthropic, "anthropic"),
            UsageLogFormat.AnthropicBatch => (JsonLogFormats.AnthropicBatch, "anthropic"),
            UsageLogFormat.Gemini => (JsonLogFormats.Gemini, "google"),
            UsageLogFormat.LiteLlm => (JsonLogFormats.LiteLlm, (string?)null),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a JSON usage format."),
        };
    }

    /// <inheritdoc/>
    public override UsageLogFormat Format { get; }

    /// <inheritdoc/>
    public override void Read(Stream stream, IUsageSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        JsonRecords.ForEach(stream, (line, number) => ReadRecord(line, number, sink), sink.OnReject, cancellationToken);
    }

    /// <summary>Reads one record (a JSON value) into <paramref name="sink"/>.</summary>
    internal void ReadRecord(ReadOnlySpan<byte> line, long number, IUsageSink sink)
    {
        try
        {
            JsonLineScanner.Scan(line, _map, _fields);
        }
        catch (JsonException ex)
        {
            sink.OnReject(number, "invalid JSON: " + ex.Message, line);
            return;
        }

        var outcome = Finish(_fields, out var record, out var message);
        if (outcome == Outcome.Record && _options.Catalog is not null && BodyOf(line) is { IsEmpty: false } body && ExtractorFor(record.Provider, body) is { } extractor)
        {
            // The response body's usage, read by the provider's extractor: the same code `price` runs.
            if (!extractor.TryRead(body, out var usage, out _, out var error))
            {
                sink.OnReject(number, "usage: " + error, line);
                return;
            }

            record = UsageRecord.FromUsage(record, usage);
            sink.OnRecord(record, number, line, record.WithSearches(usage));
            return;
        }

        switch (outcome)
        {
            case Outcome.Record:
                sink.OnRecord(record, number, line);
                break;
            case Outcome.Failed:
                sink.OnFailed(number, message!, line);
                break;
            default:
                sink.OnReject(number, message!, line);
                break;
        }
    }

    private readonly Dictionary<(string Provider, string Flavor), BodyUsageReader?> _extractors = [];

    private ReadOnlySpan<byte> BodyOf(ReadOnlySpan<byte> line)
    {
        if (Format == UsageLogFormat.LiteLlm || _fields.BodyStart < 0)
        {
            return default;
        }

        return _fields.BodyEnd < 0 ? line[_fields.BodyStart..] : line[_fields.BodyStart.._fields.BodyEnd];
    }

    // The extractor for this body: the record's provider when the catalog defines one for the body's API (Azure,
    // OpenRouter, DeepSeek, Groq, Mistral, xAI, Bedrock…), else the format's own provider. Where a provider has two
    // flavors for one API (xAI's default and chat), the one whose fields the body holds wins.
    private BodyUsageReader? ExtractorFor(string? provider, ReadOnlySpan<byte> body)
    {
        var (home, flavor) = Format switch
        {
            UsageLogFormat.Anthropic or UsageLogFormat.AnthropicBatch => ("anthropic", "default"),
            UsageLogFormat.Gemini => ("google", "default"),
            _ => ("openai", body.IndexOf("\"prompt_tokens\""u8) < 0 ? "responses"
                : body.IndexOf("\"completion_tokens\""u8) < 0 && body.IndexOf("\"embedding\""u8) >= 0 ? "embeddings" : "chat"),
        };
        if (provider is not null && provider != home)
        {
            var specific = Format is UsageLogFormat.Anthropic or UsageLogFormat.AnthropicBatch ? "anthropic" : flavor;
            var a = Extractor(provider, specific);
            var b = Extractor(provider, "default");
            if (a is not null && b is not null)
            {
                return Score(b, body) > Score(a, body) ? b : a;
            }

            if ((a ?? b) is { } own)
            {
                return own;
            }
        }

        return Extractor(home, flavor);
    }

    // How many of an extractor's field names the body holds.
    private static int Score(BodyUsageReader reader, ReadOnlySpan<byte> body)
    {
        var score = 0;
        Span<byte> name = stackalloc byte[130];
        foreach (var mapping in reader.Extractor.Mappings)
        {
            if (mapping.Path[^1] is PathStep.Property { Name.Length: < 128 } p)
            {
                name[0] = (byte)'"';
                var n = System.Text.Encoding.UTF8.GetBytes(p.Name, name[1..]);
                name[n + 1] = (byte)'"';
                if (body.IndexOf(name[..(n + 2)]) >= 0)
                {
                    score++;
                }
            }
        }

        return score;
    }

    private BodyUsageReader? Extractor(string provider, string flavor)
    {
        if (!_extractors.TryGetValue((provider, flavor), out var reader))
        {
            var extractor = _options.Catalog!.FindProvider(providerId: provider)?.Extractors.FirstOrDefault(e => e.ApiFlavor == flavor);
            _extractors[(provider, flavor)] = reader = extractor is null ? null : new BodyUsageReader(extractor);
        }

        return reader;
    }

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

    private static bool IsSuccess(string status) => status is "success" or "succeeded" or "completed" or "ok" or "OK" or "Success";

    private Outcome Finish(ScannedFields f, out UsageRecord record, out string? message)
    {
        record = default;
        message = f.Problem;
        if (message is not null)
        {
            return Outcome.Reject;
        }

        if (f.Text(FieldSlot.Status) is { } status && !IsSuccess(status))
        {
            message = $"the call failed (status `{status}`)" + (f.Text(FieldSlot.Error) is { } e && e != "error" ? ": " + e : string.Empty);
            return Outcome.Failed;
        }

        if (f.Text(FieldSlot.Error) is { } error)
        {
            message = "the call failed: " + error;
            return Outcome.Failed;
        }

        if (f.Has(FieldSlot.StatusCode) && f.Count(FieldSlot.StatusCode) is not (>= 200 and < 300))
        {
            message = $"the call failed with status {f.Count(FieldSlot.StatusCode)}";
            return Outcome.Failed;
        }

        if (!f.Has(FieldSlot.Input) && !f.Has(FieldSlot.Output))
        {
            message = "no usage found (expected token counts)";
            return Outcome.Reject;
        }

        var model = f.Text(FieldSlot.Model) ?? _options.DefaultModel;
        if (model is null)
        {
            message = "no model (pass --model M for logs that name none)";
            return Outcome.Reject;
        }

        var timeSource = TimeSource.Record;
        if (f.Time is not { } time)
        {
            if (_options.DefaultTime is not { } given)
            {
                message = "no timestamp (expected `timestamp`, `created`, `created_at`, `createTime` or `startTime`; or pass --at)";
                return Outcome.Reject;
            }

            time = given;
            timeSource = _options.DefaultTimeSource;
        }

        // Cache writes: the TTL split when given, else all 5-minute (the default TTL).
        long w5 = f.Count(FieldSlot.CacheWrite5m), w1 = f.Count(FieldSlot.CacheWrite1h), total = f.Count(FieldSlot.CacheWriteTotal);
        if (total > w5 + w1)
        {
            w5 = total - w1;
        }

        var batch = Format is UsageLogFormat.OpenAiBatch or UsageLogFormat.AnthropicBatch || f.Has(FieldSlot.CustomId);
        record = new UsageRecord
        {
            Time = time,
            TimeSource = timeSource,
            RequestId = f.Text(FieldSlot.RequestId),
            User = f.Text(FieldSlot.User),
            Feature = f.Text(FieldSlot.Feature),
            Provider = NormalizeProvider(f.Text(FieldSlot.Provider)) ?? _defaultProvider,
            Model = _options.MapModel(model),
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
        return Outcome.Record;
    }

    private enum Outcome
    {
        Record,
        Failed,
        Reject,
    }
}
