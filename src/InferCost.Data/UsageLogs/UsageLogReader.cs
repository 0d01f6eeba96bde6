namespace InferCost.Data.UsageLogs;

/// <summary>Reads one usage log format from a stream, streaming, and hands each record (or rejected line) to a sink.</summary>
public abstract class UsageLogReader
{
    /// <summary>Gets the format this reader reads.</summary>
    public abstract UsageLogFormat Format { get; }

    /// <summary>Reads every record of <paramref name="stream"/> into <paramref name="sink"/>.</summary>
    public abstract void Read(Stream stream, IUsageSink sink, CancellationToken cancellationToken = default);

    /// <summary>A reader for <paramref name="format"/> (not <see cref="UsageLogFormat.Auto"/>; see <see cref="UsageLogDetector"/>).</summary>
    /// <param name="format">The format.</param>
    /// <param name="mapping">Column mapping for CSV and Parquet (default: InferCost's column names).</param>
    public static UsageLogReader Create(UsageLogFormat format, ColumnMapping? mapping = null) => format switch
    {
        UsageLogFormat.OpenAi or UsageLogFormat.OpenAiBatch or UsageLogFormat.Anthropic or UsageLogFormat.Gemini or UsageLogFormat.LiteLlm => new JsonUsageLogReader(format),
        UsageLogFormat.Otel => new OtelUsageLogReader(),
        UsageLogFormat.Csv => new CsvUsageLogReader(mapping ?? ColumnMapping.Default),
        UsageLogFormat.Parquet => new ParquetUsageLogReader(mapping ?? ColumnMapping.Default),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Detect the format first."),
    };
}
