using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using InferCost.Pricing;

namespace InferCost.Data.UsageLogs;

/// <summary>The values one scan of a log line found, by slot; reused from line to line.</summary>
internal sealed class ScannedFields
{
    private const int SlotCount = (int)FieldSlot.OutputItemType + 1;
    private readonly long[] _counts = new long[SlotCount];
    private readonly int[] _priority = new int[SlotCount];
    private readonly string?[] _strings = new string?[SlotCount];
    private readonly StringPool _pool;

    public ScannedFields(StringPool pool) => _pool = pool;

    /// <summary>Gets a bit per slot that received a value.</summary>
    public uint Seen { get; private set; }

    /// <summary>Gets the time, when a time slot was read.</summary>
    public DateTimeOffset? Time { get; private set; }

    /// <summary>Gets the first problem met (a value of the wrong type), or <see langword="null"/>.</summary>
    public string? Problem { get; set; }

    /// <summary>Gets or sets the nesting depth of the response body in the record (-1: not found yet).</summary>
    public int BodyDepth { get; set; } = -1;

    /// <summary>Gets or sets where the response body starts in the record.</summary>
    public int BodyStart { get; set; } = -1;

    /// <summary>Gets or sets where the response body ends (exclusive; -1: at the record's end).</summary>
    public int BodyEnd { get; set; } = -1;

    public bool Has(FieldSlot slot) => (Seen & (1u << (int)slot)) != 0;

    public long Count(FieldSlot slot) => _counts[(int)slot];

    public string? Text(FieldSlot slot) => _strings[(int)slot];

    public void Clear()
    {
        Array.Clear(_counts);
        Array.Clear(_strings);
        Array.Fill(_priority, int.MaxValue);
        Seen = 0;
        Time = null;
        Problem = null;
        BodyDepth = BodyStart = BodyEnd = -1;
    }

    public void SetCount(FieldSlot slot, long value)
    {
        _counts[(int)slot] = value;
        Seen |= 1u << (int)slot;
    }

    /// <summary>Stores a value the reader is positioned on into a slot.</summary>
    public void Accept(ref Utf8JsonReader reader, JsonFieldMap.Target target, string path)
    {
        var slot = target.Slot;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (slot >= FieldSlot.Input && slot < FieldSlot.OutputItemType)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                Problem ??= $"Expected `{path}` value to be a number, got {Describe(ref reader)}";
                return;
            }

            if (!TryReadCount(ref reader, out var count))
            {
                Problem ??= UsageLimits.Problem(path, whole: true, Encoding.UTF8.GetString(reader.ValueSpan));
                return;
            }

            _counts[(int)slot] += count;
            Seen |= 1u << (int)slot;
            return;
        }

        if (slot == FieldSlot.OutputItemType)
        {
            if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("web_search_call"u8))
            {
                _counts[(int)FieldSlot.WebSearches]++;
                Seen |= 1u << (int)FieldSlot.WebSearches;
            }

            return;
        }

        if (target.Priority >= _priority[(int)slot])
        {
            return;
        }

        if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.IsEmpty)
        {
            return; // a blank value says nothing (LiteLLM writes "" for no end user): a later path may still fill the slot
        }

        if (slot == FieldSlot.Time)
        {
            if (!TryReadTime(ref reader, out var time))
            {
                Problem ??= $"`{path}`: expected a timestamp (ISO 8601 or Unix seconds), got {Describe(ref reader)}";
                return;
            }

            Time = time;
        }
        else if (slot == FieldSlot.Error)
        {
            // Any non-null error marks the line as a failed request.
            _strings[(int)slot] = reader.TokenType == JsonTokenType.String ? reader.GetString() : "error";
        }
        else if (reader.TokenType == JsonTokenType.String)
        {
            _strings[(int)slot] = slot is FieldSlot.RequestId or FieldSlot.CustomId ? reader.GetString() : _pool.Get(ref reader);
        }
        else if (reader.TokenType == JsonTokenType.Number && slot is FieldSlot.User or FieldSlot.RequestId or FieldSlot.Feature)
        {
            _strings[(int)slot] = _pool.Get(ref reader);
        }
        else
        {
            Problem ??= $"`{path}`: expected a string, got {Describe(ref reader)}";
            return;
        }

        _priority[(int)slot] = target.Priority;
        Seen |= 1u << (int)slot;
    }

    // The shared policy (UsageLimits): a whole JSON number from 0 to 10^12; 12.0 counts as 12.
    private static bool TryReadCount(ref Utf8JsonReader reader, out long value)
    {
        if (reader.TryGetInt64(out value))
        {
            return value is >= 0 and <= UsageLimits.MaxValue;
        }

        if (reader.TryGetDecimal(out var d) && UsageLimits.IsValid(d, whole: true))
        {
            value = (long)d;
            return true;
        }

        return false;
    }

    private static bool TryReadTime(ref Utf8JsonReader reader, out DateTimeOffset time)
    {
        time = default;
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetDouble(out var n) && TryFromUnix(n, out time);
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        var span = reader.ValueSpan;
        if (!reader.ValueIsEscaped && Utf8Parser.TryParse(span, out DateTimeOffset parsed, out var consumed, 'O') && consumed == span.Length)
        {
            time = parsed.ToUniversalTime();
            return true;
        }

        return TryParseTime(reader.GetString()!, out time);
    }

    /// <summary>Parses an ISO 8601 time (no offset means UTC) or Unix seconds/milliseconds/nanoseconds written as text.</summary>
    public static bool TryParseTime(string text, out DateTimeOffset time)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
        {
            return TryFromUnix(n, out time);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time))
        {
            return true;
        }

        time = default;
        return false;
    }

    /// <summary>Unix time as <see cref="FromUnix"/> reads it; false when negative, not finite or past year 9999.</summary>
    public static bool TryFromUnix(double n, out DateTimeOffset time)
    {
        time = default;
        var ticks = n switch
        {
            > 1e17 => n / 100,
            > 1e14 => n * 10,
            > 1e11 => n * 10_000,
            _ => n * 10_000_000,
        };
        if (!double.IsFinite(n) || n < 0 || ticks >= DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks)
        {
            return false;
        }

        time = FromUnix(n);
        return true;
    }

    /// <summary>Unix time in seconds, milliseconds, microseconds or nanoseconds (told apart by magnitude).</summary>
    public static DateTimeOffset FromUnix(double n) => n switch
    {
        > 1e17 => DateTimeOffset.UnixEpoch.AddTicks((long)(n / 100)),
        > 1e14 => DateTimeOffset.UnixEpoch.AddTicks((long)(n * 10)),
        > 1e11 => DateTimeOffset.UnixEpoch.AddTicks((long)(n * 10_000)),
        _ => DateTimeOffset.UnixEpoch.AddTicks((long)(n * 10_000_000)),
    };

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => "string \"" + Truncate(reader.GetString()!) + "\"",
        JsonTokenType.Number => "number " + Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        _ => reader.TokenType.ToString(),
    };

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
