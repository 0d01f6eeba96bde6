using System.Diagnostics;
using System.Globalization;
using System.Text;
using InferCost.Data.Catalog;
using InferCost.Data.Scenarios;
using InferCost.Data.Serving;
using InferCost.Errors;
using InferCost.Pricing;

namespace InferCost.Testing;

/// <summary>What a fuzz run over one YAML reader saw.</summary>
internal sealed record YamlFuzzReport(string Reader, int Inputs, int Accepted, IReadOnlyDictionary<string, int> RejectedByKind, IReadOnlyList<string> Failures, TimeSpan Elapsed)
{
    public int Rejected => RejectedByKind.Values.Sum();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Reader}: {Inputs:N0} inputs in {Elapsed.TotalSeconds:0.0} s, {Accepted:N0} accepted, {Rejected:N0} rejected ({string.Join(", ", RejectedByKind.OrderByDescending(k => k.Value).Select(k => $"{k.Key} {k.Value:N0}"))}), {Failures.Count} failures");
}

/// <summary>
/// Seeded mutation fuzzing of every YAML reader: the shipped files are mutated (syntax characters, extreme and
/// mistyped numbers, misspelt and unknown keys, moved, doubled and dropped lines, re-indents, truncation, deep
/// nesting, aliases, invalid characters) and fed to their reader. A reader may accept an input or reject it with
/// <see cref="InputFileException"/> naming the file, a line and a column; anything else is a failure.
/// </summary>
internal static class YamlFuzz
{
    public const string FileName = "fuzz.yaml";

    private static readonly string[] Tokens = ["{", "}", "[", "]", ":", ": ", ",", "- ", "\n", "  ", "\t", "'", "\"", "&a ", "*a", "!!str ", "!!int ", "!custom ", "|", ">", "#", "%", "@", "`", "? ", "---\n", "...\n", "\uFEFF", "\0", "\uD800", "\u00e9", "\r\n", "\r", "\\", "<<: *a\n"];

    private static readonly string[] Values = ["1e308", "-1e308", "-1", "2.5", "0.5", "NaN", ".nan", ".inf", "-.inf", "Infinity", "99999999999999999999999", "9223372036854775807", "2147483648", "0x1F", "0o17", "1_000", "50%", "150%", "-0", "0", "1e-320", "79228162514264337593543950336", "true", "false", "null", "~", "''", "\"\"", "[]", "{}", "[1, 2]", "{ a: 1 }", "2026-13-45", "2026-07", "abc", "\"12\"", "1e9", "100000001", "-5%", "{", "[", "'"];

    private static readonly string[] Words = ["foo", "id", "name", "value", "source", "as_of", "median", "p90", "max", "min", "alpha", "table", "fixed", "mean", "sd", "share", "plan", "gpus", "models", "points", "sources", "providers", "users", "<<"];

    /// <summary>The readers, each with the shipped files it is fed (calibration: its sources and first points).</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<string> Seeds, Action<string> Read)> Readers(string root)
    {
        var catalog = CatalogLoader.LoadBuiltIn();
        string Read(string relative) => File.ReadAllText(Path.Combine(root, relative));
        return
        [
            ("scenario", Directory.GetFiles(Path.Combine(root, "examples"), "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList(), text => ReadScenario(text, catalog)),
            ("overlay", [Read("catalog/overlay.yaml")], text => CatalogOverlay.Apply(catalog, text, FileName)),
            ("gpus", [Read("catalog/gpus.yaml")], text => GpuCatalogLoader.Load(FileName, new StringReader(text))),
            ("open-models", [Read("catalog/open-models.yaml")], text => OpenModelCatalogLoader.Load(FileName, new StringReader(text))),
            ("calibration", [FirstPoints(Read("catalog/serving-calibration.yaml"), 12)], text => CalibrationLoader.Load(FileName, new StringReader(text))),
        ];
    }

    /// <summary>Feeds <paramref name="count"/> mutated inputs to one reader.</summary>
    public static YamlFuzzReport Run(string name, IReadOnlyList<string> seeds, Action<string> read, int count, int seed)
    {
        var rng = new Random(seed);
        var accepted = 0;
        var rejected = new Dictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var input = Mutate(seeds[rng.Next(seeds.Count)], rng);
            try
            {
                read(input);
                accepted++;
            }
            catch (InputFileException ex)
            {
                if (ex.File != FileName || ex.Line is not >= 1 || ex.Column is not >= 1 || ex.Message.Contains("   at ", StringComparison.Ordinal))
                {
                    failures.Add($"#{i} (seed {seed}): error without file, line and column: {ex.Message}\n--- input ---\n{input}");
                }
                else
                {
                    var kind = Kind(ex);
                    rejected[kind] = rejected.GetValueOrDefault(kind) + 1;
                }
            }
            catch (Exception ex)
            {
                failures.Add($"#{i} (seed {seed}): {ex.GetType().Name}: {ex.Message}\n--- input ---\n{input}\n--- stack ---\n{ex.StackTrace}");
            }

            if (failures.Count >= 10)
            {
                break;
            }
        }

        return new YamlFuzzReport(name, count, accepted, rejected, failures, clock.Elapsed);
    }

    /// <summary>Applies one to three random mutations to <paramref name="text"/>.</summary>
    public static string Mutate(string text, Random rng)
    {
        var n = 1 + rng.Next(3);
        for (var i = 0; i < n; i++)
        {
            text = MutateOnce(text, rng);
        }

        return text;
    }

    private static void ReadScenario(string text, PriceCatalog catalog)
    {
        var (scenario, issues) = ScenarioLoader.Parse(text, FileName, catalog);
        if (issues.Length > 0)
        {
            var first = issues[0];
            throw new InputFileException(first.File, first.Line, first.Column, first.Field, first.Problem);
        }

        if (scenario is null)
        {
            throw new InvalidOperationException("no scenario and no issue");
        }
    }

    private static string Kind(InputFileException ex) => ex switch
    {
        { Field: "(yaml)" } => "syntax",
        _ when ex.Problem.StartsWith("unknown field", StringComparison.Ordinal) => "unknown key",
        _ when ex.Problem.StartsWith("missing", StringComparison.Ordinal) || ex.Problem.Contains("the file is empty", StringComparison.Ordinal) => "missing",
        _ when ex.Problem.Contains("whole number", StringComparison.Ordinal) || ex.Problem.Contains("at most", StringComparison.Ordinal) || ex.Problem.Contains("between", StringComparison.Ordinal) || ex.Problem.Contains("positive", StringComparison.Ordinal) || ex.Problem.Contains("negative", StringComparison.Ordinal) => "range",
        _ when ex.Problem.StartsWith("expected", StringComparison.Ordinal) => "type",
        _ => "meaning",
    };

    private static string MutateOnce(string text, Random rng)
    {
        if (text.Length == 0)
        {
            return Tokens[rng.Next(Tokens.Length)];
        }

        var at = rng.Next(text.Length);
        var lines = text.Split('\n');
        var line = rng.Next(lines.Length);
        switch (rng.Next(13))
        {
            case 0:
                return text.Remove(at, Math.Min(text.Length - at, 1 + rng.Next(20)));
            case 1:
                return text.Insert(at, Tokens[rng.Next(Tokens.Length)]);
            case 2:
                return ReplaceScalar(text, rng, Values[rng.Next(Values.Length)]);
            case 3:
                return ReplaceKey(lines, line, rng);
            case 4:
                return string.Join('\n', lines.Take(line + 1).Append(lines[line]).Concat(lines.Skip(line + 1)));
            case 5:
                return string.Join('\n', lines.Where((_, i) => i != line));
            case 6:
                var other = rng.Next(lines.Length);
                (lines[line], lines[other]) = (lines[other], lines[line]);
                return string.Join('\n', lines);
            case 7:
                lines[line] = rng.Next(2) == 0 ? "  " + lines[line] : lines[line].TrimStart(' ').PadLeft(lines[line].TrimStart(' ').Length + Math.Max(0, lines[line].Length - lines[line].TrimStart(' ').Length - 1));
                return string.Join('\n', lines);
            case 8:
                return text[..at];
            case 9:
                var depth = 1 + rng.Next(120);
                var open = rng.Next(2) == 0 ? "[" : "{a: ";
                return text.Insert(at, string.Concat(Enumerable.Repeat(open, depth)));
            case 10:
                return ReplaceScalar(text, rng, rng.Next(2) == 0 ? "{" : "[1, [2");
            case 11:
                var bomb = new StringBuilder("x0: &x0 [1, 2]\n");
                for (var i = 1; i < 12; i++)
                {
                    bomb.Append(CultureInfo.InvariantCulture, $"x{i}: &x{i} [*x{i - 1}, *x{i - 1}, *x{i - 1}, *x{i - 1}]\n");
                }

                return rng.Next(2) == 0 ? bomb + text : text.Insert(at, "&a ");
            default:
                var indent = new string(' ', 2 * rng.Next(6));
                lines[line] = indent + Words[rng.Next(Words.Length)] + ": " + Values[rng.Next(Values.Length)] + "\n" + lines[line];
                return string.Join('\n', lines);
        }
    }

    private static string ReplaceScalar(string text, Random rng, string value)
    {
        // The value after a random ": " (or a random number when there is none there).
        var colon = text.IndexOf(": ", rng.Next(text.Length), StringComparison.Ordinal);
        if (colon < 0)
        {
            return text + value;
        }

        var start = colon + 2;
        var end = start;
        while (end < text.Length && text[end] is not ('\n' or ',' or '}' or ']' or '#'))
        {
            end++;
        }

        return text[..start] + value + text[end..];
    }

    private static string ReplaceKey(string[] lines, int line, Random rng)
    {
        var text = lines[line];
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var start = text.Length - text.TrimStart(' ', '-').Length;
        if (colon <= start)
        {
            return string.Join('\n', lines);
        }

        var key = text[start..colon];
        string typo;
        if (key.Length > 1 && rng.Next(2) == 0)
        {
            var i = rng.Next(key.Length - 1);
            typo = key[..i] + key[i + 1] + key[i] + key[(i + 2)..];
        }
        else
        {
            typo = rng.Next(2) == 0 ? key[..^1] : Words[rng.Next(Words.Length)];
        }

        lines[line] = text[..start] + typo + text[colon..];
        return string.Join('\n', lines);
    }

    private static string FirstPoints(string calibration, int points)
    {
        var lines = calibration.Split('\n');
        var result = new List<string>();
        var inPoints = false;
        var seen = 0;
        foreach (var line in lines)
        {
            if (line.StartsWith("points:", StringComparison.Ordinal))
            {
                inPoints = true;
            }
            else if (inPoints && line.StartsWith("  - ", StringComparison.Ordinal) && ++seen > points)
            {
                break;
            }

            result.Add(line);
        }

        return string.Join('\n', result);
    }
}
