using System.Collections.Immutable;
using System.Text.Json.Serialization;
using InferCost.UsageAnalytics;

namespace InferCost.Application.Usage;

/// <summary>One group's totals in a usage report.</summary>
public sealed record UsageRow(string Key, long Records, decimal Requests, decimal InputTokens, decimal CacheReadTokens, decimal CacheWriteTokens, decimal OutputTokens,
    decimal ReasoningTokens, decimal WebSearches, decimal Cost, decimal ListCost, decimal CostPerRequest)
{
    /// <summary>The row of a store report row (costs without trailing zeros, cost per request to 12 places).</summary>
    public static UsageRow Of(UsageReportRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Key, r.Records, r.Requests, r.InputTokens, r.CacheReadTokens, r.CacheWriteTokens, r.OutputTokens, r.ReasoningTokens, r.WebSearches,
            Decimals.Normalize(r.Cost), Decimals.Normalize(r.ListCost), Decimals.Normalize(decimal.Round(r.CostPerRequest, 12)));
    }
}

/// <summary>Cost and usage by group (<c>infercost usage report --json</c>).</summary>
public sealed record UsageReportResult(string By, DateTimeOffset? From, DateTimeOffset? To, UsageRow Totals, IReadOnlyList<UsageRow> Rows, long OtherGroups);

/// <summary>A user or feature whose traffic drives an alternative's savings.</summary>
public sealed record SavingsDriverRow(string Key, decimal CurrentCost, decimal Cost, decimal Savings)
{
    /// <summary>The row of a Core driver.</summary>
    public static SavingsDriverRow Of(SavingsDriver d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Key, Decimals.Normalize(d.CurrentCost), Decimals.Normalize(d.Cost), Decimals.Normalize(d.Savings));
    }
}

/// <summary>The traffic priced on one alternative.</summary>
public sealed record RepricedAlternative(string Model, decimal Cost, decimal CurrentCost, decimal Savings, decimal SavingsShare, decimal Efficiency,
    IReadOnlyList<SavingsDriverRow> TopUsers, IReadOnlyList<SavingsDriverRow> TopFeatures)
{
    /// <summary>Gets the records priced (the CSV's column; not part of the JSON).</summary>
    [JsonIgnore]
    public long Records { get; init; }

    /// <summary>Gets the recorded models (dated versions under their model) whose traffic drives the savings most.</summary>
    public IReadOnlyList<SavingsDriverRow> TopModels { get; init; } = [];

    /// <summary>Gets the requests that cannot move to the alternative (counted at their recorded cost, never as savings).</summary>
    public long StaysRequests { get; init; }

    /// <summary>Gets the records that stay.</summary>
    public long StaysRecords { get; init; }

    /// <summary>Gets what the calls that stay cost as recorded (part of <see cref="Cost"/>).</summary>
    public decimal StaysCost { get; init; }

    /// <summary>Gets the records that stay because their prompt exceeds the alternative's context window.</summary>
    public long StaysOverContext { get; init; }

    /// <summary>Gets the records that stay because the alternative serves another kind of call (embeddings move only to embedding models).</summary>
    public long StaysOtherModality { get; init; }

    /// <summary>Gets the alternative's context window in tokens, when the catalog knows it.</summary>
    public long? ContextWindow { get; init; }
}

/// <summary>The same traffic on each alternative (<c>infercost usage reprice --json</c>).</summary>
public sealed record UsageRepriceResult(long Records, decimal CurrentCost, DateTimeOffset PricedAt, decimal? CacheHit, decimal? BatchShare, IReadOnlyList<RepricedAlternative> Alternatives);

/// <summary>Segments fitted from the logs (<c>infercost usage fit --json</c>).</summary>
/// <param name="Out">The scenario file written (set by the caller that writes it).</param>
/// <param name="Records">The records read.</param>
/// <param name="Segments">The fitted segments.</param>
public sealed record UsageFitResult(string? Out, long Records, ImmutableArray<FittedSegment> Segments)
{
    /// <summary>Gets the scenario YAML (not part of the JSON).</summary>
    [JsonIgnore]
    public string Yaml { get; init; } = "";
}

/// <summary>One UTC day's cost, in total and per series.</summary>
/// <param name="Day">The UTC day.</param>
/// <param name="Cost">The day's cost, every series together.</param>
/// <param name="Costs">The cost of each series, in the order of <see cref="UsageDailyResult.Series"/>.</param>
public sealed record UsageDayRow(DateOnly Day, decimal Cost, IReadOnlyList<decimal> Costs);

/// <summary>Cost per UTC day split by a dimension (<c>/api/v1/usage/daily</c>).</summary>
/// <param name="By">The split: user, feature, model or provider.</param>
/// <param name="Series">The keys shown, costliest first; <c>(other)</c> last when more were left out.</param>
/// <param name="Days">Every day with usage, in order.</param>
public sealed record UsageDailyResult(string By, IReadOnlyList<string> Series, IReadOnlyList<UsageDayRow> Days)
{
    /// <summary>The series the keys beyond the top ones add up in.</summary>
    public const string Other = "(other)";
}
