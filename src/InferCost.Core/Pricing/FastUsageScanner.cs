using System.Text;
using System.Text.Json;

namespace InferCost.Pricing;

/// <summary>
/// The allocation-free happy path of <see cref="UsageExtractor.Extract(JsonElement)"/>: one forward pass of a
/// <see cref="Utf8JsonReader"/> over a response body, following only the paths the extractor reads. Anything
/// unusual (a missing required value, a wrong type, a null, an escaped name, a repeated key, no root) makes it give
/// up, and the caller runs the full extractor, which produces the exact genai-prices result or error.
/// </summary>
internal sealed class FastUsageScanner
{
    private readonly Node[] _nodes;
    private readonly UsageMapping[] _mappings;
    private readonly ulong _requiredMask;
    private readonly int _rootNode;

    private FastUsageScanner(Node[] nodes, UsageMapping[] mappings, ulong requiredMask, int rootNode)
    {
        _nodes = nodes;
        _mappings = mappings;
        _requiredMask = requiredMask;
        _rootNode = rootNode;
    }

    /// <summary>A scanner for <paramref name="extractor"/>, or null when its paths need the full extractor (array matches).</summary>
    public static FastUsageScanner? For(UsageExtractor extractor)
    {
        if (extractor.Mappings.Length > 64 || extractor.Root.Concat(extractor.ModelPath).Concat(extractor.Mappings.SelectMany(m => m.Path)).Any(s => s is not PathStep.Property))
        {
            return null;
        }

        var nodes = new List<Node> { new() };
        int Walk(IEnumerable<PathStep> path)
        {
            var current = 0;
            foreach (var step in path)
            {
                var name = Encoding.UTF8.GetBytes(((PathStep.Property)step).Name);
                var child = nodes[current].Children.FindIndex(c => c.Name.AsSpan().SequenceEqual(name));
                if (child < 0)
                {
                    nodes.Add(new Node());
                    nodes[current].Children.Add((name, nodes.Count - 1));
                    current = nodes.Count - 1;
                }
                else
                {
                    current = nodes[current].Children[child].Node;
                }
            }

            return current;
        }

        var modelNode = Walk(extractor.ModelPath);
        nodes[modelNode].IsModel = true;
        var root = Walk(extractor.Root);
        ulong required = 0;
        for (var i = 0; i < extractor.Mappings.Length; i++)
        {
            var node = Walk(extractor.Root.Concat(extractor.Mappings[i].Path));
            nodes[node].Mappings.Add(i);
            if (extractor.Mappings[i].Required)
            {
                required |= 1UL << i;
            }
        }

        return new FastUsageScanner([.. nodes], [.. extractor.Mappings], required, root);
    }

    /// <summary>Scans <paramref name="json"/>; false means "use the full extractor".</summary>
    /// <param name="json">One response body.</param>
    /// <param name="usage">Receives the usage (cleared first).</param>
    /// <param name="model">Receives the model id's UTF-8 bytes (a slice of <paramref name="json"/>), or empty.</param>
    public bool TryScan(ReadOnlySpan<byte> json, ref UsageBuilder usage, out ReadOnlySpan<byte> model)
    {
        usage.Clear();
        model = default;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        Span<int> stack = stackalloc int[64];
        var depth = 0;
        ulong seen = 0;
        var rootSeen = false;
        var pending = -1; // node of the property whose value comes next (-1: untracked)
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            stack[0] = 0;
            depth = 1;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pending = -1;
                        var parent = stack[depth - 1];
                        if (parent < 0)
                        {
                            reader.Read();
                            reader.TrySkip();
                            continue;
                        }

                        if (reader.ValueIsEscaped)
                        {
                            return false;
                        }

                        foreach (var (name, node) in _nodes[parent].Children)
                        {
                            if (reader.ValueSpan.SequenceEqual(name))
                            {
                                pending = node;
                                break;
                            }
                        }

                        if (pending < 0)
                        {
                            reader.Read();
                            reader.TrySkip();
                        }

                        continue;

                    case JsonTokenType.StartObject:
                        if (depth == stack.Length)
                        {
                            return false;
                        }

                        if (pending == _rootNode)
                        {
                            if (rootSeen)
                            {
                                return false;
                            }

                            rootSeen = true;
                        }

                        stack[depth++] = pending;
                        pending = -1;
                        continue;

                    case JsonTokenType.EndObject:
                        depth--;
                        continue;

                    case JsonTokenType.StartArray:
                        if (pending >= 0)
                        {
                            return false; // a tracked path holds an array: let the full extractor judge it
                        }

                        reader.TrySkip();
                        continue;

                    case JsonTokenType.Number:
                        if (pending >= 0)
                        {
                            var node = _nodes[pending];
                            // Whole counts within UsageLimits only: a fraction, a huge or a negative value goes to the
                            // full extractor, which names the field in its error.
                            if (!reader.TryGetInt64(out var whole) || whole < 0 || whole > UsageLimits.MaxValue || node.IsModel || node.Children.Count > 0)
                            {
                                return false;
                            }

                            decimal value = whole; // far cheaper than parsing a decimal
                            foreach (var m in node.Mappings)
                            {
                                if ((seen & (1UL << m)) != 0)
                                {
                                    return false;
                                }

                                seen |= 1UL << m;
                                usage.Add(_mappings[m].Destination, value);
                            }
                        }

                        pending = -1;
                        continue;

                    case JsonTokenType.String:
                        if (pending >= 0)
                        {
                            var node = _nodes[pending];
                            if (!node.IsModel || node.Mappings.Count > 0 || reader.ValueIsEscaped || !model.IsEmpty)
                            {
                                return false;
                            }

                            model = reader.ValueSpan;
                        }

                        pending = -1;
                        continue;

                    default:
                        if (pending >= 0)
                        {
                            return false; // null or boolean on a tracked path
                        }

                        continue;
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return depth == 0 && rootSeen && (seen & _requiredMask) == _requiredMask && (_mappings.Length == 0 || !usage.IsEmpty);
    }

    private sealed class Node
    {
        public List<(byte[] Name, int Node)> Children { get; } = [];

        public List<int> Mappings { get; } = [];

        public bool IsModel { get; set; }
    }
}
