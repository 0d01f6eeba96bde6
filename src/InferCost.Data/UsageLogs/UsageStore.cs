using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using InferCost.Errors;
using InferCost.Pricing;
using InferCost.UsageAnalytics;

namespace InferCost.Data.UsageLogs;

/// <summary>
/// The usage store: a DuckDB file holding one row per imported request (normalized usage columns, exact costs as
/// DECIMAL(38,18), source file hash and line). Imports are one transaction each and never double count.
/// </summary>
public sealed class UsageStore : IDisposable
{
    /// <summary>The columns of <c>usage_records</c>, in order (the same in DuckDB and in SQL pushdown targets).</summary>
    public const string Schema = """
        time TIMESTAMP NOT NULL,
        request_id VARCHAR,
        user_id VARCHAR,
        feature VARCHAR,
        provider VARCHAR,
        model VARCHAR NOT NULL,
        priced_as VARCHAR NOT NULL,
        input BIGINT NOT NULL,
        cache_read BIGINT NOT NULL,
        cache_write_5m BIGINT NOT NULL,
        cache_write_1h BIGINT NOT NULL,
        output BIGINT NOT NULL,
        reasoning BIGINT NOT NULL,
        web_searches BIGINT NOT NULL,
        requests BIGINT NOT NULL,
        batch BOOLEAN NOT NULL,
        cost DECIMAL(38,18) NOT NULL,
        list_cost DECIMAL(38,18) NOT NULL,
        input_cost DECIMAL(38,18) NOT NULL,
        output_cost DECIMAL(38,18) NOT NULL,
        source_hash VARCHAR NOT NULL,
        source_line BIGINT NOT NULL,
        dedupe_key VARCHAR NOT NULL,
        time_source VARCHAR
        """;

    private const int MaxListedRejects = 20;
    private readonly DuckDBConnection _connection;

    private UsageStore(string path, DuckDBConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    /// <summary>Gets the database file.</summary>
    public string Path { get; }

    /// <summary>The default store: <c>$INFERCOST_USAGE_DB</c>, else <c>usage.duckdb</c> in the user's data folder.</summary>
    public static string DefaultPath()
    {
        var env = Environment.GetEnvironmentVariable("INFERCOST_USAGE_DB");
        if (!string.IsNullOrWhiteSpace(env))
        {
            return env;
        }

        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        if (string.IsNullOrEmpty(root))
        {
            root = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return System.IO.Path.Combine(root, "infercost", "usage.duckdb");
    }

    /// <summary>Opens (creating when needed) the store at <paramref name="path"/>.</summary>
    /// <exception cref="InferCostException">The file cannot be opened as a DuckDB database.</exception>
    public static UsageStore Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var connection = new DuckDBConnection("DataSource=" + full);
        try
        {
            connection.Open();
        }
        catch (DuckDBException ex)
        {
            connection.Dispose();
            throw new InferCostException($"Cannot open the usage store {full}: {ex.Message}", ex);
        }

        var store = new UsageStore(full, connection);
        store.Execute($"CREATE TABLE IF NOT EXISTS usage_records ({Schema})");
        store.Execute("""
            CREATE TABLE IF NOT EXISTS usage_imports (
                source_hash VARCHAR NOT NULL, path VARCHAR NOT NULL, format VARCHAR NOT NULL, imported_at TIMESTAMP NOT NULL,
                records BIGINT NOT NULL, inserted BIGINT NOT NULL, duplicates BIGINT NOT NULL, rejected BIGINT NOT NULL)
            """);

        // Stores written before a column existed gain it (NULL for the rows they hold).
        store.Execute("ALTER TABLE usage_records ADD COLUMN IF NOT EXISTS time_source VARCHAR");
        store.Execute("ALTER TABLE usage_imports ADD COLUMN IF NOT EXISTS failed BIGINT");
        return store;
    }

    /// <summary>The open connection, for queries this class does not wrap (reports, SQL pushdown).</summary>
    public DuckDBConnection Connection => _connection;

    /// <summary>
    /// Imports one log file: reads it, prices every record with <paramref name="catalog"/>, writes rejected lines to
    /// <paramref name="rejectFile"/>, and adds the new records in one transaction (duplicates are skipped).
    /// </summary>
    /// <exception cref="InferCostException">The file cannot be read or its format cannot be detected.</exception>
    /// <remarks>
    /// Records without a timestamp take <see cref="UsageReadOptions.DefaultTime"/>, else the file's modification time;
    /// each stores where its time came from (<c>time_source</c>). A record without a request id is identified by its
    /// provider and a hash of its line (numbered when the same line repeats), so a log that grows imports again
    /// without double counting.
    /// </remarks>
    public ImportResult Import(string file, UsageLogFormat format, PriceCatalog catalog, string rejectFile, ColumnMapping? mapping = null,
        UsageReadOptions? options = null, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(file))
        {
            throw new InferCostException($"{file}: no such file");
        }

        var readerFormat = format;
        if (format == UsageLogFormat.Auto)
        {
            format = UsageLogDetector.Detect(file)
                ?? throw new InputFileException(file, 1, null, "cannot detect the log format; pass --format (openai, openai-batch, anthropic, anthropic-batch, gemini, otel, litellm, csv, parquet)");

            // JSON logs: each record is recognized on its own (a gateway may log several providers in one file).
            readerFormat = format is UsageLogFormat.Csv or UsageLogFormat.Parquet ? format : UsageLogFormat.Auto;
        }

        options = (options ?? UsageReadOptions.None) with { Catalog = catalog };
        if (options.DefaultTime is null)
        {
            options = options with { DefaultTime = new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero), DefaultTimeSource = TimeSource.FileModified };
        }

        var hash = HashFile(file);
        var reader = UsageLogReader.Create(readerFormat, mapping, options);
        Execute("DROP TABLE IF EXISTS temp.usage_staging");
        Execute($"CREATE TEMP TABLE usage_staging ({Schema}, seq BIGINT NOT NULL)");
        ImportSink sink;
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        {
            using var appender = _connection.CreateAppender("usage_staging");
            sink = new ImportSink(appender, new UsageRecordPricer(catalog), hash, rejectFile, stream, progress);
            try
            {
                reader.Read(stream, sink, cancellationToken);
            }
            finally
            {
                sink.Dispose();
            }
        }

        // A record without a request id is keyed by provider + line hash; the k-th copy of the same line in a file
        // gets #k, so repeated identical lines stay distinct requests and a grown log keys its old lines as before.
        Execute("""
            CREATE OR REPLACE TEMP TABLE usage_keyed AS
            SELECT * REPLACE (CASE WHEN request_id IS NULL
                THEN dedupe_key || '#' || CAST(row_number() OVER (PARTITION BY dedupe_key ORDER BY seq) AS VARCHAR)
                ELSE dedupe_key END AS dedupe_key)
            FROM temp.usage_staging
            """);

        // Dedupe: the first record of each key in the file (seq is the append order), and none already stored.
        long inserted;
        using (var tx = _connection.BeginTransaction())
        {
            inserted = ExecuteNonQuery("""
                INSERT INTO usage_records
                SELECT * EXCLUDE (seq) FROM temp.usage_keyed s
                WHERE seq IN (SELECT min(seq) FROM temp.usage_keyed GROUP BY dedupe_key)
                  AND NOT EXISTS (SELECT 1 FROM usage_records u WHERE u.dedupe_key = s.dedupe_key)
                """);
            Execute(string.Create(CultureInfo.InvariantCulture, $"""
                INSERT INTO usage_imports (source_hash, path, format, imported_at, records, inserted, duplicates, rejected, failed)
                VALUES ({SqlText.Literal(hash)}, {SqlText.Literal(System.IO.Path.GetFullPath(file))}, {SqlText.Literal(format.ToString())},
                    {UsageQuery.Timestamp(DateTimeOffset.UtcNow)}, {sink.Records}, {inserted}, {sink.Records - inserted}, {sink.Rejected}, {sink.Failed})
                """));
            tx.Commit();
        }

        var cost = Scalar<decimal?>("SELECT sum(cost) FROM usage_records WHERE source_hash = " + SqlText.Literal(hash)) ?? 0m;
        Execute("DROP TABLE IF EXISTS temp.usage_staging");
        Execute("DROP TABLE IF EXISTS temp.usage_keyed");
        return new ImportResult(file, format, hash, sink.Records, inserted, sink.Records - inserted, sink.Rejected,
            sink.Rejected > 0 ? rejectFile : null, [.. sink.FirstRejects], cost, sink.Failed, [.. sink.FirstFailures], sink.Undated,
            sink.Undated > 0 ? options.DefaultTime : null, options.DefaultTimeSource);
    }

    /// <summary>Gets how many records the store holds.</summary>
    public long Count(UsageQuery? query = null) => Scalar<long>("SELECT count(*) FROM usage_records WHERE " + (query ?? UsageQuery.All).WhereSql());

    /// <summary>A report: totals, and cost per <paramref name="by"/> (most expensive first, at most <paramref name="top"/> rows).</summary>
    public UsageReport Report(ReportDimension by, UsageQuery query, int top)
    {
        var key = by switch
        {
            ReportDimension.User => "coalesce(user_id, '(none)')",
            ReportDimension.Feature => "coalesce(feature, '(none)')",
            ReportDimension.Model => "model",
            ReportDimension.Provider => "coalesce(provider, '(none)')",
            _ => "strftime(time, '%Y-%m-%d')",
        };
        // Sums in DECIMAL(38,0): exact for any store (a BIGINT sum overflows past 9.2e18; each value is at most 10^12).
        const string Sums = "count(*), " +
            "coalesce(sum(CAST(requests AS DECIMAL(38,0))),0), coalesce(sum(CAST(input AS DECIMAL(38,0))),0), coalesce(sum(CAST(cache_read AS DECIMAL(38,0))),0), " +
            "coalesce(sum(CAST(cache_write_5m AS DECIMAL(38,0)) + cache_write_1h),0), coalesce(sum(CAST(output AS DECIMAL(38,0))),0), coalesce(sum(CAST(reasoning AS DECIMAL(38,0))),0), " +
            "coalesce(sum(CAST(web_searches AS DECIMAL(38,0))),0), coalesce(sum(cost),0), coalesce(sum(list_cost),0)";
        var where = query.WhereSql();
        var totals = Rows($"SELECT 'total', {Sums} FROM usage_records WHERE {where}")[0];
        var order = by == ReportDimension.Day ? "key" : "sum(cost) DESC, key";
        var rows = Rows($"SELECT {key} AS key, {Sums} FROM usage_records WHERE {where} GROUP BY 1 ORDER BY {order} LIMIT {top.ToString(CultureInfo.InvariantCulture)}");
        var groups = Scalar<long>($"SELECT count(DISTINCT {key}) FROM usage_records WHERE {where}");
        return new UsageReport(by, query.From, query.To, totals, [.. rows], Math.Max(0, groups - rows.Count));
    }

    /// <summary>
    /// The cost per UTC day in range, per user, feature or model (<c>(none)</c> when the log did not say), or in one
    /// series keyed <c>total</c> when <paramref name="by"/> is <see langword="null"/>.
    /// </summary>
    public IReadOnlyList<DailyCost> DailyCosts(UsageQuery query, ReportDimension? by)
    {
        ArgumentNullException.ThrowIfNull(query);
        var key = by switch
        {
            ReportDimension.User => "coalesce(user_id, '(none)')",
            ReportDimension.Feature => "coalesce(feature, '(none)')",
            ReportDimension.Model => "model",
            ReportDimension.Provider => "coalesce(provider, '(none)')",
            _ => "'total'",
        };
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT strftime(time, '%Y-%m-%d') AS day, {key} AS key, sum(cost) FROM usage_records WHERE {query.WhereSql()} GROUP BY 1, 2 ORDER BY 1, 2";
        using var r = command.ExecuteReader();
        var days = new List<DailyCost>();
        while (r.Read())
        {
            days.Add(new DailyCost(DateOnly.ParseExact(r.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture), r.GetString(1), r.GetDecimal(2)));
        }

        return days;
    }

    /// <summary>The time of the latest record in range, or <see langword="null"/> when there is none.</summary>
    public DateTimeOffset? LatestTime(UsageQuery? query = null)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT max(time) FROM usage_records WHERE " + (query ?? UsageQuery.All).WhereSql();
        var value = command.ExecuteScalar();
        return value is DateTime t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
    }

    /// <summary>Streams the records in range to <paramref name="handler"/>; ordered by user then time when <paramref name="byUserAndTime"/>.</summary>
    public void ReadRecords(UsageQuery query, StoredRecordHandler handler, bool byUserAndTime = false)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT time, request_id, user_id, feature, provider, model, input, cache_read, cache_write_5m, cache_write_1h, output, reasoning, web_searches, requests, batch, cost, time_source, priced_as FROM usage_records WHERE "
            + query.WhereSql() + (byUserAndTime ? " ORDER BY user_id NULLS FIRST, time" : string.Empty);
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            var record = new UsageRecord
            {
                Time = new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(0), DateTimeKind.Utc)),
                RequestId = r.IsDBNull(1) ? null : r.GetString(1),
                User = r.IsDBNull(2) ? null : r.GetString(2),
                Feature = r.IsDBNull(3) ? null : r.GetString(3),
                Provider = r.IsDBNull(4) ? null : r.GetString(4),
                Model = r.GetString(5),
                InputTokens = r.GetInt64(6),
                CacheReadTokens = r.GetInt64(7),
                CacheWrite5mTokens = r.GetInt64(8),
                CacheWrite1hTokens = r.GetInt64(9),
                OutputTokens = r.GetInt64(10),
                ReasoningTokens = r.GetInt64(11),
                WebSearches = r.GetInt64(12),
                Requests = r.GetInt64(13),
                IsBatch = r.GetBoolean(14),
                TimeSource = r.IsDBNull(16) ? TimeSource.Record : r.GetString(16) switch { "given" => TimeSource.Given, "file_mtime" => TimeSource.FileModified, _ => TimeSource.Record },
                PricedAs = r.GetString(17),
            };
            handler(record, r.GetDecimal(15));
        }
    }

    /// <summary>Runs a query and returns the first column of the first row.</summary>
    public T Scalar<T>(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a statement.</summary>
    public void Execute(string sql) => ExecuteNonQuery(sql);

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    /// <summary>The SHA-256 of a file, hex, first 16 bytes.</summary>
    public static string HashFile(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream).AsSpan(0, 16));
    }

    private long ExecuteNonQuery(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    private List<UsageReportRow> Rows(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var r = command.ExecuteReader();
        var rows = new List<UsageReportRow>();
        while (r.Read())
        {
            rows.Add(new UsageReportRow(r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture), D(r, 2), D(r, 3), D(r, 4), D(r, 5), D(r, 6), D(r, 7), D(r, 8), r.GetDecimal(9), r.GetDecimal(10)));
        }

        return rows;
    }

    private static decimal D(System.Data.Common.DbDataReader r, int i) => Convert.ToDecimal(r.GetValue(i), CultureInfo.InvariantCulture);

    /// <summary>Prices and appends records to the staging table; writes rejects as JSON lines.</summary>
    private sealed class ImportSink : IUsageSink, IDisposable
    {
        private readonly DuckDBAppender _appender;
        private readonly UsageRecordPricer _pricer;
        private readonly string _hash;
        private readonly string _rejectPath;
        private readonly Stream _source;
        private readonly IProgress<ImportProgress>? _progress;
        private readonly string _hashPrefix;
        private Utf8JsonWriter? _rejects;
        private FileStream? _rejectStream;

        public ImportSink(DuckDBAppender appender, UsageRecordPricer pricer, string hash, string rejectPath, Stream source, IProgress<ImportProgress>? progress)
        {
            _appender = appender;
            _pricer = pricer;
            _hash = hash;
            _hashPrefix = hash + ":";
            _rejectPath = rejectPath;
            _source = source;
            _progress = progress;
        }

        public long Records { get; private set; }

        public long Rejected { get; private set; }

        public List<RejectedLine> FirstRejects { get; } = [];

        public long Failed { get; private set; }

        public List<RejectedLine> FirstFailures { get; } = [];

        public long Undated { get; private set; }

        public void OnRecord(in UsageRecord record, long line) => OnRecord(record, line, default);

        public void OnFailed(long line, string reason, ReadOnlySpan<byte> raw)
        {
            Failed++;
            if (FirstFailures.Count < MaxListedRejects)
            {
                FirstFailures.Add(new RejectedLine(line, reason));
            }
        }

        public void OnRecord(in UsageRecord record, long line, ReadOnlySpan<byte> raw) => OnRecord(record, line, raw, record.ToUsage());

        public void OnRecord(in UsageRecord record, long line, ReadOnlySpan<byte> raw, in Usage usage)
        {
            if (OutOfBounds(record) is { } field)
            {
                // Every reader checks its own fields; this guards the store whatever the reader (UsageLimits).
                OnReject(line, $"`{field}`: expected {UsageLimits.Expected(whole: true)}", raw);
                return;
            }

            if (!_pricer.TryPrice(record, usage, out var cost, out var model, out var problem))
            {
                OnReject(line, problem!, raw);
                return;
            }

            Records++;
            if (record.TimeSource != TimeSource.Record)
            {
                Undated++;
            }
            var row = _appender.CreateRow();
            row.AppendValue(record.Time.UtcDateTime)
                .AppendValue(record.RequestId)
                .AppendValue(record.User)
                .AppendValue(record.Feature)
                .AppendValue(record.Provider)
                .AppendValue(record.Model)
                .AppendValue(model!.QualifiedId)
                .AppendValue(record.InputTokens)
                .AppendValue(record.CacheReadTokens)
                .AppendValue(record.CacheWrite5mTokens)
                .AppendValue(record.CacheWrite1hTokens)
                .AppendValue(record.OutputTokens)
                .AppendValue(record.ReasoningTokens)
                .AppendValue(record.WebSearches)
                .AppendValue(record.Requests)
                .AppendValue(record.IsBatch)
                .AppendValue(cost.Cost)
                .AppendValue(cost.ListCost)
                .AppendValue(cost.InputCost)
                .AppendValue(cost.OutputCost)
                .AppendValue(_hash)
                .AppendValue(line)
                .AppendValue(record.RequestId ?? ContentKey(record.Provider, raw, line))
                .AppendValue(TimeSourceName(record.TimeSource))
                .AppendValue(Records)
                .EndRow();
            if ((Records & 0xFFFF) == 0)
            {
                _progress?.Report(new ImportProgress(_source.Position, _source.Length, Records));
            }
        }

        private static string? OutOfBounds(in UsageRecord r)
        {
            static bool Bad(long v) => v is < 0 or > UsageLimits.MaxValue;
            return Bad(r.InputTokens) ? "input_tokens"
                : Bad(r.CacheReadTokens) ? "cache_read_tokens"
                : Bad(r.CacheWrite5mTokens) ? "cache_write_5m_tokens"
                : Bad(r.CacheWrite1hTokens) ? "cache_write_1h_tokens"
                : Bad(r.OutputTokens) ? "output_tokens"
                : Bad(r.ReasoningTokens) ? "reasoning_tokens"
                : Bad(r.WebSearches) ? "web_searches"
                : Bad(r.Requests) ? "requests"
                : null;
        }

        private static string? TimeSourceName(TimeSource source) => source switch
        {
            TimeSource.Given => "given",
            TimeSource.FileModified => "file_mtime",
            _ => "record",
        };

        // Provider + the first 16 bytes of the line's SHA-256: the same line is the same request in any file.
        private string ContentKey(string? provider, ReadOnlySpan<byte> raw, long line)
        {
            if (raw.IsEmpty)
            {
                return _hashPrefix + line.ToString(CultureInfo.InvariantCulture);
            }

            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(raw.Trim(" \t\r\n"u8), digest);
            return (provider ?? string.Empty) + ":" + Convert.ToHexStringLower(digest[..16]);
        }

        public void OnReject(long line, string problem, ReadOnlySpan<byte> raw)
        {
            Rejected++;
            if (FirstRejects.Count < MaxListedRejects)
            {
                FirstRejects.Add(new RejectedLine(line, problem));
            }

            if (_rejects is null)
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(_rejectPath))!);
                _rejectStream = new FileStream(_rejectPath, FileMode.Create, FileAccess.Write);
                _rejects = new Utf8JsonWriter(_rejectStream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            }

            _rejects.WriteStartObject();
            _rejects.WriteNumber("line", line);
            _rejects.WriteString("problem", problem);
            if (!raw.IsEmpty)
            {
                WriteOriginal(_rejects, raw);
            }

            _rejects.WriteEndObject();
            _rejects.Flush();
            _rejectStream!.WriteByte((byte)'\n');
            _rejects.Reset();
        }

        // The original record as it was: JSON inline and unescaped (`record`), anything else as text.
        private static void WriteOriginal(Utf8JsonWriter writer, ReadOnlySpan<byte> raw)
        {
            if (raw.Length <= 1_000_000 && IsJson(raw))
            {
                writer.WritePropertyName("record");
                if (raw.IndexOfAny((byte)'\n', (byte)'\r') < 0)
                {
                    writer.WriteRawValue(raw, skipInputValidation: true);
                }
                else
                {
                    // A pretty-printed record: one line in the reject file, the same JSON.
                    var reader = new Utf8JsonReader(raw);
                    using var doc = JsonDocument.ParseValue(ref reader);
                    doc.RootElement.WriteTo(writer);
                }

                return;
            }

            var text = raw.Length > 100_000 ? raw[..100_000] : raw;
            writer.WriteString("text", Encoding.UTF8.GetString(text));
        }

        private static bool IsJson(ReadOnlySpan<byte> raw)
        {
            try
            {
                var reader = new Utf8JsonReader(raw);
                if (!reader.Read())
                {
                    return false;
                }

                reader.Skip();
                return !reader.Read();
            }
            catch (JsonException)
            {
                return false;
            }
        }

        public void Dispose()
        {
            _rejects?.Dispose();
            _rejectStream?.Dispose();
            _progress?.Report(new ImportProgress(_source.Length, _source.Length, Records));
        }
    }
}
