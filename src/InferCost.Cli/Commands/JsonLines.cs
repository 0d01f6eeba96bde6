namespace InferCost.Cli.Commands;

/// <summary>One input line: its bytes without the line break, or why it was not read (too long).</summary>
/// <param name="Bytes">The line's UTF-8 bytes (a slice of the reader's buffer, valid until the next line); empty when <paramref name="Problem"/> is set.</param>
/// <param name="Problem">Why the line was not read, or null.</param>
public readonly record struct InputLine(ReadOnlyMemory<byte> Bytes, string? Problem);

/// <summary>
/// Splits a UTF-8 stream into lines without decoding it to strings: LF or CRLF breaks, a UTF-8 byte order mark at
/// the start of the stream skipped, and no line buffered beyond <see cref="MaxLineBytes"/> (a longer line is
/// reported as one line with a problem and skipped to its end, so every input line still gets exactly one answer).
/// </summary>
public static class JsonLines
{
    /// <summary>The longest line read: 64 MiB. A longer line is answered with an error, never buffered whole.</summary>
    public const int MaxLineBytes = 64 << 20;

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
