using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace InferCost.Data.Yaml;

/// <summary>
/// The one YAML input reader behind scenarios, catalog overlays, GPU and open-model catalogs and calibration data.
/// It parses text into nodes within stated limits, converts scalars to typed values with ranges, rejects unknown keys
/// with the closest known one, and reports every problem as <c>file:line:column: field: problem</c>. A reader either
/// stops at the first problem (it throws <see cref="InferCost.Errors.InputFileException"/>) or collects them all.
/// </summary>
internal sealed class YamlReader
{
    /// <summary>The largest YAML input read, in characters (16 Mi); larger files are rejected before parsing.</summary>
    public const int MaxChars = 16 * 1024 * 1024;

    /// <summary>The deepest nesting of mappings and lists accepted (our files need at most 8).</summary>
    public const int MaxDepth = 64;

    /// <summary>The most aliases (<c>*name</c>) accepted in one file, so that aliases cannot multiply the work.</summary>
    public const int MaxAliases = 256;

    private readonly Dictionary<string, (int Line, int Column)> _marks = new(StringComparer.Ordinal);
    private readonly List<YamlIssue> _issues = [];
    private readonly bool _stopAtFirst;

    private YamlReader(string file, bool stopAtFirst)
    {
        File = file;
        _stopAtFirst = stopAtFirst;
    }

    /// <summary>Gets the file name used in messages.</summary>
    public string File { get; }

    /// <summary>Gets the problems found so far, in the order found.</summary>
    public IReadOnlyList<YamlIssue> Issues => _issues;

    /// <summary>A reader that throws at the first problem.</summary>
    public static YamlReader StopAtFirst(string file) => new(file, stopAtFirst: true);

    /// <summary>A reader that collects every problem in <see cref="Issues"/>.</summary>
    public static YamlReader CollectAll(string file) => new(file, stopAtFirst: false);

    /// <summary>Parses <paramref name="reader"/>'s text; <see langword="null"/> for an empty file or a syntax error (reported).</summary>
    public YamlNode? Load(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var text = new System.Text.StringBuilder();
        var buffer = new char[16 * 1024];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > MaxChars)
            {
                Report(1, 1, "(yaml)", $"the file is larger than {MaxChars / (1024 * 1024)} MiB of text");
                return null;
            }
        }

        return Load(text.ToString());
    }

    /// <summary>Parses <paramref name="text"/>; <see langword="null"/> for an empty document or a syntax error (reported).</summary>
    public YamlNode? Load(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxChars)
        {
            Report(1, 1, "(yaml)", $"the file is larger than {MaxChars / (1024 * 1024)} MiB of text");
            return null;
        }

        var stream = new YamlStream();
        var parser = new LimitedParser(new Parser(new StringReader(text)));
        try
        {
            stream.Load(parser);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException && ex.TargetSite?.DeclaringType?.Namespace?.StartsWith("YamlDotNet", StringComparison.Ordinal) == true)
        {
            // YamlDotNet throws these (not a YamlException) on some malformed flow content, such as an unclosed '{'.
            Report(parser.Line, parser.Column, "(yaml)", "not valid YAML: unexpected text after this point (an unclosed '{' or '['?)");
            return null;
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException is YamlException inner ? inner.Message : ex.Message;
            Report((int)ex.Start.Line, (int)ex.Start.Column, "(yaml)", "not valid YAML: " + message);
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            Report(second, "(yaml)", "expected one YAML document, found more (a second `---`)");
            return null;
        }

        return stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode) ? null : stream.Documents[0].RootNode;
    }

    /// <summary>The document root as a mapping (reported and <see langword="null"/> when it is something else).</summary>
    public YamlMap? Root(YamlNode? root, string expected)
    {
        if (root is null)
        {
            Report(1, 1, "(root)", "the file is empty: " + expected);
            return null;
        }

        return AsMap(root, "(root)", expected, string.Empty);
    }

    /// <summary>Reads <paramref name="node"/> as a mapping whose fields are reported under <paramref name="path"/>.</summary>
    public YamlMap? AsMap(YamlNode node, string path, string expected = "expected a mapping (key: value pairs)", string? childPath = null)
    {
        Mark(path, node);
        if (node is YamlMappingNode map)
        {
            return new YamlMap(this, map, childPath ?? path);
        }

        Report(node, path, expected);
        return null;
    }

    /// <summary>Reads <paramref name="node"/> as a list.</summary>
    public IReadOnlyList<YamlNode>? AsList(YamlNode node, string path, string expected = "expected a list")
    {
        Mark(path, node);
        if (node is YamlSequenceNode list)
        {
            return [.. list.Children];
        }

        Report(node, path, expected);
        return null;
    }

    /// <summary>Reads a scalar as text.</summary>
    public string? AsText(YamlNode node, string path)
    {
        Mark(path, node);
        if (node is YamlScalarNode { Value: { } text })
        {
            return text;
        }

        Report(node, path, "expected a text value");
        return null;
    }

    /// <summary>Reads a scalar as a finite number in [<paramref name="min"/>, <paramref name="max"/>]; <c>_</c> separators and a trailing <c>%</c> are allowed.</summary>
    public double? AsNumber(YamlNode node, string path, double min, double max)
    {
        Mark(path, node);
        if (node is not YamlScalarNode { Value: { } raw })
        {
            Report(node, path, "expected a number, got " + Describe(node));
            return null;
        }

        var text = raw.Replace("_", string.Empty, StringComparison.Ordinal).Trim();
        var percent = text.EndsWith('%');
        if (!double.TryParse(percent ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            Report(node, path, $"expected a number, got '{Clip(raw)}'");
            return null;
        }

        value = percent ? value / 100 : value;
        if (value < min || value > max)
        {
            Report(node, path, min == double.Epsilon ? $"expected a positive number of at most {Show(max)}, got {Show(value)}" : OutOfRange(Show(min), Show(max), min == 0, Show(value)));
            return null;
        }

        return value;
    }

    /// <summary>Reads a scalar as a whole number in [<paramref name="min"/>, <paramref name="max"/>] (<c>2.0</c> and <c>1e3</c> are whole; <c>2.5</c> is not).</summary>
    public long? AsWhole(YamlNode node, string path, long min, long max)
    {
        var value = AsNumber(node, path, double.MinValue, double.MaxValue);
        if (value is not { } v)
        {
            return null;
        }

        if (v != Math.Floor(v))
        {
            Report(node, path, $"must be a whole number, got {Show(v)}");
            return null;
        }

        if (v < min || v > max)
        {
            Report(node, path, $"must be a whole number between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, got {Show(v)}");
            return null;
        }

        return (long)v;
    }

    /// <summary>Reads a scalar as an exact decimal in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public decimal? AsDecimal(YamlNode node, string path, decimal min, decimal max)
    {
        Mark(path, node);
        if (node is not YamlScalarNode { Value: { } raw })
        {
            Report(node, path, "expected a number, got " + Describe(node));
            return null;
        }

        var text = raw.Replace("_", string.Empty, StringComparison.Ordinal).Trim();
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            Report(node, path, $"expected a number, got '{Clip(raw)}'");
            return null;
        }

        if (value < min || value > max)
        {
            Report(node, path, OutOfRange(min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture), min == 0, value.ToString(CultureInfo.InvariantCulture)));
            return null;
        }

        return value;
    }

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    public bool? AsBool(YamlNode node, string path)
    {
        Mark(path, node);
        if (node is YamlScalarNode { Value: { } v } && bool.TryParse(v, out var b))
        {
            return b;
        }

        Report(node, path, "expected true or false, got " + Describe(node));
        return null;
    }

    /// <summary>Reads a date in one of <paramref name="formats"/> (<paramref name="shown"/> names them in messages).</summary>
    public DateOnly? AsDate(YamlNode node, string path, string[] formats, string shown)
    {
        if (AsText(node, path) is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Report(node, path, $"expected a date {shown}, got '{Clip(text)}'");
        return null;
    }

    /// <summary>Reads one of the names in <paramref name="names"/> (matched without regard to case).</summary>
    public T? AsEnum<T>(YamlNode node, string path, IReadOnlyDictionary<string, T> names)
        where T : struct
    {
        if (AsText(node, path) is not { } text)
        {
            return null;
        }

        foreach (var (name, value) in names)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        var known = names.Keys.Select(k => k.ToLowerInvariant()).ToList();
        Report(node, path, $"expected one of {string.Join(", ", known)}, got '{Clip(text)}'{Suggest(text, known)}");
        return null;
    }

    /// <summary>Records where <paramref name="path"/> is, for problems found later by its path alone.</summary>
    public void Mark(string path, YamlNode node) => _marks.TryAdd(path, ((int)node.Start.Line, (int)node.Start.Column));

    /// <summary>Reports a problem at <paramref name="node"/>.</summary>
    public void Report(YamlNode node, string field, string problem) => Report((int)node.Start.Line, (int)node.Start.Column, field, problem);

    /// <summary>Reports a problem at the place recorded for <paramref name="field"/> (or its nearest recorded parent).</summary>
    public void Report(string field, string problem)
    {
        var p = field;
        while (true)
        {
            if (_marks.TryGetValue(p, out var at))
            {
                Report(at.Line, at.Column, field, problem);
                return;
            }

            var cut = Math.Max(p.LastIndexOf('.'), p.LastIndexOf('['));
            if (cut <= 0)
            {
                Add(new YamlIssue(File, null, null, field, problem));
                return;
            }

            p = p[..cut];
        }
    }

    /// <summary>Reports a problem at a line and column.</summary>
    public void Report(int line, int column, string field, string problem) => Add(new YamlIssue(File, line, column, field, problem));

    /// <summary>Throws the first collected problem, if any (<paramref name="suffix"/> is appended to its message).</summary>
    public void ThrowIfAny(string? suffix = null)
    {
        if (_issues.Count > 0)
        {
            throw _issues[0].ToException(suffix);
        }
    }

    /// <summary>" did you mean x?" for the known name closest to <paramref name="text"/>, or empty.</summary>
    public static string Suggest(string text, IEnumerable<string> known)
    {
        var nearest = InferCost.Pricing.PriceCatalog.Nearest(text, known, 1);
        return nearest.IsEmpty ? string.Empty : $"; did you mean {nearest[0]}?";
    }

    /// <summary>Whether a node is YAML's null (an empty plain value, <c>null</c> or <c>~</c>).</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar && (scalar.Value is null or "" or "null" or "Null" or "NULL" or "~");

    /// <summary>Joins a parent path and a key.</summary>
    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    /// <summary>A short description of a node for messages.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Value: { } v } => $"'{Clip(v)}'",
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ => "nothing",
    };

    private static string OutOfRange(string min, string max, bool nonNegative, string got) => nonNegative
        ? $"expected a non-negative number of at most {max}, got {got}"
        : $"must be between {min} and {max}, got {got}";

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string Show(double value) =>
        Math.Abs(value) < 1e15 ? value.ToString("0.######", CultureInfo.InvariantCulture) : value.ToString("G6", CultureInfo.InvariantCulture);

    private void Add(YamlIssue issue)
    {
        if (_stopAtFirst)
        {
            throw issue.ToException();
        }

        _issues.Add(issue);
    }

    /// <summary>Passes a parser's events through, refusing nesting deeper than <see cref="MaxDepth"/> and more than <see cref="MaxAliases"/> aliases.</summary>
    private sealed class LimitedParser(IParser inner) : IParser
    {
        private int _depth;
        private int _aliases;

        /// <summary>Gets the 1-based line where the last event read ended.</summary>
        public int Line { get; private set; } = 1;

        /// <summary>Gets the 1-based column where the last event read ended.</summary>
        public int Column { get; private set; } = 1;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
            {
                return false;
            }

            Line = (int)inner.Current!.End.Line;
            Column = (int)inner.Current.End.Column;
            switch (inner.Current)
            {
                case MappingStart or SequenceStart when ++_depth > MaxDepth:
                    throw new YamlException(inner.Current.Start, inner.Current.End, $"nested deeper than {MaxDepth} levels");
                case MappingEnd or SequenceEnd:
                    _depth--;
                    break;
                case AnchorAlias when ++_aliases > MaxAliases:
                    throw new YamlException(inner.Current.Start, inner.Current.End, $"more than {MaxAliases} aliases (*name)");
            }

            return true;
        }
    }
}
