using System.Globalization;
using InferCost.Pricing;
using InferCost.UsageAnalytics;

namespace InferCost.Data.UsageLogs;

/// <summary>Turns one row of named text cells (CSV, Parquet) into a usage record, with a message when a cell is wrong.</summary>
internal sealed class TabularRow
{
    private static readonly string[] TokenFields = ["input_tokens", "cache_read_tokens", "cache_write_5m_tokens", "cache_write_1h_tokens", "output_tokens", "reasoning_tokens", "web_searches"];
    private readonly ColumnMapping _mapping;
    private readonly UsageReadOptions _options;
    private readonly HashSet<string> _present;
    private readonly Dictionary<string, string> _interned = new(StringComparer.Ordinal);

    /// <summary>Initializes a row reader for a file with <paramref name="columns"/>.</summary>
    public TabularRow(ColumnMapping mapping, UsageReadOptions options, IEnumerable<string> columns)
    {
        _mapping = mapping;
        _options = options;
        _present = new HashSet<string>(columns, StringComparer.Ordinal);
    }

    /// <summary>The needed column the file lacks, as one message for the whole file, or <see langword="null"/>.</summary>
    public string? MissingColumn()
    {
        string Missing(string field, string alternative) =>
            $"no column `{_mapping.ColumnOf(field)}` ({field}) in the header; name the column that holds it with --map {field}=COLUMN{alternative}. Columns: {string.Join(", ", _present.Order(StringComparer.Ordinal))}";
        if (!_present.Contains(_mapping.ColumnOf("time")) && _options.DefaultTime is null)
        {
            return Missing("time", " (or give every row one time with --at)");
        }

        if (!_present.Contains(_mapping.ColumnOf("model")) && _options.DefaultModel is null)
        {
            return Missing("model", " (or name one model for every row with --model)");
        }

        if (!_present.Contains(_mapping.ColumnOf("input_tokens")) && !_present.Contains(_mapping.ColumnOf("output_tokens")))
        {
            return Missing("input_tokens", " (and output_tokens=COLUMN)");
        }

        return null;
    }

    /// <summary>Builds a record from a cell getter (null: no such column or empty cell).</summary>
    public string? ToRecord(Func<string, string?> cell, out UsageRecord record)
    {
        record = default;
        string? problem = null;
        string? Text(string field)
        {
            var value = cell(_mapping.ColumnOf(field));
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            if (!_interned.TryGetValue(value, out var s))
            {
                s = value;
                if (_interned.Count < 100_000)
                {
                    _interned[value] = value;
                }
            }

            return s;
        }

        long Count(string field)
        {
            var column = _mapping.ColumnOf(field);
            var value = cell(column);
            if (string.IsNullOrWhiteSpace(value))
            {
                if (_present.Contains(column) && Array.IndexOf(TokenFields, field) >= 0)
                {
                    problem ??= $"column `{column}` ({field}): empty (a count must be written, 0 included)";
                }

                return 0;
            }

            // The shared policy (UsageLimits): a whole number from 0 to 10^12; 12.0 counts as 12.
            if (long.TryParse(value, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= UsageLimits.MaxValue)
            {
                return n;
            }

            if (decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && UsageLimits.IsValid(d, whole: true))
            {
                return (long)d;
            }

            problem ??= $"column `{_mapping.ColumnOf(field)}` ({field}): expected {UsageLimits.Expected(whole: true)}, got \"{(value.Length <= 40 ? value : value[..40] + "…")}\"";
            return 0;
        }

        var timeSource = TimeSource.Record;
        DateTimeOffset time;
        if (!_present.Contains(_mapping.ColumnOf("time")) && _options.DefaultTime is { } given)
        {
            (time, timeSource) = (given, _options.DefaultTimeSource);
        }
        else
        {
            var timeText = cell(_mapping.ColumnOf("time"));
            if (string.IsNullOrWhiteSpace(timeText) || !ScannedFields.TryParseTime(timeText, out time))
            {
                return $"column `{_mapping.ColumnOf("time")}` (time): expected a timestamp, got \"{timeText}\"";
            }
        }

        var model = Text("model") ?? _options.DefaultModel;
        if (model is null)
        {
            return $"column `{_mapping.ColumnOf("model")}` (model): missing";
        }

        var requestsText = cell(_mapping.ColumnOf("requests"));
        var batchText = cell(_mapping.ColumnOf("batch"));
        record = new UsageRecord
        {
            Time = time,
            TimeSource = timeSource,
            RequestId = cell(_mapping.ColumnOf("request_id")) is { Length: > 0 } rid ? rid : null,
            User = Text("user"),
            Feature = Text("feature"),
            Provider = ProviderNames.Normalize(Text("provider")),
            Model = _options.MapModel(model),
            InputTokens = Count("input_tokens"),
            CacheReadTokens = Count("cache_read_tokens"),
            CacheWrite5mTokens = Count("cache_write_5m_tokens"),
            CacheWrite1hTokens = Count("cache_write_1h_tokens"),
            OutputTokens = Count("output_tokens"),
            ReasoningTokens = Count("reasoning_tokens"),
            WebSearches = Count("web_searches"),
            Requests = string.IsNullOrWhiteSpace(requestsText) ? 1 : Count("requests"),
            IsBatch = batchText is not null && (batchText.Equals("true", StringComparison.OrdinalIgnoreCase) || batchText == "1"),
        };
        return problem;
    }
}
