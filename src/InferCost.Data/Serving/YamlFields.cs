using System.Globalization;
using InferCost.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace InferCost.Data.Serving;

/// <summary>Reads typed fields from one YAML mapping; every error names the file, the line and the field.</summary>
internal sealed class YamlFields
{
    private readonly YamlMappingNode _node;

    public YamlFields(string file, string path, YamlNode node)
    {
        File = file;
        Path = path;
        _node = node as YamlMappingNode
            ?? throw new InputFileException(file, LineOf(node), path, "expected a mapping (key: value pairs)");
    }

    public string File { get; }

    public string Path { get; }

    public int Line => LineOf(_node);

    public static YamlSequenceNode Sequence(string file, YamlNode root, string key)
    {
        if (root is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var value))
        {
            throw new InputFileException(file, LineOf(root), key, "missing: expected a list");
        }

        return value as YamlSequenceNode ?? throw new InputFileException(file, LineOf(value), key, "expected a list");
    }

    public static YamlNode LoadRoot(string file, TextReader reader)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new InputFileException(file, (int)ex.Start.Line, null, $"not valid YAML: {ex.Message}");
        }

        if (stream.Documents.Count == 0)
        {
            throw new InputFileException(file, 1, null, "the file is empty");
        }

        return stream.Documents[0].RootNode;
    }

    public static int LineOf(YamlNode node) => (int)node.Start.Line;

    public bool Has(string key) => TryGet(key, out var value) && !IsNull(value);

    public YamlNode? Node(string key) => TryGet(key, out var value) && !IsNull(value) ? value : null;

    public string RequiredString(string key) => OptionalString(key) ?? throw Missing(key, "text");

    public string? OptionalString(string key)
    {
        if (!TryGet(key, out var value) || IsNull(value))
        {
            return null;
        }

        return value is YamlScalarNode scalar && scalar.Value is { } text
            ? text
            : throw Error(value, key, "expected text");
    }

    public double RequiredPositive(string key)
    {
        var value = OptionalDouble(key) ?? throw Missing(key, "a number");
        return value > 0 ? value : throw Error(_node.Children[new YamlScalarNode(key)], key, $"must be positive (got {value.ToString(CultureInfo.InvariantCulture)})");
    }

    public double? OptionalDouble(string key)
    {
        var text = OptionalString(key);
        if (text is null)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Error(_node.Children[new YamlScalarNode(key)], key, $"expected a number, got '{text}'");
    }

    public decimal RequiredDecimal(string key)
    {
        var text = OptionalString(key) ?? throw Missing(key, "a number");
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(_node.Children[new YamlScalarNode(key)], key, $"expected a number, got '{text}'");
    }

    public int RequiredInt(string key) => OptionalInt(key) ?? throw Missing(key, "a whole number");

    public int? OptionalInt(string key)
    {
        var text = OptionalString(key);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw Error(_node.Children[new YamlScalarNode(key)], key, $"expected a whole number >= 0, got '{text}'");
    }

    public DateOnly OptionalDate(string key)
    {
        var text = OptionalString(key);
        if (text is null)
        {
            return default;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Error(_node.Children[new YamlScalarNode(key)], key, $"expected a date yyyy-mm-dd, got '{text}'");
    }

    public IReadOnlyList<string> StringList(string key)
    {
        if (!TryGet(key, out var value) || IsNull(value))
        {
            return [];
        }

        if (value is not YamlSequenceNode list)
        {
            throw Error(value, key, "expected a list of text");
        }

        return list.Children.Select(c => c is YamlScalarNode { Value: { } s } ? s : throw Error(c, key, "expected text")).ToList();
    }

    public T Enum<T>(string key, T fallback, IReadOnlyDictionary<string, T> names)
    {
        var text = OptionalString(key);
        if (text is null)
        {
            return fallback;
        }

        return names.TryGetValue(text.ToUpperInvariant(), out var value)
            ? value
            : throw Error(_node.Children[new YamlScalarNode(key)], key, $"expected one of {string.Join(", ", names.Keys.Select(k => k.ToLowerInvariant()))}, got '{text}'");
    }

    public InputFileException Error(YamlNode at, string key, string problem) =>
        new(File, LineOf(at), $"{Path}.{key}", problem);

    public InputFileException Error(string key, string problem) => new(File, Line, $"{Path}.{key}", problem);

    private InputFileException Missing(string key, string what) => new(File, Line, $"{Path}.{key}", $"missing: expected {what}");

    private bool TryGet(string key, out YamlNode value) => _node.Children.TryGetValue(new YamlScalarNode(key), out value!);

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain } scalar && (scalar.Value is null or "" or "null" or "~");
}
