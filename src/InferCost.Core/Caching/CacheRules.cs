using InferCost.Workloads;

namespace InferCost.Caching;

/// <summary>
/// A provider's prompt-caching rules: mode, time to live (refreshed on every hit), minimum cacheable prefix, and the
/// write premium used when the rate card lists no cache-write price.
/// </summary>
public sealed record CacheRules
{
    /// <summary>Gets rules that never cache.</summary>
    public static CacheRules Off { get; } = new() { Mode = CacheMode.None, TtlSeconds = 0, MinCacheableTokens = double.PositiveInfinity };

    /// <summary>Gets the mode.</summary>
    public required CacheMode Mode { get; init; }

    /// <summary>Gets how long an unused prefix stays cached, in seconds.</summary>
    public required double TtlSeconds { get; init; }

    /// <summary>Gets the shortest prefix the provider caches, in tokens.</summary>
    public required double MinCacheableTokens { get; init; }

    /// <summary>Gets the write price as a multiple of the input price when the rate card has none (Anthropic 1.25 or 2; others 1).</summary>
    public double WritePremium { get; init; } = 1.0;

    /// <summary>Gets whether writes use the 1-hour cache-write price.</summary>
    public bool OneHourWrites { get; init; }

    /// <summary>Gets whether the fixed prefix lives in an explicit cache billed for storage per token-hour (Gemini explicit caches).</summary>
    public bool ExplicitStorage { get; init; }

    /// <summary>
    /// Gets the requests per minute per prefix above which the provider spreads requests over more machines, so that
    /// the overflow loses its cache (OpenAI: "If requests for the same prefix exceed about 15 requests per minute, some
    /// may overflow and get routed to additional machines, reducing cache effectiveness",
    /// https://platform.openai.com/docs/guides/prompt-caching, read 2026-11); <see langword="null"/> when none is stated.
    /// </summary>
    public double? OverflowAbovePerMinute { get; init; }

    /// <summary>
    /// The hit rate of a prefix requested at <paramref name="ratePerSecond"/>: the Poisson TTL model, and above
    /// <see cref="OverflowAbovePerMinute"/> the overflow share of requests hits at <paramref name="overflowHitRate"/>.
    /// </summary>
    public double PrefixHitRate(double ratePerSecond, double overflowHitRate)
    {
        var hit = CacheHitModel.PoissonHitProbability(ratePerSecond, TtlSeconds);
        if (OverflowAbovePerMinute is { } limit && ratePerSecond * 60 > limit)
        {
            var overflow = 1 - (limit / (ratePerSecond * 60));
            hit = ((1 - overflow) * hit) + (overflow * Math.Min(hit, overflowHitRate));
        }

        return hit;
    }

    /// <summary>
    /// The rules for a provider under a scenario's settings. OpenAI and most others: automatic, 5–10 min (5 used),
    /// 1,024 tokens. Anthropic: explicit breakpoints, 5 min at 1.25× writes or 1 h at 2×, 1,024 tokens (2,048 for
    /// Haiku). Google: implicit, 5 min, 1,024 tokens; with <see cref="CachingSettings.ExplicitCache"/> the prefix is
    /// held in an explicit cache billed for storage.
    /// </summary>
    public static CacheRules For(string providerId, string modelId, CachingSettings settings)
    {
        if (!settings.Enabled)
        {
            return Off;
        }

        var provider = providerId.ToLowerInvariant();
        var ttl = (settings.TtlMinutes ?? (settings.Extended ? 60 : 5)) * 60;
        if (provider.Contains("anthropic", StringComparison.Ordinal) || modelId.StartsWith("claude", StringComparison.OrdinalIgnoreCase))
        {
            var oneHour = settings.Extended || settings.TtlMinutes > 5;
            return new CacheRules
            {
                Mode = CacheMode.ExplicitBreakpoints,
                TtlSeconds = ttl,
                MinCacheableTokens = modelId.Contains("haiku", StringComparison.OrdinalIgnoreCase) ? 2048 : 1024,
                WritePremium = oneHour ? 2.0 : 1.25,
                OneHourWrites = oneHour,
            };
        }

        if (provider.StartsWith("google", StringComparison.Ordinal) || provider.Contains("gemini", StringComparison.Ordinal) || modelId.StartsWith("gemini", StringComparison.OrdinalIgnoreCase))
        {
            return new CacheRules
            {
                Mode = CacheMode.Implicit,
                TtlSeconds = ttl,
                MinCacheableTokens = modelId.Contains("pro", StringComparison.OrdinalIgnoreCase) ? 4096 : 1024,
                ExplicitStorage = settings.ExplicitCache,
            };
        }

        return new CacheRules
        {
            Mode = CacheMode.Automatic,
            TtlSeconds = ttl,
            MinCacheableTokens = 1024,
            OverflowAbovePerMinute = provider.Contains("openai", StringComparison.Ordinal) || provider.Contains("azure", StringComparison.Ordinal) ? 15 : null,
        };
    }
}
