using System.Collections.Frozen;
using System.Collections.Immutable;

namespace InferCost.Pricing;

/// <summary>
/// One thing a request can be billed for (input tokens, cache reads, web searches, audio seconds…): the usage
/// key that counts it, the price key that prices it, how many units one price covers, and its dimensions.
/// </summary>
/// <remarks>
/// A unit whose dimensions are a subset of another's is its ancestor: <c>input_tokens</c> (direction=input,
/// family=tokens) is an ancestor of <c>cache_read_tokens</c> (… token_type=cache_read), so input tokens
/// <em>include</em> cache reads and the uncached part is what is left. This is the genai-prices unit model.
/// </remarks>
public sealed class UsageUnit
{
    internal UsageUnit(int index, string usageKey, string priceKey, decimal per, ImmutableArray<KeyValuePair<string, string>> dimensions)
    {
        Index = index;
        UsageKey = usageKey;
        PriceKey = priceKey;
        Per = per;
        Dimensions = dimensions;
        Direction = Dimension("direction") switch
        {
            "input" => PriceDirection.Input,
            "output" => PriceDirection.Output,
            _ => PriceDirection.Other,
        };
        IsTokens = Dimension("family") == "tokens";
    }

    /// <summary>Gets the position of this unit in <see cref="UsageUnits.All"/> (0–63).</summary>
    public int Index { get; }

    /// <summary>Gets the usage key, e.g. <c>cache_read_tokens</c>.</summary>
    public string UsageKey { get; }

    /// <summary>Gets the price key, e.g. <c>cache_read_mtok</c>.</summary>
    public string PriceKey { get; }

    /// <summary>Gets how many units one price covers (1,000,000 for tokens, 1,000 for calls, 3,600 for seconds).</summary>
    public decimal Per { get; }

    /// <summary>Gets the dimensions (direction, family, modality, token_type, cache_ttl, tool_type…).</summary>
    public ImmutableArray<KeyValuePair<string, string>> Dimensions { get; }

    /// <summary>Gets whether this unit counts toward the input side, the output side, or neither.</summary>
    public PriceDirection Direction { get; }

    /// <summary>Gets whether this unit counts tokens (family=tokens); batch discounts apply to these.</summary>
    public bool IsTokens { get; }

    /// <summary>Gets a bit mask of the units that are strict ancestors of this one.</summary>
    public ulong AncestorMask { get; internal set; }

    /// <summary>Gets a bit mask of the units that are strict descendants of this one.</summary>
    public ulong DescendantMask { get; internal set; }

    /// <summary>Gets this unit's bit in masks.</summary>
    public ulong Bit => 1UL << Index;

    /// <summary>The value of one dimension, or <see langword="null"/>.</summary>
    public string? Dimension(string name)
    {
        foreach (var (key, value) in Dimensions)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Whether every dimension of this unit is also a dimension of <paramref name="other"/> with the same value.</summary>
    public bool IsAncestorOrSelfOf(UsageUnit other)
    {
        foreach (var (key, value) in Dimensions)
        {
            if (other.Dimension(key) != value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether no dimension of this unit conflicts with one of <paramref name="other"/>.</summary>
    public bool IsCompatibleWith(UsageUnit other)
    {
        foreach (var (key, value) in Dimensions)
        {
            var theirs = other.Dimension(key);
            if (theirs is not null && theirs != value)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => UsageKey;
}

/// <summary>Which side of a request a cost belongs to.</summary>
public enum PriceDirection
{
    /// <summary>Input (prompt) side, cache reads and writes included.</summary>
    Input,

    /// <summary>Output (completion) side, reasoning included.</summary>
    Output,

    /// <summary>Neither: per-request fees, tool calls, durations without a direction.</summary>
    Other,
}

/// <summary>The registry of every <see cref="UsageUnit"/> InferCost can price (the genai-prices unit table).</summary>
public static class UsageUnits
{
    /// <summary>Gets every unit, in registry order; a unit's <see cref="UsageUnit.Index"/> is its position here.</summary>
    public static readonly ImmutableArray<UsageUnit> All = Build();

    private static readonly FrozenDictionary<string, UsageUnit> ByUsageKey = All.ToFrozenDictionary(u => u.UsageKey, StringComparer.Ordinal);
    private static readonly FrozenDictionary<string, UsageUnit> ByPriceKey = All.ToFrozenDictionary(u => u.PriceKey, StringComparer.Ordinal);
    private static readonly FrozenDictionary<string, UsageUnit> JoinByDimensions = All.ToFrozenDictionary(u => DimensionKey(u.Dimensions), StringComparer.Ordinal);

    /// <summary>Gets <c>input_tokens</c>: every input token, cached or not.</summary>
    public static UsageUnit InputTokens => ByUsageKey["input_tokens"];

    /// <summary>Gets <c>output_tokens</c>: every output token, reasoning included.</summary>
    public static UsageUnit OutputTokens => ByUsageKey["output_tokens"];

    /// <summary>Gets <c>cache_read_tokens</c>.</summary>
    public static UsageUnit CacheReadTokens => ByUsageKey["cache_read_tokens"];

    /// <summary>Gets <c>cache_write_tokens</c> (any TTL).</summary>
    public static UsageUnit CacheWriteTokens => ByUsageKey["cache_write_tokens"];

    /// <summary>Gets <c>cache_write_5m_tokens</c>.</summary>
    public static UsageUnit CacheWrite5mTokens => ByUsageKey["cache_write_5m_tokens"];

    /// <summary>Gets <c>cache_write_1h_tokens</c>.</summary>
    public static UsageUnit CacheWrite1hTokens => ByUsageKey["cache_write_1h_tokens"];

    /// <summary>Gets <c>output_reasoning_tokens</c>.</summary>
    public static UsageUnit OutputReasoningTokens => ByUsageKey["output_reasoning_tokens"];

    /// <summary>Gets <c>requests</c>: one per request.</summary>
    public static UsageUnit Requests => ByUsageKey["requests"];

    /// <summary>Gets <c>web_searches</c>.</summary>
    public static UsageUnit WebSearches => ByUsageKey["web_searches"];

    /// <summary>Finds a unit by its usage key (e.g. <c>cache_read_tokens</c>).</summary>
    public static bool TryGetByUsageKey(string usageKey, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out UsageUnit? unit)
        => ByUsageKey.TryGetValue(usageKey, out unit);

    /// <summary>Finds a unit by its price key (e.g. <c>cache_read_mtok</c>).</summary>
    public static bool TryGetByPriceKey(string priceKey, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out UsageUnit? unit)
        => ByPriceKey.TryGetValue(priceKey, out unit);

    /// <summary>The unit whose dimensions are the union of two compatible units' dimensions, if registered.</summary>
    public static UsageUnit? FindJoin(UsageUnit left, UsageUnit right)
    {
        if (!left.IsCompatibleWith(right))
        {
            return null;
        }

        var merged = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in left.Dimensions)
        {
            merged[k] = v;
        }

        foreach (var (k, v) in right.Dimensions)
        {
            merged[k] = v;
        }

        return JoinByDimensions.GetValueOrDefault(DimensionKey(merged));
    }

    private static string DimensionKey(IEnumerable<KeyValuePair<string, string>> dimensions)
        => string.Join(";", dimensions.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key + "=" + d.Value));

    private static ImmutableArray<UsageUnit> Build()
    {
        (string Usage, string Price, decimal Per, (string, string)[] Dims)[] table =
        [
            ("audio_seconds", "audio_hours", 3600m, [("family", "durations"), ("modality", "audio")]),
            ("cache_audio_read_tokens", "cache_audio_read_mtok", 1000000m, [("direction", "input"), ("family", "tokens"), ("modality", "audio"), ("token_type", "cache_read")]),
            ("cache_audio_write_1h_tokens", "cache_audio_write_1h_mtok", 1000000m, [("cache_ttl", "1h"), ("direction", "input"), ("family", "tokens"), ("modality", "audio"), ("token_type", "cache_write")]),
            ("cache_audio_write_5m_tokens", "cache_audio_write_5m_mtok", 1000000m, [("cache_ttl", "5m"), ("direction", "input"), ("family", "tokens"), ("modality", "audio"), ("token_type", "cache_write")]),
            ("cache_audio_write_tokens", "cache_audio_write_mtok", 1000000m, [("direction", "input"), ("family", "tokens"), ("modality", "audio"), ("token_type", "cache_write")]),
            ("cache_image_read_tokens", "cache_image_read_mtok", 1000000m, [("direction", "input"), ("family", "tokens"), ("modality", "image"), ("token_type", "cache_read")]),
            ("cache_image_write_1h_tokens", "cache_image_write_1h_mtok", 1000000m, [("cache_ttl", "1h"), ("direction", "input"), ("family", "tokens"), ("modality", "image"), ("token_type", "cache_write")]),
            ("cache_image_write_5m_tokens", "cache_image_write_5m_mtok", 1000000m, [("cache_ttl", "5m"), ("direction", "input"), ("family", "tokens"), ("modality", "image"), ("token_type", "cache_write")]),
            ("cache_image_write_tokens", "cache_image_write_mtok", 1000000m, [("direction", "input"), ("family", "tokens"), ("modality", "image"), ("token_type", "cache_write")]),
            ("cache_read_tokens", "cache_read_mtok", 1000000m, [("direction", "input"), ("family", "tokens"), ("token_type", "cache_read")]),
            ("cache_text_read_tokens", "cache_text_read_mtok", 1000000m, [("direction", "input"), ("family", "tokens"), ("modality", "text"), ("token_type", "cache_read")]),
            ("cache_text_write_1h_tokens", "cache_text_write_1h_mtok", 1000000m, [("cache_ttl", "1h"), ("direction", "input"), ("family", "tokens"), ("modality", "text"), ("token_type", "cache_write")]),
            ("cache_text_write_5m_tokens", "cache_text_write_5m_mtok", 1000000m, [("cache_ttl", "5m"), ("direction", "input"), ("family", "tokens"), ("modality", "text"), ("token_type", "cache_write")]),
            ("cache_text_write_tokens", "cache_text_write_mtok", 1000000m, [("direction", "input"), ("family", "tokens"), ("modality", "text"), ("token_type", "cache_write")]),
            ("cache_video_read_tokens", "cache_video_read_mtok", 1000000m, [("direction", "input"), ("family", "tokens"), ("modality", "video"), ("token_type", "cache_read")]),
            ("cache_video_write_1h_tokens", "cache_video_write_1h_mtok", 1000000m, [("cache_ttl", "1h"), ("direction", "input"), ("family", "tokens"), ("modality", "video"), ("token_type", "cache_write")]),
            ("cache_video_write_5m_tokens", "cache_video_write_5m_mtok", 1000000m, [("cache_ttl", "5m"), ("direction", "input"), ("family", "tokens"), ("modality", "video"), ("token_type", "cache_write")]),
            ("cache_video_write_tokens", "cache_video_write_mtok", 1000000m, [("direction", "input"), ("family", "tokens"), ("modality", "video"), ("token_type", "cache_write")]),
            ("cache_write_1h_tokens", "cache_write_1h_mtok", 1000000m, [("cache_ttl", "1h"), ("direction", "input"), ("family", "tokens"), ("token_type", "cache_write")]),
            ("cache_write_5m_tokens", "cache_write_5m_mtok", 1000000m, [("cache_ttl", "5m"), ("direction", "input"), ("family", "tokens"), ("token_type", "cache_write")]),
            ("cache_write_tokens", "cache_write_mtok", 1000000m, [("direction", "input"), ("family", "tokens"), ("token_type", "cache_write")]),
            ("code_executions", "code_executions_kcount", 1000m, [("family", "tool_calls"), ("tool_type", "code_execution")]),
            ("input_annotated_document_pages", "input_annotated_document_kpages", 1000m, [("direction", "input"), ("family", "document_pages"), ("page_type", "annotated")]),
            ("input_audio_seconds", "input_audio_hours", 3600m, [("direction", "input"), ("family", "durations"), ("modality", "audio")]),
            ("input_audio_tokens", "input_audio_mtok", 1000000m, [("direction", "input"), ("family", "tokens"), ("modality", "audio")]),
            ("input_audio_tool_tokens", "input_audio_tool_mtok", 1000000m, [("direction", "input"), ("family", "tokens"), ("modality", "audio"), ("token_type", "tool")]),
            ("input_characters", "input_mchars", 1000000m, [("direction", "input"), ("family", "characters")]),
            ("input_document_pages", "input_document_kpages", 1000m, [("direction", "input"), ("family", "document_pages")]),
            ("input_image_tokens", "input_image_mtok", 1000000m, [("direction", "input"), ("family", "tokens"), ("modality", "image")]),
            ("input_image_tool_tokens", "input_image_tool_mtok", 1000000m, [("direction", "input"), ("family", "tokens"), ("modality", "image"), ("token_type", "tool")]),
            ("input_pixels", "input_gpixels", 1000000000m, [("direction", "input"), ("family", "pixels")]),
            ("input_text_messages", "input_text_messages_kcount", 1000m, [("direction", "input"), ("family", "messages"), ("modality", "text")]),
            ("input_text_tokens", "input_text_mtok", 1000000m, [("direction", "input"), ("family", "tokens"), ("modality", "text")]),
            ("input_text_tool_tokens", "input_text_tool_mtok", 1000000m, [("direction", "input"), ("family", "tokens"), ("modality", "text"), ("token_type", "tool")]),
            ("input_tokens", "input_mtok", 1000000m, [("direction", "input"), ("family", "tokens")]),
            ("input_tool_tokens", "input_tool_mtok", 1000000m, [("direction", "input"), ("family", "tokens"), ("token_type", "tool")]),
            ("input_video_tokens", "input_video_mtok", 1000000m, [("direction", "input"), ("family", "tokens"), ("modality", "video")]),
            ("input_video_tool_tokens", "input_video_tool_mtok", 1000000m, [("direction", "input"), ("family", "tokens"), ("modality", "video"), ("token_type", "tool")]),
            ("output_audio_citation_tokens", "output_audio_citation_mtok", 1000000m, [("direction", "output"), ("family", "tokens"), ("modality", "audio"), ("token_type", "citation")]),
            ("output_audio_reasoning_tokens", "output_audio_reasoning_mtok", 1000000m, [("direction", "output"), ("family", "tokens"), ("modality", "audio"), ("token_type", "reasoning")]),
            ("output_audio_seconds", "output_audio_hours", 3600m, [("direction", "output"), ("family", "durations"), ("modality", "audio")]),
            ("output_audio_tokens", "output_audio_mtok", 1000000m, [("direction", "output"), ("family", "tokens"), ("modality", "audio")]),
            ("output_citation_tokens", "output_citation_mtok", 1000000m, [("direction", "output"), ("family", "tokens"), ("token_type", "citation")]),
            ("output_image_citation_tokens", "output_image_citation_mtok", 1000000m, [("direction", "output"), ("family", "tokens"), ("modality", "image"), ("token_type", "citation")]),
            ("output_image_reasoning_tokens", "output_image_reasoning_mtok", 1000000m, [("direction", "output"), ("family", "tokens"), ("modality", "image"), ("token_type", "reasoning")]),
            ("output_image_tokens", "output_image_mtok", 1000000m, [("direction", "output"), ("family", "tokens"), ("modality", "image")]),
            ("output_reasoning_tokens", "output_reasoning_mtok", 1000000m, [("direction", "output"), ("family", "tokens"), ("token_type", "reasoning")]),
            ("output_text_citation_tokens", "output_text_citation_mtok", 1000000m, [("direction", "output"), ("family", "tokens"), ("modality", "text"), ("token_type", "citation")]),
            ("output_text_reasoning_tokens", "output_text_reasoning_mtok", 1000000m, [("direction", "output"), ("family", "tokens"), ("modality", "text"), ("token_type", "reasoning")]),
            ("output_text_tokens", "output_text_mtok", 1000000m, [("direction", "output"), ("family", "tokens"), ("modality", "text")]),
            ("output_tokens", "output_mtok", 1000000m, [("direction", "output"), ("family", "tokens")]),
            ("output_video_citation_tokens", "output_video_citation_mtok", 1000000m, [("direction", "output"), ("family", "tokens"), ("modality", "video"), ("token_type", "citation")]),
            ("output_video_reasoning_tokens", "output_video_reasoning_mtok", 1000000m, [("direction", "output"), ("family", "tokens"), ("modality", "video"), ("token_type", "reasoning")]),
            ("output_video_tokens", "output_video_mtok", 1000000m, [("direction", "output"), ("family", "tokens"), ("modality", "video")]),
            ("requests", "requests_kcount", 1000m, [("family", "requests")]),
            ("rerank_searches", "rerank_searches_kcount", 1000m, [("family", "rerank")]),
            ("social_searches", "social_searches_kcount", 1000m, [("family", "tool_calls"), ("tool_type", "social_search")]),
            ("storage_searches", "storage_searches_kcount", 1000m, [("family", "tool_calls"), ("tool_type", "storage_search")]),
            ("web_searches", "web_searches_kcount", 1000m, [("family", "tool_calls"), ("tool_type", "web_search")]),        ];
        var units = table
            .Select((t, i) => new UsageUnit(i, t.Usage, t.Price, t.Per, [.. t.Dims.Select(d => KeyValuePair.Create(d.Item1, d.Item2))]))
            .ToImmutableArray();
        foreach (var unit in units)
        {
            foreach (var other in units)
            {
                if (other != unit && other.IsAncestorOrSelfOf(unit))
                {
                    unit.AncestorMask |= other.Bit;
                    other.DescendantMask |= unit.Bit;
                }
            }
        }

        return units;
    }
}
