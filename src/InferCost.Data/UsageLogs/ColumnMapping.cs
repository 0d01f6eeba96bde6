using System.Collections.Immutable;
using InferCost.Errors;

namespace InferCost.Data.UsageLogs;

/// <summary>
/// Which column of a CSV or Parquet file holds each usage field. Fields: <c>time</c>, <c>request_id</c>, <c>user</c>,
/// <c>feature</c>, <c>provider</c>, <c>model</c>, <c>input_tokens</c> (cache included), <c>cache_read_tokens</c>,
/// <c>cache_write_5m_tokens</c>, <c>cache_write_1h_tokens</c>, <c>output_tokens</c> (reasoning included),
/// <c>reasoning_tokens</c>, <c>web_searches</c>, <c>requests</c>, <c>batch</c>. By default each field is read from the
/// column of the same name; <c>time</c>, <c>model</c> and <c>input_tokens</c> or <c>output_tokens</c> are required.
/// </summary>
public sealed record ColumnMapping
{
    /// <summary>The fields a mapping can name.</summary>
    public static readonly ImmutableArray<string> Fields =
        ["time", "request_id", "user", "feature", "provider", "model", "input_tokens", "cache_read_tokens", "cache_write_5m_tokens", "cache_write_1h_tokens", "output_tokens", "reasoning_tokens", "web_searches", "requests", "batch"];

    /// <summary>Gets the identity mapping (each field from the column of the same name).</summary>
    public static ColumnMapping Default { get; } = new();

    /// <summary>Gets the column for each field that is not read from the column of its own name.</summary>
    public ImmutableDictionary<string, string> Columns { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The column that holds <paramref name="field"/>.</summary>
    public string ColumnOf(string field) => Columns.GetValueOrDefault(field, field);

    /// <summary>Parses <c>field=column</c> pairs (e.g. <c>input_tokens=prompt_tokens</c>).</summary>
    /// <exception cref="InferCostException">A pair is malformed or names an unknown field.</exception>
    public static ColumnMapping Parse(IEnumerable<string> pairs)
    {
        var columns = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == pair.Length - 1)
            {
                throw new InferCostException($"Invalid column mapping '{pair}': expected field=column, e.g. input_tokens=prompt_tokens.");
            }

            var field = pair[..eq].Trim();
            if (!Fields.Contains(field))
            {
                throw new InferCostException($"Unknown field '{field}' in column mapping. Fields: {string.Join(", ", Fields)}.");
            }

            columns[field] = pair[(eq + 1)..].Trim();
        }

        return new ColumnMapping { Columns = columns.ToImmutable() };
    }
}
