namespace InferCost.UsageAnalytics;

/// <summary>
/// The prices of one alternative for requests whose input tokens fall in one long-context band, per token (or per
/// call / request) and per exclusive usage bucket, with the what-ifs already applied. The rows of the VALUES table
/// that SQL pushdown joins against.
/// </summary>
/// <param name="Alternative">The alternative's <c>provider/model</c>.</param>
/// <param name="AboveInputTokens">The band holds requests with more input tokens than this (-1 for the first band).</param>
/// <param name="UpToInputTokens">The band holds requests with at most this many input tokens (<see langword="null"/>: no limit).</param>
/// <param name="List">Per-unit prices for records that did not run as batches.</param>
/// <param name="Batch">Per-unit prices for records that ran as batches.</param>
public sealed record PriceBand(string Alternative, long AboveInputTokens, long? UpToInputTokens, BucketPrices List, BucketPrices Batch);

/// <summary>
/// Prices per exclusive usage bucket: uncached input, cache reads, 5-minute and 1-hour cache writes, non-reasoning
/// output and reasoning tokens (per token), web searches (per call) and requests (per request).
/// </summary>
/// <param name="Uncached">Per uncached input token.</param>
/// <param name="CacheRead">Per cache-read token.</param>
/// <param name="CacheWrite5m">Per 5-minute cache-write token.</param>
/// <param name="CacheWrite1h">Per 1-hour cache-write token.</param>
/// <param name="Output">Per output token that is not reasoning.</param>
/// <param name="Reasoning">Per reasoning token.</param>
/// <param name="WebSearch">Per web search call.</param>
/// <param name="Request">Per request.</param>
public readonly record struct BucketPrices(decimal Uncached, decimal CacheRead, decimal CacheWrite5m, decimal CacheWrite1h, decimal Output, decimal Reasoning, decimal WebSearch, decimal Request);
