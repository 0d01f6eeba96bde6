using System.Buffers;
using System.CommandLine;
using System.Text.Json;
using InferCost.Errors;
using InferCost.Pricing;

namespace InferCost.Cli.Commands;

/// <summary>
/// <c>infercost price [FILE|-] --provider P [--api-flavor F] [--model M] --jsonl</c>: one response body (or usage
/// object) per input line → one priced line per input line, in order; a bad line gets an error line and the run goes on.
/// </summary>
internal static class PriceStreamCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "JSONL file of API response bodies or usage objects; - for standard input", DefaultValueFactory = _ => "-" };
        var provider = new Option<string>("--provider") { Description = "Provider id (openai, anthropic, google, …)", Required = true };
        var flavor = new Option<string?>("--api-flavor") { Description = "API flavor of the bodies: chat, responses, embeddings, anthropic, default (the provider's default when omitted)" };
        var model = new Option<string?>("--model") { Description = "Price every line on this model instead of the one in the body" };
        var jsonl = new Option<bool>("--jsonl") { Description = "Write one JSON object per input line (the only output format)" };
        var at = new Option<DateTimeOffset?>("--at") { Description = "Prices in force at this date/time (default: now)" };
        var cmd = new Command("price", "Price raw API responses or usage objects, one per line") { file, provider, flavor, model, jsonl, at };
        cmd.SetAction(pr =>
        {
            var ctx = CliContext.Current;
            var catalog = CliCatalog.Load(pr);
            var pricer = new ResponsePricer(catalog, pr.GetValue(provider)!, pr.GetValue(flavor), pr.GetValue(model), pr.GetValue(at) ?? DateTimeOffset.UtcNow);
            var path = pr.GetValue(file)!;
            if (path != "-" && !File.Exists(path))
            {
                throw new InputFileException(path, null, null, "file not found");
            }

            using var input = path == "-" ? Console.OpenStandardInput() : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var output = ReferenceEquals(ctx.Out, Console.Out) ? Console.OpenStandardOutput() : null;
            var counts = output is not null
                ? Run(pricer, input, output)
                : RunToWriter(pricer, input, ctx.Out);
            output?.Flush();
            if (counts.Errors > 0)
            {
                ctx.Error.WriteLine($"priced {counts.Priced:N0} line(s); {counts.Errors:N0} could not be priced (see their \"error\" fields)");
            }

            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>Prices every line of <paramref name="input"/> to <paramref name="output"/>.</summary>
    public static (long Priced, long Errors) Run(ResponsePricer pricer, Stream input, Stream output)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        long lineNo = 0, priced = 0, errors = 0;
        var encoded = new Dictionary<string, JsonEncodedText>(StringComparer.Ordinal); // ids escaped once, not per line
        foreach (var line in JsonLines.Read(input))
        {
            lineNo++;
            if (line.IsEmpty || IsBlank(line.Span))
            {
                continue;
            }

            var result = pricer.Price(line);
            writer.Reset(buffer);
            writer.WriteStartObject();
            writer.WriteNumber("line"u8, lineNo);
            if (result.Succeeded)
            {
                priced++;
                writer.WriteString("provider"u8, Encoded(encoded, result.Provider!));
                writer.WriteString("model"u8, Encoded(encoded, result.Model!));
                WriteDecimal(writer, "input_cost"u8, result.Totals.InputCost);
                WriteDecimal(writer, "output_cost"u8, result.Totals.OutputCost);
                WriteDecimal(writer, "total_cost"u8, result.Totals.TotalCost);
            }
            else
            {
                errors++;
                writer.WriteString("error"u8, result.Error);
            }

            writer.WriteEndObject();
            writer.Flush();
            buffer.Write("\n"u8);
            if (buffer.WrittenCount > (1 << 15))
            {
                output.Write(buffer.WrittenSpan);
                buffer.ResetWrittenCount();
            }
        }

        output.Write(buffer.WrittenSpan);
        return (priced, errors);
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

    private static (long Priced, long Errors) RunToWriter(ResponsePricer pricer, Stream input, TextWriter writer)
    {
        using var memory = new MemoryStream();
        var counts = Run(pricer, input, memory);
        writer.Write(System.Text.Encoding.UTF8.GetString(memory.GetBuffer(), 0, (int)memory.Length));
        return counts;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t\r"u8).IsEmpty;
}

/// <summary>Splits a UTF-8 stream into lines without decoding it to strings.</summary>
public static class JsonLines
{
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
