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
/// <param name="Model">The model most calls used, as logged.</param>
/// <param name="Provider">The provider of those calls when the log named it, else <see langword="null"/>.</param>
/// <param name="VisibleOutputTokensPerCall">Output tokens per call less reasoning (what the scenario calls output).</param>
/// <param name="ReasoningShare">Share of output tokens that were reasoning.</param>
/// <param name="StepGapSeconds">Median seconds between consecutive calls of a session (0 when no session had two calls).</param>
public sealed record FittedSegment(
    string Name,
    long Users,
    double Share,
    LogNormalFit SessionsPerMonth,
    LogNormalFit StepsPerSession,
    LogNormalFit InputTokensPerCall,
    LogNormalFit OutputTokensPerCall,
    double CacheReadShare,
    string Model,
    string? Provider,
    LogNormalFit VisibleOutputTokensPerCall,
    double ReasoningShare,
    double StepGapSeconds);
