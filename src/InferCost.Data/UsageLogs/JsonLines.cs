using System.Buffers;
using InferCost.Pricing;

namespace InferCost.Data.UsageLogs;

/// <summary>A handler for one line of a JSONL file.</summary>
/// <param name="line">The line's UTF-8 bytes, without the line break.</param>
/// <param name="number">The 1-based line number.</param>
public delegate void LineHandler(ReadOnlySpan<byte> line, long number);

/// <summary>A handler for a line that cannot be read (<see cref="IUsageSink.OnReject"/> fits).</summary>
/// <param name="number">The 1-based line number.</param>
/// <param name="problem">Why.</param>
/// <param name="line">The line's bytes (empty when it was too long to keep).</param>
public delegate void LineRejectHandler(long number, string problem, ReadOnlySpan<byte> line);

/// <summary>One input line: its bytes without the line break, or why it was not read (too long).</summary>
/// <param name="Bytes">The line's UTF-8 bytes (a slice of the reader's buffer, valid until the next line); empty when <paramref name="Problem"/> is set.</param>
/// <param name="Problem">Why the line was not read, or null.</param>
public readonly record struct InputLine(ReadOnlyMemory<byte> Bytes, string? Problem);

/// <summary>
/// Splits a UTF-8 stream into lines over one pooled buffer: no allocation per line. LF or CRLF breaks; a UTF-8 byte
/// order mark at the start is skipped; a line that is not valid UTF-8, or longer than <see cref="MaxLineBytes"/>,
/// goes to the reject handler with its number (never buffered whole), and reading goes on. <see cref="Read"/> gives
/// every line as a sequence instead (the price stream's reader: one answer per input line, blank lines included).
/// </summary>
public static class JsonLines
{
    /// <summary>The longest line read: 64 MiB.</summary>
    public const int MaxLineBytes = 64 << 20;

    private const int InitialBuffer = 1 << 20;

    /// <summary>
    /// Calls <paramref name="handler"/> for each non-blank valid line and <paramref name="reject"/> for each line
    /// that is not UTF-8 or is too long; a last line without a line break is passed too.
    /// </summary>
    public static void ForEach(Stream stream, LineHandler handler, LineRejectHandler reject, CancellationToken cancellationToken = default)
        => ForEach(stream, handler, reject, MaxLineBytes, cancellationToken);

    /// <summary>As <see cref="ForEach(Stream, LineHandler, LineRejectHandler, CancellationToken)"/>, with another line limit.</summary>
    public static void ForEach(Stream stream, LineHandler handler, LineRejectHandler reject, int maxLineBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(reject);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        var tooLong = $"line longer than {(maxLineBytes % (1 << 20) == 0 ? $"{maxLineBytes >> 20} MiB" : $"{maxLineBytes:N0} bytes")} (the limit)";
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBuffer, maxLineBytes + 1));
        try
        {
            var filled = 0;
            var number = 0L;
            var eof = false;
            var atStart = true;
            var skipping = false; // inside a line that went over the limit: discard up to its line break
            while (!eof)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (filled == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, maxLineBytes + 1L));
                    buffer.AsSpan(0, filled).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = stream.Read(buffer, filled, buffer.Length - filled);
                eof = read == 0;
                filled += read;
                if (atStart && filled < 3 && !eof)
                {
                    continue;
                }

                var start = 0;
                if (atStart && filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                {
                    start = 3;
                }

                atStart = false;
                while (true)
                {
                    var span = buffer.AsSpan(start, filled - start);
                    var nl = span.IndexOf((byte)'\n');
                    if (nl < 0)
                    {
                        if (eof && span.Length > 0)
                        {
                            if (!skipping)
                            {
                                Emit(span, ++number, handler, reject, span.Length > maxLineBytes ? tooLong : null);
                            }

                            start = filled;
                        }

                        break;
                    }

                    if (skipping)
                    {
                        skipping = false; // the rest of the over-long line ends here
                    }
                    else
                    {
                        Emit(span[..nl], ++number, handler, reject, nl > maxLineBytes ? tooLong : null);
                    }

                    start += nl + 1;
                }

                if (skipping || filled - start > maxLineBytes)
                {
                    // Over the limit: answer the line now and drop its bytes up to the next line break.
                    if (!skipping)
                    {
                        reject(++number, tooLong, default);
                        skipping = true;
                    }

                    filled = 0;
                    continue;
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

    private static void Emit(ReadOnlySpan<byte> line, long number, LineHandler handler, LineRejectHandler reject, string? problem)
    {
        if (problem is not null)
        {
            reject(number, problem, default);
            return;
        }

        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (line.Trim(" \t"u8).IsEmpty)
        {
            return;
        }

        if (Utf8Validation.InvalidByteAt(line) is { } bad)
        {
            reject(number, $"invalid UTF-8 at byte {bad + 1}", line);
            return;
        }

        handler(line, number);
    }

    /// <summary>The lines of <paramref name="input"/>, in order, one per line break (a last line without one too).</summary>
    /// <param name="input">The stream.</param>
    /// <param name="maxLineBytes">The longest line read (default <see cref="MaxLineBytes"/>).</param>
    public static IEnumerable<InputLine> Read(Stream input, int maxLineBytes = MaxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        var tooLong = $"line longer than {Describe(maxLineBytes)} (the limit)";
        var buffer = new byte[Math.Max(4, Math.Min(1 << 16, maxLineBytes + 1))];
        int start = 0, end = 0;
        var atStart = true; // the byte order mark is looked for in the first 3 bytes of the stream
        var skipping = false; // inside a line that went over the limit: discard up to its line break
        while (true)
        {
            var read = input.Read(buffer, end, buffer.Length - end);
            end += read;
            if (atStart && (end >= 3 || read == 0))
            {
                atStart = false;
                if (end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                {
                    start = 3;
                }
            }
            else if (atStart)
            {
                continue;
            }

            int newline;
            while ((newline = Array.IndexOf(buffer, (byte)'\n', start, end - start)) >= 0)
            {
                if (skipping)
                {
                    skipping = false;
                }
                else if (newline - start > maxLineBytes)
                {
                    yield return new InputLine(default, tooLong);
                }
                else
                {
                    yield return new InputLine(TrimCr(buffer.AsMemory(start, newline - start)), null);
                }

                start = newline + 1;
            }

            if (read == 0)
            {
                if (end > start && !skipping)
                {
                    yield return end - start > maxLineBytes ? new InputLine(default, tooLong) : new InputLine(TrimCr(buffer.AsMemory(start, end - start)), null);
                }

                yield break;
            }

            if (skipping)
            {
                start = end = 0; // still inside the over-long line
            }
            else if (end - start > maxLineBytes)
            {
                yield return new InputLine(default, tooLong);
                skipping = true;
                start = end = 0;
            }
            else if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            else if (end == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxLineBytes + 1L)); // a line longer than the buffer
            }
        }
    }

    private static string Describe(int bytes) => bytes % (1 << 20) == 0 ? $"{bytes >> 20} MiB" : $"{bytes:N0} bytes";

    private static ReadOnlyMemory<byte> TrimCr(ReadOnlyMemory<byte> line)
        => line.Length > 0 && line.Span[^1] == (byte)'\r' ? line[..^1] : line;
}
