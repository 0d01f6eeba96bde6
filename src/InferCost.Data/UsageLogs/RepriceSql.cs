using System.Globalization;
using System.Text;
using InferCost.Errors;
using InferCost.UsageAnalytics;

namespace InferCost.Data.UsageLogs;

/// <summary>The SQL dialects re-pricing can be pushed down to.</summary>
public enum SqlDialect
{
    /// <summary>DuckDB (a store file, or Parquet folders read in place).</summary>
    DuckDb,

    /// <summary>PostgreSQL.</summary>
    Postgres,
}

/// <summary>
/// Writes re-pricing as one SQL query that runs where the logs live: the alternatives' prices as a VALUES table (one
/// row per alternative and long-context band, list and batch prices per usage bucket, what-ifs folded in), joined to
/// the usage rows by input tokens. Exact: prices are DECIMAL(38,18) per token, products and sums stay decimal.
/// </summary>
/// <remarks>
/// The source must have the columns of <see cref="UsageStore.Schema"/> that re-pricing reads: <c>time</c>,
/// <c>user_id</c>, <c>feature</c>, <c>model</c>, <c>priced_as</c>, <c>input</c>, <c>cache_read</c>, <c>cache_write_5m</c>, <c>cache_write_1h</c>,
/// <c>output</c>, <c>reasoning</c>, <c>web_searches</c>, <c>requests</c>, <c>batch</c> and <c>cost</c>.
/// </remarks>
public static class RepriceSql
{
    private const int Scale = 18;

    /// <summary>The DuckDB source that reads a folder of (hive-partitioned) Parquet files in place.</summary>
    public static string ParquetSource(string folder)
        => "read_parquet(" + SqlText.Literal(Path.Combine(folder, "**", "*.parquet")) + ", hive_partitioning = true, union_by_name = true)";

    /// <summary>
    /// The query: one row per alternative (and per group when <paramref name="by"/> is given) with records,
    /// current_cost, cost, savings, stays_records, stays_requests and stays_cost. A call the alternative cannot take
    /// (an embedding on a text model or the reverse, or a prompt over its context window) stays: it counts at its
    /// recorded cost, exactly as <see cref="RepriceAccumulator"/> counts it.
    /// </summary>
    /// <param name="dialect">Where it will run.</param>
    /// <param name="targets">The alternatives.</param>
    /// <param name="options">The what-ifs.</param>
    /// <param name="source">A table name or table expression (default <c>usage_records</c>).</param>
    /// <param name="query">The time range.</param>
    /// <param name="by">Group by <c>user</c>, <c>feature</c> or <c>model</c> (dated versions under their model) as well, or <see langword="null"/>.</param>
    /// <param name="embeddingModels">The <c>provider/model</c> ids of embedding models: a row whose <c>priced_as</c> is one is an embedding call.</param>
    /// <exception cref="InferCostException">A price needs more than 18 decimals per token.</exception>
    public static string Generate(SqlDialect dialect, IReadOnlyList<RepriceTarget> targets, RepriceOptions options, string source = "usage_records", UsageQuery? query = null, ReportDimension? by = null,
        IReadOnlySet<string>? embeddingModels = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"-- InferCost re-pricing ({dialect}): {targets.Count} alternative(s); prices per token, DECIMAL(38,{Scale}).");
        sb.AppendLine("WITH prices (alternative, above_input, up_to_input,");
        sb.AppendLine("    p_uncached, p_cache_read, p_cache_write_5m, p_cache_write_1h, p_output, p_reasoning,");
        sb.AppendLine("    b_uncached, b_cache_read, b_cache_write_5m, b_cache_write_1h, b_output, b_reasoning,");
        sb.AppendLine("    p_web_search, p_request, context_window, modality) AS (");
        sb.AppendLine("  VALUES");
        var rows = targets.SelectMany(t => PriceBands.For(t, options).Select(band => (Target: t, Band: band))).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            var (target, band) = rows[i];
            var (l, b) = (band.List, band.Batch);
            sb.Append("    (").Append(SqlText.Literal(band.Alternative)).Append(", ")
                .Append(Int(band.AboveInputTokens)).Append(", ")
                .Append(band.UpToInputTokens is { } up ? Int(up) : "CAST(NULL AS BIGINT)");
            foreach (var price in new[] { l.Uncached, l.CacheRead, l.CacheWrite5m, l.CacheWrite1h, l.Output, l.Reasoning, b.Uncached, b.CacheRead, b.CacheWrite5m, b.CacheWrite1h, b.Output, b.Reasoning, l.WebSearch, l.Request })
            {
                sb.Append(", ").Append(Price(price, band.Alternative));
            }

            sb.Append(", ").Append(target.ContextWindow is { } window ? Int(window) : "CAST(NULL AS BIGINT)")
                .Append(", ").Append(SqlText.Literal(Modality(target.Modality)));
            sb.AppendLine(i == rows.Count - 1 ? ")" : "),");
        }

        sb.AppendLine("),");
        var cacheRead = options.CacheHit is { } r ? $"CAST(FLOOR(input * {Dec(r)}) AS BIGINT)" : "cache_read";
        var embeddings = (embeddingModels ?? new HashSet<string>()).Order(StringComparer.Ordinal).ToList();
        var modality = embeddings.Count == 0
            ? "'text'"
            : "CASE WHEN priced_as IN (" + string.Join(", ", embeddings.Select(SqlText.Literal)) + ") THEN 'embedding' ELSE 'text' END";
        sb.AppendLine("adjusted AS (");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  SELECT user_id, feature, model, {modality} AS modality, cost, input, {cacheRead} AS cache_read, cache_write_5m, cache_write_1h, output, reasoning, web_searches, requests, batch");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  FROM {source}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  WHERE {(query ?? UsageQuery.All).WhereSql()}");
        sb.AppendLine("),");
        if (options.CacheHit is not null)
        {
            // Cache writes are kept where they still fit beside the what-if cache reads.
            sb.AppendLine("usage_rows AS (");
            sb.AppendLine("  SELECT user_id, feature, model, modality, cost, input, cache_read, w5 AS cache_write_5m, LEAST(cache_write_1h, input - cache_read - w5) AS cache_write_1h, output, reasoning, web_searches, requests, batch");
            sb.AppendLine("  FROM (SELECT *, LEAST(cache_write_5m, input - cache_read) AS w5 FROM adjusted) a");
            sb.AppendLine("),");
        }
        else
        {
            sb.AppendLine("usage_rows AS (SELECT * FROM adjusted),");
        }

        var group = by switch
        {
            null => null,
            ReportDimension.User => "COALESCE(u.user_id, '(none)')",
            ReportDimension.Feature => "COALESCE(u.feature, '(none)')",

            // ModelNames.Family: the name before a Vertex '@version', less a trailing -YYYY-MM-DD or -YYYYMMDD.
            ReportDimension.Model => "regexp_replace(CASE WHEN strpos(u.model, '@') > 1 THEN split_part(u.model, '@', 1) ELSE u.model END, '-([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{8})$', '')",
            _ => throw new InferCostException("SQL re-pricing groups by user, feature or model only."),
        };
        sb.AppendLine("priced AS (");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  SELECT p.alternative{(group is null ? string.Empty : ", " + group + " AS grp")}, u.cost AS current_cost, u.requests,");
        sb.AppendLine("    (u.modality <> p.modality OR (p.context_window IS NOT NULL AND u.input > p.context_window)) AS stays,");
        sb.AppendLine("    CASE WHEN u.batch THEN");
        sb.AppendLine("      (u.input - u.cache_read - u.cache_write_5m - u.cache_write_1h) * p.b_uncached + u.cache_read * p.b_cache_read + u.cache_write_5m * p.b_cache_write_5m");
        sb.AppendLine("      + u.cache_write_1h * p.b_cache_write_1h + (u.output - u.reasoning) * p.b_output + u.reasoning * p.b_reasoning");
        sb.AppendLine("    ELSE");
        sb.AppendLine("      (u.input - u.cache_read - u.cache_write_5m - u.cache_write_1h) * p.p_uncached + u.cache_read * p.p_cache_read + u.cache_write_5m * p.p_cache_write_5m");
        sb.AppendLine("      + u.cache_write_1h * p.p_cache_write_1h + (u.output - u.reasoning) * p.p_output + u.reasoning * p.p_reasoning");
        sb.AppendLine("    END + u.web_searches * p.p_web_search + u.requests * p.p_request AS moved_cost");
        sb.AppendLine("  FROM usage_rows u JOIN prices p ON u.input > p.above_input AND (p.up_to_input IS NULL OR u.input <= p.up_to_input)");
        sb.AppendLine(")");
        var groupColumn = group is null ? string.Empty : ", grp";
        sb.AppendLine(CultureInfo.InvariantCulture, $"SELECT alternative{groupColumn}, COUNT(*) AS records, SUM(current_cost) AS current_cost,");
        sb.AppendLine("  SUM(CASE WHEN stays THEN current_cost ELSE moved_cost END) AS cost,");
        sb.AppendLine("  SUM(current_cost) - SUM(CASE WHEN stays THEN current_cost ELSE moved_cost END) AS savings,");
        sb.AppendLine("  CAST(SUM(CASE WHEN stays THEN 1 ELSE 0 END) AS BIGINT) AS stays_records, CAST(SUM(CASE WHEN stays THEN requests ELSE 0 END) AS BIGINT) AS stays_requests,");
        sb.AppendLine("  COALESCE(SUM(CASE WHEN stays THEN current_cost END), 0) AS stays_cost");
        sb.AppendLine("FROM priced");
        sb.AppendLine(CultureInfo.InvariantCulture, $"GROUP BY alternative{groupColumn}");
        sb.Append(CultureInfo.InvariantCulture, $"ORDER BY alternative{groupColumn};");
        return sb.ToString();
    }

    private static string Modality(ModelModality modality) => modality switch
    {
        ModelModality.Embedding => "embedding",
        ModelModality.Other => "other",
        _ => "text",
    };

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Dec(decimal value) => "CAST(" + SqlText.Literal(value.ToString(CultureInfo.InvariantCulture)) + " AS DECIMAL(38," + Scale.ToString(CultureInfo.InvariantCulture) + "))";

    private static string Price(decimal value, string alternative)
    {
        if (decimal.Round(value, Scale) != value)
        {
            throw new InferCostException($"A price of {alternative} ({value} per unit) needs more than {Scale} decimals; SQL pushdown would round it.");
        }

        return Dec(value);
    }
}
