using YamlDotNet.RepresentationModel;

namespace InferCost.Data.Yaml;

/// <summary>
/// One YAML mapping read through a <see cref="YamlReader"/>: typed, range-checked fields by key, each problem reported
/// under <see cref="Path"/><c>.key</c>. An absent key and YAML's null both read as <see langword="null"/>.
/// </summary>
internal sealed class YamlMap
{
    /// <summary>Initializes a new instance of the <see cref="YamlMap"/> class.</summary>
    public YamlMap(YamlReader reader, YamlMappingNode node, string path)
    {
        Reader = reader;
        Node = node;
        Path = path;
    }

    /// <summary>Gets the reader that reports problems.</summary>
    public YamlReader Reader { get; }

    /// <summary>Gets the mapping node.</summary>
    public YamlMappingNode Node { get; }

    /// <summary>Gets the dotted path of this mapping (empty for the document root).</summary>
    public string Path { get; }

    /// <summary>Gets the keys in file order (non-text keys are reported and left out).</summary>
    public IEnumerable<(string Key, YamlNode Value, string Path)> Entries
    {
        get
        {
            foreach (var (k, v) in Node.Children)
            {
                if (k is not YamlScalarNode { Value: { } key })
                {
                    Reader.Report(k, Path.Length == 0 ? "(root)" : Path, "expected a text key, got " + YamlReader.Describe(k));
                    continue;
                }

                var path = Field(key);
                Reader.Mark(path, v is YamlScalarNode ? v : k);
                yield return (key, v, path);
            }
        }
    }

    /// <summary>The path of <paramref name="key"/> under this mapping.</summary>
    public string Field(string key) => YamlReader.Join(Path, key);

    /// <summary>Reports every key not in <paramref name="known"/>, naming the closest known key.</summary>
    public void Known(params string[] known)
    {
        foreach (var (k, _) in Node.Children)
        {
            if (k is not YamlScalarNode { Value: { } key })
            {
                Reader.Report(k, Path.Length == 0 ? "(root)" : Path, "expected a text key, got " + YamlReader.Describe(k));
                continue;
            }

            if (!known.Contains(key, StringComparer.Ordinal))
            {
                var path = Field(key);
                Reader.Mark(path, k);
                Reader.Report(k, path, $"unknown field '{key}'{YamlReader.Suggest(key, known)} (known: {string.Join(", ", known)})");
            }
        }
    }

    /// <summary>Whether <paramref name="key"/> is present with a non-null value.</summary>
    public bool Has(string key) => Value(key) is not null;

    /// <summary>The value of <paramref name="key"/>, or <see langword="null"/> when absent or null.</summary>
    public YamlNode? Value(string key)
    {
        if (!Node.Children.TryGetValue(new YamlScalarNode(key), out var value) || YamlReader.IsNull(value))
        {
            return null;
        }

        // Scalars sit on the key's line; block mappings and lists start below it: a problem with them points at the key.
        var at = value;
        if (value is not YamlScalarNode)
        {
            foreach (var k in Node.Children.Keys)
            {
                if (k is YamlScalarNode { Value: { } name } && name == key)
                {
                    at = k;
                    break;
                }
            }
        }

        Reader.Mark(Field(key), at);
        return value;
    }

    /// <summary>Reports a missing required field (at this mapping) and returns <see langword="null"/>.</summary>
    public T? Missing<T>(string key, string expected)
    {
        Reader.Report(Node, Field(key), "missing: expected " + expected);
        return default;
    }

    /// <summary>Reads text.</summary>
    public string? Text(string key, bool required = false) =>
        Value(key) is { } v ? Reader.AsText(v, Field(key)) : required ? Missing<string>(key, "text") : null;

    /// <summary>Reads a finite number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public double? Number(string key, double min, double max, bool required = false) =>
        Value(key) is { } v ? Reader.AsNumber(v, Field(key), min, max) : required ? Missing<double?>(key, "a number") : null;

    /// <summary>Reads a whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public long? Whole(string key, long min, long max, bool required = false) =>
        Value(key) is { } v ? Reader.AsWhole(v, Field(key), min, max) : required ? Missing<long?>(key, "a whole number") : null;

    /// <summary>Reads a whole number in [<paramref name="min"/>, <paramref name="max"/>] as an <see cref="int"/>.</summary>
    public int? Int(string key, int min, int max, bool required = false) => (int?)Whole(key, min, max, required);

    /// <summary>Reads an exact decimal in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public decimal? Decimal(string key, decimal min, decimal max, bool required = false) =>
        Value(key) is { } v ? Reader.AsDecimal(v, Field(key), min, max) : required ? Missing<decimal?>(key, "a number") : null;

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    public bool? Bool(string key) => Value(key) is { } v ? Reader.AsBool(v, Field(key)) : null;

    /// <summary>Reads a date in one of <paramref name="formats"/>.</summary>
    public DateOnly? Date(string key, string[] formats, string shown, bool required = false) =>
        Value(key) is { } v ? Reader.AsDate(v, Field(key), formats, shown) : required ? Missing<DateOnly?>(key, "a date " + shown) : null;

    /// <summary>Reads a <c>yyyy-MM-dd</c> date.</summary>
    public DateOnly? Date(string key, bool required = false) => Date(key, ["yyyy-MM-dd"], "YYYY-MM-DD", required);

    /// <summary>Reads one of the names in <paramref name="names"/>.</summary>
    public T? Enum<T>(string key, IReadOnlyDictionary<string, T> names)
        where T : struct => Value(key) is { } v ? Reader.AsEnum(v, Field(key), names) : null;

    /// <summary>Reads a nested mapping.</summary>
    public YamlMap? Map(string key, bool required = false, string expected = "expected a mapping (key: value pairs)") =>
        Value(key) is { } v ? Reader.AsMap(v, Field(key), expected) : required ? Missing<YamlMap>(key, "a mapping") : null;

    /// <summary>Reads a list.</summary>
    public IReadOnlyList<YamlNode>? List(string key, bool required = false) =>
        Value(key) is { } v ? Reader.AsList(v, Field(key)) : required ? Missing<IReadOnlyList<YamlNode>>(key, "a list") : null;

    /// <summary>Reads a list of text values (empty when absent).</summary>
    public IReadOnlyList<string> Texts(string key)
    {
        if (List(key) is not { } list)
        {
            return [];
        }

        var texts = new List<string>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            if (Reader.AsText(list[i], $"{Field(key)}[{i}]") is { } text)
            {
                texts.Add(text);
            }
        }

        return texts;
    }

    /// <summary>Reports a problem with <paramref name="key"/> at its value (or at this mapping when absent).</summary>
    public void Report(string key, string problem)
    {
        if (Node.Children.TryGetValue(new YamlScalarNode(key), out var value))
        {
            Reader.Report(value, Field(key), problem);
        }
        else
        {
            Reader.Report(Node, Field(key), problem);
        }
    }
}
