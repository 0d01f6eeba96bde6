namespace InferCost.UsageAnalytics;

/// <summary>One segment of traffic fitted from logs: its share of users and the distributions the simulation draws from.</summary>
/// <param name="Name">The segment (the feature, or <c>default</c>).</param>
/// <param name="Users">Distinct users seen in the segment.</param>
/// <param name="Share">The segment's share of users (segments sum to 1).</param>
/// <param name="SessionsPerMonth">Sessions per user per 30 days.</param>
/// <param name="StepsPerSession">Calls per session.</param>
/// <param name="InputTokensPerCall">Input tokens per call, cache included.</param>
/// <param name="OutputTokensPerCall">Output tokens per call, reasoning included.</param>
/// <param name="CacheReadShare">Share of input tokens read from cache.</param>
/// <param name="Model">The model most calls used (<c>provider/model</c> when the provider was logged).</param>
public sealed record FittedSegment(
    string Name,
    long Users,
    double Share,
    LogNormalFit SessionsPerMonth,
    LogNormalFit StepsPerSession,
    LogNormalFit InputTokensPerCall,
    LogNormalFit OutputTokensPerCall,
    double CacheReadShare,
    string Model);
