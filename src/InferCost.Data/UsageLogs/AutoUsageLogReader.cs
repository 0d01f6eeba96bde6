namespace InferCost.Data.UsageLogs;

/// <summary>
/// Reads a JSON log whose records may each have another shape (a gateway that logs OpenAI, Anthropic and Gemini
/// calls in one file): every record is recognized by <see cref="UsageLogDetector.DetectRecord"/> and read with that
/// format's field map.
/// </summary>
public sealed class AutoUsageLogReader : UsageLogReader
{
    private readonly UsageReadOptions _options;
    private readonly Dictionary<UsageLogFormat, JsonUsageLogReader> _readers = [];
    private OtelUsageLogReader? _otel;

    /// <summary>Initializes a reader.</summary>
    public AutoUsageLogReader(UsageReadOptions? options = null) => _options = options ?? UsageReadOptions.None;

    /// <inheritdoc/>
    public override UsageLogFormat Format => UsageLogFormat.Auto;

    /// <summary>Gets how many records of each shape were seen.</summary>
    public Dictionary<UsageLogFormat, long> Shapes { get; } = [];

    /// <inheritdoc/>
    public override void Read(Stream stream, IUsageSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        JsonRecords.ForEach(stream, (line, number) => ReadRecord(line, number, sink), sink.OnReject, cancellationToken);
    }

    private void ReadRecord(ReadOnlySpan<byte> line, long number, IUsageSink sink)
    {
        var format = UsageLogDetector.DetectRecord(line);
        if (format is null && (line.IndexOf("\"error\""u8) >= 0 || line.IndexOf("\"status_code\""u8) >= 0))
        {
            format = UsageLogFormat.OpenAi; // an error response in an envelope: no usage to recognize it by, but a failed call
        }

        if (format is null)
        {
            sink.OnReject(number, "not a usage record InferCost knows (OpenAI, Anthropic, Gemini, LiteLLM, OTLP, batch output, or one of them in an envelope)", line);
            return;
        }

        Shapes[format.Value] = Shapes.GetValueOrDefault(format.Value) + 1;
        if (format == UsageLogFormat.Otel)
        {
            (_otel ??= new OtelUsageLogReader(_options)).ReadRecord(line, number, sink);
            return;
        }

        if (!_readers.TryGetValue(format.Value, out var reader))
        {
            _readers[format.Value] = reader = new JsonUsageLogReader(format.Value, _options);
        }

        reader.ReadRecord(line, number, sink);
    }
}
