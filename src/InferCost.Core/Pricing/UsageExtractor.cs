using System.Collections.Immutable;
using System.Text.Json;

namespace InferCost.Pricing;

/// <summary>One step of a path into a response body: a property name, or the first array item whose field matches.</summary>
public abstract record PathStep
{
    private protected PathStep()
    {
    }

    /// <summary>A property of an object.</summary>
    /// <param name="Name">The property name.</param>
    public sealed record Property(string Name) : PathStep
    {
        /// <inheritdoc/>
        public override string ToString() => Name;
    }

    /// <summary>The first object in an array whose string <paramref name="Field"/> matches.</summary>
    /// <param name="Field">The field to test.</param>
    /// <param name="Match">The rule it must satisfy.</param>
    public sealed record ArrayMatch(string Field, ModelMatch Match) : PathStep
    {
        /// <inheritdoc/>
        public override string ToString() => $$"""{"type":"array-match","field":"{{Field}}"}""";
    }
}

/// <summary>Where one usage value sits in a response body, and which unit it adds to.</summary>
/// <param name="Path">The path below the extractor's root.</param>
/// <param name="Destination">The usage unit it counts (values for the same unit add up).</param>
/// <param name="Required">Whether a missing value is an error.</param>
public sealed record UsageMapping(ImmutableArray<PathStep> Path, UsageUnit Destination, bool Required);

/// <summary>The model id and usage read from one API response body.</summary>
/// <param name="Model">The model the response names, if any.</param>
/// <param name="Usage">The usage.</param>
public readonly record struct ExtractedUsage(string? Model, Usage Usage);

/// <summary>
/// Reads usage out of a provider's API response body (OpenAI Chat Completions, Responses, Anthropic Messages,
/// Gemini <c>usageMetadata</c>…), as the genai-prices data defines per provider and API flavor.
/// </summary>
public sealed record UsageExtractor
{
    /// <summary>Gets the API flavor, e.g. <c>default</c>, <c>chat</c>, <c>responses</c>, <c>embeddings</c>, <c>anthropic</c>.</summary>
    public required string ApiFlavor { get; init; }

    /// <summary>Gets the path to the usage object.</summary>
    public required ImmutableArray<PathStep> Root { get; init; }

    /// <summary>Gets the path to the model id.</summary>
    public required ImmutableArray<PathStep> ModelPath { get; init; }

    /// <summary>Gets the usage values to read below the root.</summary>
    public required ImmutableArray<UsageMapping> Mappings { get; init; }

    /// <summary>Reads the model and usage from a response body.</summary>
    /// <exception cref="PricingException">
    /// The body lacks a required value, or has a value of the wrong type or outside <see cref="UsageLimits"/>.
    /// </exception>
    public ExtractedUsage Extract(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new PricingException($"Expected response data to be a mapping object, got {Describe(body)}");
        }

        string? model = null;
        var modelElement = Walk(ModelPath, body, required: false, prefix: []);
        if (modelElement is { ValueKind: JsonValueKind.String } m)
        {
            model = m.GetString();
        }

        var root = Walk(Root, body, required: true, prefix: [])!.Value;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new PricingException($"Expected `{Join([], Root)}` value to be a mapping, got {Describe(root)}");
        }

        var builder = default(UsageBuilder);
        foreach (var mapping in Mappings)
        {
            var value = Walk(mapping.Path, root, mapping.Required, Root);
            if (value is not { } v)
            {
                continue;
            }

            if (v.ValueKind == JsonValueKind.Null && !mapping.Required)
            {
                continue; // null reports nothing, as an absent optional value
            }

            if (v.ValueKind != JsonValueKind.Number)
            {
                // Required or not: a mistyped count is an error, never priced as zero (UsageLimits; genai-prices
                // ignores a mistyped optional value).
                throw new PricingException($"Expected `{Join(Root, mapping.Path)}` value to be a number, got {Describe(v)}");
            }

            var whole = UsageLimits.MustBeWhole(mapping.Destination);
            if (!v.TryGetDecimal(out var number) || !UsageLimits.IsValid(number, whole))
            {
                throw new PricingException(UsageLimits.Problem(Join(Root, mapping.Path), whole, v.GetRawText()));
            }

            builder.Add(mapping.Destination, number);
        }

        if (!Mappings.IsEmpty && builder.IsEmpty)
        {
            var rootText = Root.Length == 1 ? $"\"{Root[0]}\"" : "[" + string.Join(",", Root.Select(s => $"\"{s}\"")) + "]";
            throw new PricingException($"No usage information found at {rootText}");
        }

        return new ExtractedUsage(model, builder.ToUsage());
    }

    // Follows a path; null when an optional value is missing. The last step must be a property.
    private static JsonElement? Walk(ImmutableArray<PathStep> path, JsonElement start, bool required, ImmutableArray<PathStep> prefix)
    {
        var current = start;
        for (var i = 0; i < path.Length; i++)
        {
            var step = path[i];
            var walked = path[..(i + 1)];
            if (step is PathStep.ArrayMatch am)
            {
                if (current.ValueKind != JsonValueKind.Array)
                {
                    return required ? throw new PricingException($"Expected `{Join(prefix, walked)}` value to be a mapping, got {Describe(current)}") : null;
                }

                JsonElement? found = null;
                foreach (var item in current.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty(am.Field, out var f) && f.ValueKind == JsonValueKind.String && am.Match.IsMatch(f.GetString()!))
                    {
                        found = item;
                        break;
                    }
                }

                if (found is null)
                {
                    return required ? throw new PricingException($"Unable to find item at `{Join(prefix, walked)}`") : null;
                }

                current = found.Value;
                continue;
            }

            var name = ((PathStep.Property)step).Name;
            if (current.ValueKind != JsonValueKind.Object)
            {
                return required ? throw new PricingException($"Expected `{Join(prefix, path[..i])}` value to be a mapping, got {Describe(current)}") : null;
            }

            if (!current.TryGetProperty(name, out var next))
            {
                return required ? throw new PricingException($"Missing value at `{Join(prefix, walked)}`") : null;
            }

            current = next;
        }

        return current;
    }

    private static string Join(ImmutableArray<PathStep> prefix, ImmutableArray<PathStep> path)
        => string.Join(".", prefix.Concat(path).Select(s => s.ToString()));

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "mapping",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "undefined",
    };
}
