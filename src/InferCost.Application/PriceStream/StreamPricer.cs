using System.Buffers;
using System.Text.Json;
using InferCost.Data.UsageLogs;
using InferCost.Pricing;

namespace InferCost.Application.PriceStream;

/// <summary>
/// Prices a JSONL stream of API response bodies (or usage objects): exactly one priced line per input line, in order
/// (a blank, over-long or unreadable line gets an error line) and the run goes on. What <c>infercost price --jsonl</c> runs.
/// </summary>
public static class StreamPricer
{
    /// <summary>Prices <paramref name="input"/> to <paramref name="output"/> on <paramref name="threads"/> threads (one pricer each).</summary>
    public static (long Priced, long Errors) Run(Func<ResponsePricer> createPricer, Stream input, Stream output, int threads)
    {
        ArgumentNullException.ThrowIfNull(createPricer);
        return threads > 1 ? RunParallel(createPricer, input, output, threads) : Run(createPricer(), input, output);
    }

    /// <summary>
    /// Prices every line of <paramref name="input"/> to <paramref name="output"/> on one thread: one output line per
    /// input line, in order. What was priced is written out even when a later line fails inside InferCost.
    /// </summary>
    public static (long Priced, long Errors) Run(ResponsePricer pricer, Stream input, Stream output, int maxLineBytes = JsonLines.MaxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(pricer);
        using var writer = new PricedLineWriter();
        long lineNo = 0;
        try
        {
            foreach (var line in JsonLines.Read(input, maxLineBytes))
            {
                lineNo++;
                writer.Price(pricer, lineNo, line);
                if (writer.Buffered > (1 << 15))
                {
                    writer.FlushTo(output);
                }
            }
        }
        finally
        {
            writer.FlushTo(output);
        }

        return (writer.Priced, writer.Errors);
    }

    /// <summary>
    /// Prices every line on <paramref name="threads"/> threads, one pricer each, in batches of consecutive lines;
    /// output keeps the input order, and what was priced before a failure inside InferCost is written out.
    /// </summary>
    public static (long Priced, long Errors) RunParallel(Func<ResponsePricer> createPricer, Stream input, Stream output, int threads, int maxLineBytes = JsonLines.MaxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(createPricer);
        const int BatchLines = 4096;
        var workers = Enumerable.Range(0, threads).Select(_ => (Pricer: createPricer(), Batch: new LineBatch(), Writer: new PricedLineWriter())).ToArray();
        using var lines = JsonLines.Read(input, maxLineBytes).GetEnumerator();
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
        (ResponsePricer Pricer, LineBatch Batch, PricedLineWriter Writer)[] workers, IEnumerator<InputLine> lines, Stream output, int threads, int batchLines)
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
                    batch.Add(lines.Current); // the enumerator reuses its buffer: copy
                    lineNo++;
                }

                if (batch.Count > 0)
                {
                    filled++;
                }
            }

            var failures = new Exception?[filled];
            Parallel.For(0, filled, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
            {
                var (pricer, batch, writer) = workers[i];
                try
                {
                    for (var j = 0; j < batch.Count; j++)
                    {
                        writer.Price(pricer, batch.FirstLine + j, batch[j]);
                    }
                }
                catch (Exception ex)
                {
                    failures[i] = ex; // written out below, after the lines priced before it
                }
            });
            for (var i = 0; i < filled; i++)
            {
                workers[i].Writer.FlushTo(output);
                if (failures[i] is { } failure)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                }
            }
        }

        return (workers.Sum(w => w.Writer.Priced), workers.Sum(w => w.Writer.Errors));
    }

    /// <summary>
    /// Prices into a text writer (tests, in-process callers): output buffered, then written as UTF-8 text, including
    /// what was priced before a failure inside InferCost.
    /// </summary>
    public static (long Priced, long Errors) RunToWriter(Func<ResponsePricer> createPricer, Stream input, TextWriter writer, int threads)
    {
        using var memory = new MemoryStream();
        try
        {
            return threads > 1 ? RunParallel(createPricer, input, memory, threads) : Run(createPricer(), input, memory);
        }
        finally
        {
            writer.Write(System.Text.Encoding.UTF8.GetString(memory.GetBuffer(), 0, (int)memory.Length));
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t\r"u8).IsEmpty;

    /// <summary>Consecutive input lines copied into one buffer.</summary>
    private sealed class LineBatch
    {
        private readonly List<(int Start, int Length, string? Problem)> _lines = [];
        private byte[] _bytes = new byte[1 << 20];
        private int _used;

        public long FirstLine { get; private set; }

        public int Count => _lines.Count;

        public InputLine this[int index] => new(_bytes.AsMemory(_lines[index].Start, _lines[index].Length), _lines[index].Problem);

        public void Clear(long firstLine)
        {
            _lines.Clear();
            _used = 0;
            FirstLine = firstLine;
        }

        public void Add(InputLine input)
        {
            var line = input.Bytes.Span;
            if (_used + line.Length > _bytes.Length)
            {
                Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + line.Length));
            }

            line.CopyTo(_bytes.AsSpan(_used));
            _lines.Add((_used, line.Length, input.Problem));
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

        /// <summary>Writes the one answer for input line <paramref name="lineNo"/>: its price, or why it has none.</summary>
        public void Price(ResponsePricer pricer, long lineNo, InputLine line)
        {
            var result = line.Problem is { } problem ? new PricedResponse(null, null, default, problem)
                : IsBlank(line.Bytes.Span) ? new PricedResponse(null, null, default, "empty line")
                : pricer.Price(line.Bytes);
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
