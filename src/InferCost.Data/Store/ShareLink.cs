namespace InferCost.Data.Store;

/// <summary>A short code that stands for a page address (path and query).</summary>
/// <param name="Code">The short code (in <c>/s/{code}</c>).</param>
/// <param name="Target">The page's path and query, e.g. <c>/pnl?users=10</c>.</param>
/// <param name="CreatedAt">When the code was made (UTC).</param>
public sealed record ShareLink(string Code, string Target, DateTimeOffset CreatedAt);
