using System.Globalization;
using InferCost.Errors;
using YamlDotNet.RepresentationModel;

namespace InferCost.Data.Scenarios;

/// <summary>A <c>--set path=value</c> override applied to a scenario file before it is read (e.g. <c>segments.pro.sessions.median=40</c>).</summary>
/// <param name="Path">The dotted path; list items by index.</param>
/// <param name="Value">The new scalar value, as YAML.</param>
public sealed record ScenarioOverride(string Path, string Value)
{
    /// <summary>Parses <c>path=value</c>.</summary>
    /// <exception cref="InferCostException">No <c>=</c> or an empty path.</exception>
    public static ScenarioOverride Parse(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new InferCostException($"--set expects path=value (e.g. segments.pro.sessions.median=40), got '{text}'");
        }

        return new ScenarioOverride(text[..eq].Trim(), text[(eq + 1)..].Trim());
    }

    /// <summary>Applies the override to a scenario's parsed YAML before it is read.</summary>
    /// <exception cref="InferCostException">The path does not lead to a mapping in the scenario.</exception>
    internal void ApplyTo(YamlMappingNode root)
    {
        var parts = Path.Split('.');
        YamlNode node = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            switch (node)
            {
                case YamlMappingNode map when map.Children.TryGetValue(new YamlScalarNode(parts[i]), out var child) && child is not YamlScalarNode:
                    node = child;
                    break;
                case YamlMappingNode map:
                    var created = new YamlMappingNode();
                    map.Children[new YamlScalarNode(parts[i])] = created;
                    node = created;
                    break;
                case YamlSequenceNode seq when int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < seq.Children.Count:
                    node = seq.Children[index];
                    break;
                default:
                    throw new InferCostException($"--set {Path}: '{string.Join('.', parts[..(i + 1)])}' is not a mapping in the scenario");
            }
        }

        if (node is not YamlMappingNode parent)
        {
            throw new InferCostException($"--set {Path}: the parent of '{parts[^1]}' is not a mapping");
        }

        // Setting a distribution parameter replaces a scalar (fixed) distribution with a mapping.
        parent.Children[new YamlScalarNode(parts[^1])] = new YamlScalarNode(Value);
        if (parts[^1] is "median" or "p90" && parent.Children.ContainsKey(new YamlScalarNode("fixed")))
        {
            parent.Children.Remove(new YamlScalarNode("fixed"));
        }
    }
}
