using System.Text;
using InferCost.Errors;

namespace InferCost.Data.UsageLogs;

/// <summary>Reads a CSV usage log (header row, UTF-8, RFC 4180 quoting) through a <see cref="ColumnMapping"/>.</summary>
public sealed class CsvUsageLogReader : UsageLogReader
{
    private readonly ColumnMapping _mapping;
    private readonly UsageReadOptions _options;

    /// <summary>Initializes a new reader.</summary>
    public CsvUsageLogReader(ColumnMapping mapping, UsageReadOptions? options = null)
    {
        _mapping = mapping;
        _options = options ?? UsageReadOptions.None;
    }

    /// <inheritdoc/>
    public override UsageLogFormat Format => UsageLogFormat.Csv;

    /// <inheritdoc/>
    public override void Read(Stream stream, IUsageSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var csv = new CsvRecordReader(text);
        var header = new List<string>();
        if (!csv.Read(header))
        {
            return;
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            index.TryAdd(header[i].Trim(), i);
        }

        var row = new TabularRow(_mapping, _options, index.Keys);
        if (row.MissingColumn() is { } missing)
        {
            throw new InputFileException(stream is FileStream fs ? fs.Name : "CSV", 1, null, missing);
        }

        var fields = new List<string>(header.Count);
        while (csv.Read(fields))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = csv.RecordLine;
            if (csv.Problem is { } malformed)
            {
                sink.OnReject(line, malformed, Encoding.UTF8.GetBytes(csv.RawRecord));
                continue;
            }

            if (fields.Count != header.Count)
            {
                sink.OnReject(line, $"expected {header.Count} columns, got {fields.Count}", Encoding.UTF8.GetBytes(csv.RawRecord));
                continue;
            }

            var problem = row.ToRecord(c => index.TryGetValue(c, out var i) ? fields[i] : null, out var record);
            if (problem is not null)
            {
                sink.OnReject(line, problem, Encoding.UTF8.GetBytes(csv.RawRecord));
                continue;
            }

            sink.OnRecord(record, line, Encoding.UTF8.GetBytes(csv.RawRecord));
        }
    }
}
