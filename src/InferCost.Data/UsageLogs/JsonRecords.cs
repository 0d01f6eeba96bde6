using System.Buffers;
using System.Text.Json;

namespace InferCost.Data.UsageLogs;

/// <summary>
/// Splits a JSON log into records: one value per line (JSONL), or, when the file is one JSON document (an array such
/// as LiteLLM's <c>/spend/logs</c>, or a pretty-printed object such as an OTLP export), each array item or top-level
/// value. The handler gets each record's UTF-8 text and the line it starts on.
/// </summary>
public static class JsonRecords
{
    private const int SniffBytes = 64 * 1024;

    /// <summary>
    /// Calls <paramref name="handler"/> for each record of <paramref name="stream"/>, and <paramref name="reject"/> for
    /// each line or record that is not valid UTF-8 or is longer than <see cref="JsonLines.MaxLineBytes"/>.
    /// </summary>
    /// <exception cref="InferCost.Errors.InferCostException">A whole-document file is not valid JSON (one error for the file).</exception>
    public static void ForEach(Stream stream, LineHandler handler, LineRejectHandler reject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(reject);
        var buffered = stream.CanSeek ? stream : new BufferedStream(stream, SniffBytes);
        var start = buffered.CanSeek ? buffered.Position : 0;
        var head = ArrayPool<byte>.Shared.Rent(SniffBytes);
        bool document;
        try
        {
            var n = buffered.ReadAtLeast(head.AsSpan(0, SniffBytes), SniffBytes, throwOnEndOfStream: false);
            document = IsDocument(head.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
        }

        if (buffered.CanSeek)
        {
            buffered.Position = start;
        }

        if (!document)
        {
            JsonLines.ForEach(buffered, handler, reject, cancellationToken);
            return;
        }

        var inner = handler;
        handler = (record, number) =>
        {
            if (InferCost.Pricing.Utf8Validation.InvalidByteAt(record) is { } bad)
            {
                reject(number, $"invalid UTF-8 at byte {bad + 1}", record);
                return;
            }

            inner(record, number);
        };

        using var all = new MemoryStream();
        buffered.CopyTo(all);
        ForEachValue(all.GetBuffer().AsSpan(0, (int)all.Length), handler, cancellationToken);
    }

    /// <summary>Whether a file starting with <paramref name="head"/> is one JSON document rather than JSON lines.</summary>
    public static bool IsDocument(ReadOnlySpan<byte> head)
    {
        var body = SkipBom(head);
        var i = 0;
        while (i < body.Length && body[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        if (i == body.Length)
        {
            return false;
        }

        if (body[i] == (byte)'[')
        {
            return true;
        }

        if (body[i] != (byte)'{')
        {
            return false;
        }

        // JSON lines: the first line is a whole value. A pretty-printed document: it is not.
        var rest = body[i..];
        var nl = rest.IndexOf((byte)'\n');
        var first = nl < 0 ? rest : rest[..nl];
        if (nl < 0 && head.Length >= SniffBytes)
        {
            return false; // a very long first line: JSON lines
        }

        var reader = new Utf8JsonReader(first, isFinalBlock: true, state: default);
        try
        {
            return !(reader.Read() && TrySkip(ref reader));
        }
        catch (JsonException)
        {
            return true;
        }
    }

    private static bool TrySkip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return true;
    }

    private static ReadOnlySpan<byte> SkipBom(ReadOnlySpan<byte> s) => s.StartsWith("\uFEFF"u8) ? s[3..] : s;

    private static void ForEachValue(ReadOnlySpan<byte> all, LineHandler handler, CancellationToken cancellationToken)
    {
        var text = SkipBom(all);
        var reader = new Utf8JsonReader(text, new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var lines = new LineCounter();
        try
        {
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (reader.TokenType == JsonTokenType.StartArray && reader.CurrentDepth == 0)
                {
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        Emit(ref reader, text, handler, ref lines);
                    }

                    continue;
                }

                Emit(ref reader, text, handler, ref lines);
            }
        }
        catch (JsonException ex)
        {
            throw new Errors.InferCostException($"line {ex.LineNumber + 1}: the file is one JSON document and it is not valid JSON: {ex.Message}", ex);
        }
    }

    private static void Emit(ref Utf8JsonReader reader, ReadOnlySpan<byte> text, LineHandler handler, ref LineCounter lines)
    {
        var begin = (int)reader.TokenStartIndex;
        reader.Skip();
        var end = (int)reader.BytesConsumed;
        handler(text[begin..end], lines.LineOf(text, begin));
    }

    /// <summary>Counts line breaks up to a position, incrementally (positions only grow).</summary>
    private struct LineCounter
    {
        private long _line;
        private int _counted;

        public long LineOf(ReadOnlySpan<byte> text, int position)
        {
            _line += text[_counted..position].Count((byte)'\n');
            _counted = position;
            return _line + 1;
        }
    }
}
