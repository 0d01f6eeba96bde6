namespace InferCost.Data.UsageLogs;

/// <summary>Reads one usage log format from a stream, streaming, and hands each record (or rejected line) to a sink.</summary>
public abstract class UsageLogReader
{
    /// <summary>Gets the format this reader reads.</summary>
    public abstract UsageLogFormat Format { get; }

    /// <summary>Reads every record of <paramref name="stream"/> into <paramref name="sink"/>.</summary>
    public abstract void Read(Stream stream, IUsageSink sink, CancellationToken cancellationToken = default);

    /// <summary>A reader for <paramref name="format"/> (<see cref="UsageLogFormat.Auto"/>: a JSON reader that recognizes each record's shape).</summary>
    /// <param name="format">The format.</param>
    /// <param name="mapping">Column mapping for CSV and Parquet (default: InferCost's column names).</param>
    /// <param name="options">Fallbacks for records without a time or model, and model names to map.</param>
    public static UsageLogReader Create(UsageLogFormat format, ColumnMapping? mapping = null, UsageReadOptions? options = null) => format switch
    {
        UsageLogFormat.OpenAi or UsageLogFormat.OpenAiBatch or UsageLogFormat.Anthropic or UsageLogFormat.AnthropicBatch or UsageLogFormat.Gemini or UsageLogFormat.LiteLlm => new JsonUsageLogReader(format, options),
        UsageLogFormat.Otel => new OtelUsageLogReader(options),
        UsageLogFormat.Csv => new CsvUsageLogReader(mapping ?? ColumnMapping.Default, options),
        UsageLogFormat.Parquet => new ParquetUsageLogReader(mapping ?? ColumnMapping.Default, options),
        _ => new AutoUsageLogReader(options),
    };
}
