using System.Globalization;
using InferCost.Pricing;
using InferCost.UsageAnalytics;

namespace InferCost.Data.UsageLogs;

/// <summary>Turns one row of named text cells (CSV, Parquet) into a usage record, with a message when a cell is wrong.</summary>
internal sealed class TabularRow
{
    private readonly ColumnMapping _mapping;
    private readonly Dictionary<string, string> _interned = new(StringComparer.Ordinal);

    public TabularRow(ColumnMapping mapping) => _mapping = mapping;

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
            var value = cell(_mapping.ColumnOf(field));
            if (string.IsNullOrWhiteSpace(value))
            {
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

        var timeText = cell(_mapping.ColumnOf("time"));
        if (string.IsNullOrWhiteSpace(timeText) || !ScannedFields.TryParseTime(timeText, out var time))
        {
            return $"column `{_mapping.ColumnOf("time")}` (time): expected a timestamp, got \"{timeText}\"";
        }

        var model = Text("model");
        if (model is null)
        {
            return $"column `{_mapping.ColumnOf("model")}` (model): missing";
        }

        var inputText = cell(_mapping.ColumnOf("input_tokens"));
        var outputText = cell(_mapping.ColumnOf("output_tokens"));
        if (string.IsNullOrWhiteSpace(inputText) && string.IsNullOrWhiteSpace(outputText))
        {
            return "no usage found (input_tokens and output_tokens are both empty)";
        }

        var requestsText = cell(_mapping.ColumnOf("requests"));
        var batchText = cell(_mapping.ColumnOf("batch"));
        record = new UsageRecord
        {
            Time = time,
            RequestId = cell(_mapping.ColumnOf("request_id")) is { Length: > 0 } rid ? rid : null,
            User = Text("user"),
            Feature = Text("feature"),
            Provider = ProviderNames.Normalize(Text("provider")),
            Model = model,
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
