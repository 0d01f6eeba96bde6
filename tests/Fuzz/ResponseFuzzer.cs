using System.Diagnostics;
using System.Text;
using System.Text.Json;
using InferCost.Application.PriceStream;
using InferCost.Data.UsageLogs;
using InferCost.Pricing;

namespace InferCost.Fuzzing;

/// <summary>What a mutation did to a real response body.</summary>
internal enum Mutation
{
    None, Truncate, ByteFlip, InvalidUtf8, Bom, Crlf, HugeNumber, NegativeNumber, FractionalNumber, MistypedNumber, DeepNesting, LongLine, Blank,
}

/// <summary>A real line to mutate: the log line (for <c>usage import</c>) and the response body in it (for <c>price</c>).</summary>
internal sealed record FuzzSeed(UsageLogFormat Format, string Provider, byte[] LogLine, byte[] Body);

/// <summary>What one fuzz run saw: inputs, answers by kind, time.</summary>
internal sealed record FuzzReport(string Reader, int Inputs, int Lines, long Accepted, IReadOnlyDictionary<string, long> RejectsByKind, TimeSpan Elapsed, TimeSpan Generating)
{
    public override string ToString()
        => $"{Reader}: {Inputs:N0} inputs, {Lines:N0} lines, {Accepted:N0} accepted, {Lines - Accepted:N0} rejected in {Elapsed.TotalSeconds:0.00} s (of which {Generating.TotalSeconds:0.00} s generating inputs); rejects by kind: "
           + string.Join(", ", RejectsByKind.OrderByDescending(k => k.Value).Select(k => $"{k.Key} {k.Value:N0}"));
}

/// <summary>
/// A seeded mutator over real response bodies (the usage fixtures) and the two readers it drives: the
/// <c>price --jsonl</c> stream and <c>usage import</c> into DuckDB. It checks, and throws on failure, that no
/// exception escapes, that every input line gets exactly one answer, that no cost is negative, and that the store
/// still reports and exports after each import.
/// </summary>
internal sealed class ResponseFuzzer(PriceCatalog catalog, IReadOnlyList<FuzzSeed> seeds)
{
    private static readonly string[] Numbers = ["9223372036854775807", "18446744073709551616", "1e400", "1000000000001", "-5", "-0.5", "10.5", "1e-7", "\"12\"", "true", "{}", "[1]", "null"];

    /// <summary>Loads the seeds from the JSONL usage fixtures in <paramref name="folder"/>.</summary>
    public static List<FuzzSeed> LoadSeeds(string folder)
    {
        var seeds = new List<FuzzSeed>();
        foreach (var (file, format, provider) in new[] { ("openai-chat.jsonl", UsageLogFormat.OpenAi, "openai"), ("anthropic.jsonl", UsageLogFormat.Anthropic, "anthropic"), ("gemini.jsonl", UsageLogFormat.Gemini, "google") })
        {
            foreach (var line in File.ReadAllLines(Path.Combine(folder, file)).Where(l => l.Length > 0))
            {
                using var doc = JsonDocument.Parse(line);
                var body = doc.RootElement.TryGetProperty("response", out var r) ? r.GetRawText() : line;
                seeds.Add(new FuzzSeed(format, provider, Encoding.UTF8.GetBytes(line), Encoding.UTF8.GetBytes(body)));
            }
        }

        return seeds;
    }

    /// <summary>One mutated copy of <paramref name="line"/>.</summary>
    public static (byte[] Line, Mutation Kind) Mutate(byte[] line, Random random, int longLineBytes)
    {
        var kind = (Mutation)random.Next(0, (int)Mutation.Blank + 1);
        if (kind == Mutation.LongLine && random.Next(4) != 0)
        {
            kind = Mutation.None; // long lines cost time: a quarter of their share
        }

        var bytes = new List<byte>(line);
        switch (kind)
        {
            case Mutation.Truncate:
                var keep = random.Next(bytes.Count);
                bytes.RemoveRange(keep, bytes.Count - keep);
                break;
            case Mutation.ByteFlip:
                for (var i = random.Next(1, 4); i > 0; i--)
                {
                    var at = random.Next(bytes.Count);
                    bytes[at] = (byte)(bytes[at] ^ (1 << random.Next(8)));
                }

                break;
            case Mutation.InvalidUtf8:
                byte[][] invalid = [[0xFF], [0xC3, 0x28], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0xC0, 0xAF]];
                bytes.InsertRange(random.Next(bytes.Count), invalid[random.Next(invalid.Length)]);
                break;
            case Mutation.Bom:
                bytes.InsertRange(0, [0xEF, 0xBB, 0xBF]);
                break;
            case Mutation.Crlf:
                bytes.Add((byte)'\r');
                break;
            case Mutation.HugeNumber:
            case Mutation.NegativeNumber:
            case Mutation.FractionalNumber:
            case Mutation.MistypedNumber:
                ReplaceNumber(bytes, random, kind);
                break;
            case Mutation.DeepNesting:
                var depth = random.Next(30, 3000);
                bytes.InsertRange(0, Enumerable.Repeat((byte)'[', depth).ToArray());
                bytes.AddRange(Enumerable.Repeat((byte)']', random.Next(2) == 0 ? depth : depth / 2).ToArray());
                break;
            case Mutation.LongLine:
                var pad = Encoding.UTF8.GetBytes("\"pad\":\"" + new string('x', longLineBytes + random.Next(1000)) + "\",");
                bytes.InsertRange(1, pad);
                break;
            case Mutation.Blank:
                bytes.Clear();
                bytes.AddRange(random.Next(2) == 0 ? [] : " \t"u8.ToArray());
                break;
        }

        return ([.. bytes], kind);
    }

    private static void ReplaceNumber(List<byte> bytes, Random random, Mutation kind)
    {
        // Find the digit runs that follow a colon: the counts (and times) of the body.
        var runs = new List<(int Start, int Length)>();
        for (var i = 1; i < bytes.Count; i++)
        {
            if (bytes[i - 1] == (byte)':' && bytes[i] is >= (byte)'0' and <= (byte)'9')
            {
                var end = i;
                while (end < bytes.Count && bytes[end] is >= (byte)'0' and <= (byte)'9') end++;
                runs.Add((i, end - i));
            }
        }

        if (runs.Count == 0)
        {
            return;
        }

        var (start, length) = runs[random.Next(runs.Count)];
        var text = kind switch
        {
            Mutation.HugeNumber => Numbers[random.Next(4)],
            Mutation.NegativeNumber => Numbers[4 + random.Next(2)],
            Mutation.FractionalNumber => Numbers[6 + random.Next(2)],
            _ => Numbers[8 + random.Next(5)],
        };
        bytes.RemoveRange(start, length);
        bytes.InsertRange(start, Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Builds a JSONL input of <paramref name="inputs"/> mutated lines from the seeds of one provider (or all).</summary>
    private static byte[] Input(int inputs, Random random, Func<FuzzSeed, byte[]> pick, IReadOnlyList<FuzzSeed> from, int longLineBytes, out Dictionary<Mutation, int> kinds)
    {
        kinds = [];
        using var stream = new MemoryStream();
        if (random.Next(2) == 0)
        {
            stream.Write([0xEF, 0xBB, 0xBF]); // a byte order mark at the start of the file
        }

        for (var i = 0; i < inputs; i++)
        {
            var (line, kind) = Mutate(pick(from[random.Next(from.Count)]), random, longLineBytes);
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            stream.Write(line);
            stream.WriteByte((byte)'\n');
        }

        return stream.ToArray();
    }

    private static int CountLines(byte[] input)
    {
        var n = input.AsSpan().Count((byte)'\n');
        return input.Length > 0 && input[^1] != (byte)'\n' ? n + 1 : n;
    }

    /// <summary>Prices <paramref name="inputs"/> mutated bodies per provider through the price stream (line limit <paramref name="maxLineBytes"/>).</summary>
    public FuzzReport FuzzPrice(int inputs, int seed, int maxLineBytes, int threads = 1)
    {
        var random = new Random(seed);
        var watch = Stopwatch.StartNew();
        var rejects = new Dictionary<string, long>(StringComparer.Ordinal);
        long accepted = 0;
        var lines = 0;
        var generated = TimeSpan.Zero;
        foreach (var group in seeds.GroupBy(s => s.Provider))
        {
            var generating = Stopwatch.StartNew();
            var input = Input(inputs / 3 + (group.Key == "openai" ? inputs % 3 : 0), random, s => s.Body, [.. group], maxLineBytes, out _);
            generated += generating.Elapsed;
            var expected = CountLines(input);
            using var output = new MemoryStream();
            var (priced, errors) = threads > 1
                ? StreamPricer.RunParallel(() => new ResponsePricer(catalog, group.Key, null, null, DateTimeOffset.UtcNow), new MemoryStream(input), output, threads, maxLineBytes)
                : StreamPricer.Run(new ResponsePricer(catalog, group.Key, null, null, DateTimeOffset.UtcNow), new MemoryStream(input), output, maxLineBytes);
            var answers = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Check(answers.Length == expected, $"price {group.Key}: {expected} input lines, {answers.Length} answers");
            Check(priced + errors == expected, $"price {group.Key}: {priced} + {errors} != {expected}");
            for (var i = 0; i < answers.Length; i++)
            {
                using var doc = JsonDocument.Parse(answers[i]);
                var answer = doc.RootElement;
                Check(answer.GetProperty("line").GetInt64() == i + 1, $"price {group.Key}: answer {i + 1} is for line {answer.GetProperty("line")}");
                if (answer.TryGetProperty("error", out var error))
                {
                    var kind = Kind(error.GetString()!);
                    rejects[kind] = rejects.GetValueOrDefault(kind) + 1;
                    continue;
                }

                accepted++;
                foreach (var name in new[] { "input_cost", "output_cost", "total_cost" })
                {
                    Check(answer.GetProperty(name).GetDecimal() >= 0, $"price {group.Key}: negative {name} on line {i + 1}");
                }
            }

            lines += expected;
        }

        return new FuzzReport("price --jsonl", inputs, lines, accepted, rejects, watch.Elapsed, generated);
    }

    /// <summary>
    /// Imports <paramref name="inputs"/> mutated log lines (one file per format) into a DuckDB store in
    /// <paramref name="folder"/>, then reports and exports; one line of 64 MiB and more is included per run.
    /// </summary>
    public FuzzReport FuzzImport(int inputs, int seed, string folder)
    {
        var random = new Random(seed);
        var watch = Stopwatch.StartNew();
        var rejects = new Dictionary<string, long>(StringComparer.Ordinal);
        long accepted = 0;
        var lines = 0;
        var generated = TimeSpan.Zero;
        var db = Path.Combine(folder, "fuzz.duckdb");
        using var store = UsageStore.Open(db);
        var first = true;
        foreach (var group in seeds.GroupBy(s => s.Format))
        {
            var generating = Stopwatch.StartNew();
            var input = Input(inputs / 3 + (first ? inputs % 3 : 0), random, s => s.LogLine, [.. group], 100_000, out _);
            generated += generating.Elapsed;
            var file = Path.Combine(folder, $"fuzz-{group.Key}-{seed}.jsonl");
            var nonBlank = Encoding.UTF8.GetString(input).Split('\n').Count(l => l.Trim(' ', '\t', '\r', '\uFEFF').Length > 0);
            using (var stream = File.Create(file))
            {
                stream.Write(input);
                if (first)
                {
                    // One line past the 64 MiB limit per run: it is rejected without being buffered whole.
                    var pad = new byte[Data.UsageLogs.JsonLines.MaxLineBytes];
                    Array.Fill(pad, (byte)'x');
                    stream.Write("{\"pad\":\""u8);
                    stream.Write(pad);
                    stream.Write("\"}\n"u8);
                    nonBlank++;
                    first = false;
                }
            }

            var result = store.Import(file, group.Key, catalog, Path.Combine(folder, $"rejects-{group.Key}.jsonl"));
            Check(result.Records + result.Rejected == nonBlank, $"import {group.Key}: {result.Records} records + {result.Rejected} rejects != {nonBlank} non-blank lines");
            if (result.RejectFile is { } rejectFile)
            {
                foreach (var line in File.ReadLines(rejectFile))
                {
                    using var doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 10_000 }); // a reject may quote a deep record
                    var kind = Kind(doc.RootElement.GetProperty("problem").GetString()!);
                    rejects[kind] = rejects.GetValueOrDefault(kind) + 1;
                }
            }

            accepted += result.Records;
            lines += nonBlank;
            File.Delete(file);
            var report = store.Report(UsageAnalytics.ReportDimension.User, UsageQuery.All, 10);
            Check(report.Totals.Cost >= 0 && report.Totals.InputTokens >= 0, "import: negative totals");
            using var export = new StringWriter();
            FocusExporter.Write(store, UsageQuery.All, export);
        }

        return new FuzzReport("usage import", inputs, lines, accepted, rejects, watch.Elapsed, generated);
    }

    /// <summary>The kind of a reject, from its message.</summary>
    public static string Kind(string error) => error switch
    {
        "empty line" => "empty line",
        _ when error.StartsWith("invalid UTF-8", StringComparison.Ordinal) => "invalid UTF-8",
        _ when error.StartsWith("line longer", StringComparison.Ordinal) => "line too long",
        _ when error.Contains("depth", StringComparison.OrdinalIgnoreCase) => "nesting too deep",
        _ when error.StartsWith("invalid JSON", StringComparison.Ordinal) => "invalid JSON",
        _ when error.Contains("whole number", StringComparison.Ordinal) => "count out of bounds",
        _ when error.Contains("to be a number", StringComparison.Ordinal) => "mistyped count",
        _ when error.Contains("nknown model", StringComparison.Ordinal) || error.Contains("no model", StringComparison.OrdinalIgnoreCase) => "unknown or missing model",
        _ when error.Contains("timestamp", StringComparison.Ordinal) => "bad or missing time",
        _ => "other: " + (error.Length > 40 ? error[..40] : error),
    };

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException("fuzz check failed: " + message);
        }
    }
}
