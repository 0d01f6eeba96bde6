using System.Text.Json;

namespace InferCost.Data.UsageLogs;

/// <summary>
/// Walks one JSON line with <see cref="Utf8JsonReader"/>, matching property paths against a <see cref="JsonFieldMap"/>
/// by hash and skipping every container no wanted path goes through (message contents, choices…).
/// </summary>
internal static class JsonLineScanner
{
    private const int MaxDepth = 64;

    /// <summary>Scans <paramref name="line"/> into <paramref name="fields"/> (cleared first); JSON errors throw <see cref="JsonException"/>.</summary>
    public static void Scan(ReadOnlySpan<byte> line, JsonFieldMap map, ScannedFields fields)
    {
        fields.Clear();
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            fields.Problem = "expected one JSON object per line";
            return;
        }

        Span<ulong> stack = stackalloc ulong[MaxDepth];
        Span<int> starts = stackalloc int[MaxDepth];
        starts[0] = (int)reader.TokenStartIndex;
        Span<bool> isArray = stackalloc bool[MaxDepth];
        Span<byte> nameBuffer = stackalloc byte[256];
        var depth = 0;
        stack[0] = JsonFieldMap.Root;
        isArray[0] = false;
        var pending = JsonFieldMap.Root;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    if (reader.ValueIsEscaped)
                    {
                        var n = reader.ValueSpan.Length <= nameBuffer.Length ? reader.CopyString(nameBuffer) : 0;
                        pending = JsonFieldMap.Property(stack[depth], depth == 0, nameBuffer[..n]);
                    }
                    else
                    {
                        pending = JsonFieldMap.Property(stack[depth], depth == 0, reader.ValueSpan);
                    }

                    break;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                {
                    var h = isArray[depth] ? JsonFieldMap.Item(stack[depth]) : pending;
                    if (map.Leaves.TryGetValue(h, out var targets))
                    {
                        if (targets[0].Slot == FieldSlot.Error)
                        {
                            fields.Accept(ref reader, targets[0], map.Names[h]);
                        }
                        else
                        {
                            fields.Problem ??= $"`{map.Names[h]}`: expected a value, got {(reader.TokenType == JsonTokenType.StartObject ? "object" : "array")}";
                        }

                        reader.Skip();
                    }
                    else if (!map.Prefixes.Contains(h) || depth == MaxDepth - 1)
                    {
                        reader.Skip();
                    }
                    else
                    {
                        depth++;
                        stack[depth] = h;
                        starts[depth] = (int)reader.TokenStartIndex;
                        isArray[depth] = reader.TokenType == JsonTokenType.StartArray;
                    }

                    break;
                }

                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    if (depth == fields.BodyDepth && fields.BodyEnd < 0)
                    {
                        fields.BodyEnd = (int)reader.BytesConsumed;
                    }

                    depth--;
                    break;
                default:
                {
                    var h = isArray[depth] ? JsonFieldMap.Item(stack[depth]) : pending;
                    if (map.Leaves.TryGetValue(h, out var targets))
                    {
                        foreach (var target in targets)
                        {
                            fields.Accept(ref reader, target, map.Names[h]);
                            if (target.Body >= 0 && fields.BodyDepth < 0 && target.Slot is FieldSlot.Input or FieldSlot.Output && target.Body <= depth)
                            {
                                // The response body: the object the matched body path starts from.
                                fields.BodyDepth = target.Body;
                                fields.BodyStart = starts[target.Body];
                            }
                        }
                    }

                    break;
                }
            }
        }
    }
}
