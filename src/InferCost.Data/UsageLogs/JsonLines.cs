using System.Buffers;

namespace InferCost.Data.UsageLogs;

/// <summary>A handler for one line of a JSONL file.</summary>
/// <param name="line">The line's UTF-8 bytes, without the line break.</param>
/// <param name="number">The 1-based line number.</param>
public delegate void LineHandler(ReadOnlySpan<byte> line, long number);

/// <summary>
/// Splits a UTF-8 stream into lines without decoding it to strings: <see cref="ForEach"/> over one pooled buffer (blank
/// lines skipped, numbered), or <see cref="Read"/> as a sequence of every line (the price stream's reader).
/// </summary>
public static class JsonLines
{
    private const int InitialBuffer = 1 << 20;

    /// <summary>Calls <paramref name="handler"/> for each non-blank line; a last line without a line break is passed too.</summary>
    public static void ForEach(Stream stream, LineHandler handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(handler);
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        try
        {
            var filled = 0;
            var number = 0L;
            var eof = false;
            var first = true;
            while (!eof)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (filled == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = stream.Read(buffer, filled, buffer.Length - filled);
                eof = read == 0;
                filled += read;
                var start = 0;
                if (first && filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                {
                    start = 3;
                }

                first = false;
                while (true)
                {
                    var span = buffer.AsSpan(start, filled - start);
                    var nl = span.IndexOf((byte)'\n');
                    if (nl < 0)
                    {
                        if (eof && span.Length > 0)
                        {
                            Emit(span, ++number, handler);
                            start = filled;
                        }

                        break;
                    }

                    Emit(span[..nl], ++number, handler);
                    start += nl + 1;
                }

                // Keep the partial line at the start of the buffer.
                buffer.AsSpan(start, filled - start).CopyTo(buffer);
                filled -= start;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Emit(ReadOnlySpan<byte> line, long number, LineHandler handler)
    {
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (!line.Trim((byte)' ').IsEmpty)
        {
            handler(line, number);
        }
    }

    /// <summary>The lines of <paramref name="input"/>, without their line breaks.</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> Read(Stream input)
    {
        var buffer = new byte[1 << 16];
        int start = 0, end = 0;
        while (true)
        {
            var read = input.Read(buffer, end, buffer.Length - end);
            if (read == 0)
            {
                if (end > start)
                {
                    yield return TrimCr(buffer.AsMemory(start, end - start));
                }

                yield break;
            }

            end += read;
            int newline;
            while ((newline = Array.IndexOf(buffer, (byte)'\n', start, end - start)) >= 0)
            {
                yield return TrimCr(buffer.AsMemory(start, newline - start));
                start = newline + 1;
            }

            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            else if (end == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2); // a line longer than the buffer
            }
        }
    }

    private static ReadOnlyMemory<byte> TrimCr(ReadOnlyMemory<byte> line)
        => line.Length > 0 && line.Span[^1] == (byte)'\r' ? line[..^1] : line;
}
