using System.Collections.Immutable;

namespace InferCost.UsageAnalytics;

/// <summary>
/// Usage and cost of one group of records (one user, feature, model, provider or day), or of all of them. Counts
/// are sums of whole numbers held in <see cref="decimal"/> so that no sum can overflow.
/// </summary>
/// <param name="Key">The group (a user id, a day <c>yyyy-MM-dd</c>…; <c>(none)</c> when the log did not say; <c>total</c> for totals).</param>
/// <param name="Records">How many records.</param>
/// <param name="Requests">How many requests they stand for.</param>
/// <param name="InputTokens">Input tokens, cache included.</param>
/// <param name="CacheReadTokens">Cache-read tokens.</param>
/// <param name="CacheWriteTokens">Cache-write tokens (5-minute and 1-hour).</param>
/// <param name="OutputTokens">Output tokens, reasoning included.</param>
/// <param name="ReasoningTokens">Reasoning tokens.</param>
/// <param name="WebSearches">Web search calls.</param>
/// <param name="Cost">Exact cost in USD.</param>
/// <param name="ListCost">Exact cost at list prices (no batch discount).</param>
public sealed record UsageReportRow(
    string Key,
    long Records,
    decimal Requests,
    decimal InputTokens,
    decimal CacheReadTokens,
    decimal CacheWriteTokens,
    decimal OutputTokens,
    decimal ReasoningTokens,
    decimal WebSearches,
    decimal Cost,
    decimal ListCost)
{
    /// <summary>Gets the cost per request (0 when none).</summary>
    public decimal CostPerRequest => Requests == 0 ? 0m : Cost / Requests;
}

/// <summary>A usage report: totals and cost per group for a time range.</summary>
/// <param name="By">The dimension the rows group by.</param>
/// <param name="From">The first instant included, if bounded.</param>
/// <param name="To">The first instant excluded, if bounded.</param>
/// <param name="Totals">Everything in range (not only the rows shown).</param>
/// <param name="Rows">The groups, most expensive first (at most the top N asked for).</param>
/// <param name="OtherGroups">How many groups were left out by the top-N limit.</param>
public sealed record UsageReport(ReportDimension By, DateTimeOffset? From, DateTimeOffset? To, UsageReportRow Totals, ImmutableArray<UsageReportRow> Rows, long OtherGroups);
