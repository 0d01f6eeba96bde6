using System.Collections.Immutable;
using System.Globalization;
using InferCost.Application.Validation;
using InferCost.Errors;

namespace InferCost.Application.Usage;

/// <summary>A time range of usage: from (included) to (excluded), ISO 8601 dates or times, UTC.</summary>
public sealed record UsageRange
{
    /// <summary>Gets the first instant included (null: the beginning).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Gets the first instant excluded (null: the end).</summary>
    public DateTimeOffset? To { get; init; }
}

/// <summary><c>infercost usage report</c>: cost and usage totals per user, feature, model, provider or day.</summary>
public sealed record UsageReportRequest : IValidatable
{
    /// <summary>The groupings <see cref="By"/> accepts.</summary>
    public static readonly IReadOnlyList<string> Dimensions = ["user", "feature", "model", "provider", "day"];

    /// <summary>Gets the grouping: user, feature, model, provider or day.</summary>
    public string By { get; init; } = "feature";

    /// <summary>Gets the time range.</summary>
    public UsageRange Range { get; init; } = new();

    /// <summary>Gets the rows returned (most expensive first; days in order).</summary>
    public int Top { get; init; } = 20;

    /// <inheritdoc/>
    public IReadOnlyList<FieldError> Validate() => new Validator()
        .Check(!Dimensions.Contains(By), "by", $"--by must be one of {string.Join(", ", Dimensions)} (got '{By}')")
        .Check(Top <= 0, "top", "--top must be positive")
        .Errors;
}

/// <summary><c>infercost usage reprice</c>: the same traffic priced on each alternative model.</summary>
public sealed record UsageRepriceRequest : IValidatable
{
    /// <summary>Gets the alternative models: model or provider/model.</summary>
    public IReadOnlyList<string> To { get; init; } = [];

    /// <summary>Gets the what-if share (0–1) of input tokens read from cache on the alternatives.</summary>
    public decimal? CacheHit { get; init; }

    /// <summary>Gets the what-if share (0–1) of traffic sent through batch APIs.</summary>
    public decimal? BatchShare { get; init; }

    /// <summary>Gets the output-token factor per model (0.8 = 20 % fewer output tokens).</summary>
    public IReadOnlyDictionary<string, decimal> Efficiency { get; init; } = new Dictionary<string, decimal>();

    /// <summary>Gets the instant whose prices the alternatives are priced at (null: now).</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>Gets the traffic's time range.</summary>
    public UsageRange Range { get; init; } = new();

    /// <summary>Gets the users and features shown per alternative.</summary>
    public int Top { get; init; } = 5;

    /// <summary>Parses output-token factors given as <c>model=factor</c> (each item may hold several, comma-separated).</summary>
    /// <exception cref="InferCostException">An item is not <c>model=factor</c> with a positive factor.</exception>
    public static ImmutableDictionary<string, decimal> ParseEfficiency(IEnumerable<string> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var map = ImmutableDictionary.CreateBuilder<string, decimal>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in pairs.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var eq = pair.LastIndexOf('=');
            if (eq <= 0 || !decimal.TryParse(pair[(eq + 1)..], NumberStyles.Number, CultureInfo.InvariantCulture, out var factor) || factor <= 0)
            {
                throw new InferCostException($"--efficiency: expected model=factor with a positive factor (e.g. gpt-4o-mini=0.8), got '{pair}'");
            }

            map[pair[..eq]] = factor;
        }

        return map.ToImmutable();
    }

    /// <inheritdoc/>
    public IReadOnlyList<FieldError> Validate() => new Validator()
        .Check(To.Count == 0, "to", "--to: name at least one model")
        .Check(CacheHit is < 0 or > 1, "cache_hit", "The cache hit rate must be between 0 and 1.")
        .Check(BatchShare is < 0 or > 1, "batch_share", "The batch share must be between 0 and 1.")
        .Check(Efficiency.Values.Any(f => f <= 0), "efficiency", "Efficiency factors must be positive.")
        .Check(Top < 0, "top", "--top must not be negative")
        .Errors;
}

/// <summary><c>infercost usage fit</c>: per-segment distributions fitted from the logs, as a scenario.</summary>
public sealed record UsageFitRequest : IValidatable
{
    /// <summary>Gets the time range.</summary>
    public UsageRange Range { get; init; } = new();

    /// <summary>Gets the minutes of inactivity that end a session.</summary>
    public int SessionGapMinutes { get; init; } = 30;

    /// <inheritdoc/>
    public IReadOnlyList<FieldError> Validate() => new Validator()
        .Check(SessionGapMinutes <= 0, "session_gap", "--session-gap must be positive")
        .Errors;
}

/// <summary>Cost per UTC day split by user, feature, model or provider (the usage page's stacked chart; <c>/api/v1/usage/daily</c>).</summary>
public sealed record UsageDailyRequest : IValidatable
{
    /// <summary>The splits <see cref="By"/> accepts.</summary>
    public static readonly IReadOnlyList<string> Dimensions = ["user", "feature", "model", "provider"];

    /// <summary>Gets the split: user, feature, model or provider.</summary>
    public string By { get; init; } = "model";

    /// <summary>Gets the time range.</summary>
    public UsageRange Range { get; init; } = new();

    /// <summary>Gets the most series shown (costliest first); the rest add up as <c>(other)</c>.</summary>
    public int Top { get; init; } = 8;

    /// <inheritdoc/>
    public IReadOnlyList<FieldError> Validate() => new Validator()
        .Check(!Dimensions.Contains(By), "by", $"by must be one of {string.Join(", ", Dimensions)} (got '{By}')")
        .Check(Top <= 0, "top", "top must be positive")
        .Errors;
}
