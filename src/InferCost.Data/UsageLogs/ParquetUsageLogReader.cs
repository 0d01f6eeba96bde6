using System.Globalization;
using DuckDB.NET.Data;

namespace InferCost.Data.UsageLogs;

/// <summary>Reads a Parquet usage log through a <see cref="ColumnMapping"/> (with DuckDB's Parquet reader); rows are numbered from 1.</summary>
public sealed class ParquetUsageLogReader : UsageLogReader
{
    private readonly ColumnMapping _mapping;
    private readonly UsageReadOptions _options;

    /// <summary>Initializes a new reader.</summary>
    public ParquetUsageLogReader(ColumnMapping mapping, UsageReadOptions? options = null)
    {
        _mapping = mapping;
        _options = options ?? UsageReadOptions.None;
    }

    /// <inheritdoc/>
    public override UsageLogFormat Format => UsageLogFormat.Parquet;

    /// <inheritdoc/>
    /// <remarks>The stream must be a <see cref="FileStream"/>: DuckDB reads the file by path.</remarks>
    public override void Read(Stream stream, IUsageSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (stream is not FileStream file)
        {
            throw new ArgumentException("Parquet logs are read from files.", nameof(stream));
        }

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM read_parquet(" + SqlText.Literal(file.Name) + ")";
        using var reader = command.ExecuteReader();
        var index = Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => i, StringComparer.Ordinal);
        var row = new TabularRow(_mapping, _options, index.Keys);
        if (row.MissingColumn() is { } missing)
        {
            throw new InferCost.Errors.InputFileException(file.Name, null, null, missing);
        }

        var number = 0L;
        string? Cell(string column)
        {
            if (!index.TryGetValue(column, out var i) || reader.IsDBNull(i))
            {
                return null;
            }

            return reader.GetValue(i) switch
            {
                DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)).ToString("O", CultureInfo.InvariantCulture),
                DateTimeOffset dto => dto.ToString("O", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var v => v.ToString(),
            };
        }

        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            number++;
            var problem = row.ToRecord(Cell, out var record);
            if (problem is not null)
            {
                sink.OnReject(number, problem, System.Text.Encoding.UTF8.GetBytes($"row {number}"));
                continue;
            }

            // The row's cells, as text: what identifies a row without a request id.
            var cells = new string?[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = reader.IsDBNull(i) ? string.Empty : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
            }

            sink.OnRecord(record, number, System.Text.Encoding.UTF8.GetBytes(string.Join('\u001f', cells)));
        }
    }
}
