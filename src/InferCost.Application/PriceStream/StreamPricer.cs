using System.Buffers;
using System.Text.Json;
using InferCost.Data.UsageLogs;
using InferCost.Pricing;

namespace InferCost.Application.PriceStream;

/// <summary>
/// Prices a JSONL stream of API response bodies (or usage objects): one priced line per input line, in order; a bad
/// line gets an error line and the run goes on. What <c>infercost price --jsonl</c> runs.
/// </summary>
public static class StreamPricer
{
    /// <summary>Prices <paramref name="input"/> to <paramref name="output"/> on <paramref name="threads"/> threads (one pricer each).</summary>
    public static (long Priced, long Errors) Run(Func<ResponsePricer> createPricer, Stream input, Stream output, int threads)
    {
        ArgumentNullException.ThrowIfNull(createPricer);
        return threads > 1 ? RunParallel(createPricer, input, output, threads) : Run(createPricer(), input, output);
    }

    /// <summary>Prices every line of <paramref name="input"/> to <paramref name="output"/> on one thread.</summary>
    public static (long Priced, long Errors) Run(ResponsePricer pricer, Stream input, Stream output)
    {
        using var writer = new PricedLineWriter();
        long lineNo = 0;
        foreach (var line in JsonLines.Read(input))
        {
            lineNo++;
            writer.Price(pricer, lineNo, line);
            if (writer.Buffered > (1 << 15))
            {
                writer.FlushTo(output);
            }
        }

        writer.FlushTo(output);
        return (writer.Priced, writer.Errors);
    }

    /// <summary>
    /// Prices every line on <paramref name="threads"/> threads, one pricer each, in batches of consecutive lines;
    /// output keeps the input order.
    /// </summary>
    public static (long Priced, long Errors) RunParallel(Func<ResponsePricer> createPricer, Stream input, Stream output, int threads)
    {
        const int BatchLines = 4096;
        var workers = Enumerable.Range(0, threads).Select(_ => (Pricer: createPricer(), Batch: new LineBatch(), Writer: new PricedLineWriter())).ToArray();
        using var lines = JsonLines.Read(input).GetEnumerator();
        try
        {
            return RunBatches(workers, lines, output, threads, BatchLines);
        }
        finally
        {
            foreach (var w in workers)
            {
                w.Writer.Dispose();
            }
        }
    }

    private static (long Priced, long Errors) RunBatches(
        (ResponsePricer Pricer, LineBatch Batch, PricedLineWriter Writer)[] workers, IEnumerator<ReadOnlyMemory<byte>> lines, Stream output, int threads, int batchLines)
    {
        long lineNo = 0;
        var more = true;
        while (more)
        {
            var filled = 0;
            while (filled < workers.Length && more)
            {
                var batch = workers[filled].Batch;
                batch.Clear(lineNo + 1);
                while (batch.Count < batchLines && (more = lines.MoveNext()))
                {
                    batch.Add(lines.Current.Span); // the enumerator reuses its buffer: copy
                    lineNo++;
                }

                if (batch.Count > 0)
                {
                    filled++;
                }
            }

            Parallel.For(0, filled, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
            {
                var (pricer, batch, writer) = workers[i];
                for (var j = 0; j < batch.Count; j++)
                {
                    writer.Price(pricer, batch.FirstLine + j, batch[j]);
                }
            });
            for (var i = 0; i < filled; i++)
            {
                workers[i].Writer.FlushTo(output);
            }
        }

        return (workers.Sum(w => w.Writer.Priced), workers.Sum(w => w.Writer.Errors));
    }

    /// <summary>Prices into a text writer (tests, in-process callers): output buffered, then written as UTF-8 text.</summary>
    public static (long Priced, long Errors) RunToWriter(Func<ResponsePricer> createPricer, Stream input, TextWriter writer, int threads)
    {
        using var memory = new MemoryStream();
        var counts = threads > 1 ? RunParallel(createPricer, input, memory, threads) : Run(createPricer(), input, memory);
        writer.Write(System.Text.Encoding.UTF8.GetString(memory.GetBuffer(), 0, (int)memory.Length));
        return counts;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t\r"u8).IsEmpty;

    /// <summary>Consecutive input lines copied into one buffer.</summary>
    private sealed class LineBatch
    {
        private readonly List<(int Start, int Length)> _lines = [];
        private byte[] _bytes = new byte[1 << 20];
        private int _used;

        public long FirstLine { get; private set; }

        public int Count => _lines.Count;

        public ReadOnlyMemory<byte> this[int index] => _bytes.AsMemory(_lines[index].Start, _lines[index].Length);

        public void Clear(long firstLine)
        {
            _lines.Clear();
            _used = 0;
            FirstLine = firstLine;
        }

        public void Add(ReadOnlySpan<byte> line)
        {
            if (_used + line.Length > _bytes.Length)
            {
                Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + line.Length));
            }

            line.CopyTo(_bytes.AsSpan(_used));
            _lines.Add((_used, line.Length));
            _used += line.Length;
        }
    }

    /// <summary>Writes one output line per priced input line into a buffer.</summary>
    private sealed class PricedLineWriter : IDisposable
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
        private readonly Utf8JsonWriter _writer;
        private readonly Dictionary<string, JsonEncodedText> _encoded = new(StringComparer.Ordinal); // ids escaped once, not per line

        public PricedLineWriter()
        {
            _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }

        public long Priced { get; private set; }

        public long Errors { get; private set; }

        public int Buffered => _buffer.WrittenCount;

        public void Price(ResponsePricer pricer, long lineNo, ReadOnlyMemory<byte> line)
        {
            if (line.IsEmpty || IsBlank(line.Span))
            {
                return;
            }

            var result = pricer.Price(line);
            _writer.Reset(_buffer);
            _writer.WriteStartObject();
            _writer.WriteNumber("line"u8, lineNo);
            if (result.Succeeded)
            {
                Priced++;
                _writer.WriteString("provider"u8, Encoded(_encoded, result.Provider!));
                _writer.WriteString("model"u8, Encoded(_encoded, result.Model!));
                WriteDecimal(_writer, "input_cost"u8, result.Totals.InputCost);
                WriteDecimal(_writer, "output_cost"u8, result.Totals.OutputCost);
                WriteDecimal(_writer, "total_cost"u8, result.Totals.TotalCost);
            }
            else
            {
                Errors++;
                _writer.WriteString("error"u8, result.Error);
            }

            _writer.WriteEndObject();
            _writer.Flush();
            _buffer.Write("\n"u8);
        }

        public void FlushTo(Stream output)
        {
            output.Write(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
        }

        public void Dispose() => _writer.Dispose();
    }

    private static JsonEncodedText Encoded(Dictionary<string, JsonEncodedText> cache, string value)
    {
        if (!cache.TryGetValue(value, out var text))
        {
            text = JsonEncodedText.Encode(value, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
            cache[value] = text;
        }

        return text;
    }

    // Writes a decimal without trailing zeros (17.5, not 17.500000) and without the cost of a decimal division.
    private static void WriteDecimal(Utf8JsonWriter writer, ReadOnlySpan<byte> name, decimal value)
    {
        Span<byte> text = stackalloc byte[48];
        value.TryFormat(text, out var length, default, System.Globalization.CultureInfo.InvariantCulture);
        if (text[..length].IndexOf((byte)'.') >= 0)
        {
            while (text[length - 1] == (byte)'0') length--;
            if (text[length - 1] == (byte)'.') length--;
        }

        writer.WritePropertyName(name);
        writer.WriteRawValue(text[..length], skipInputValidation: true);
    }
}
