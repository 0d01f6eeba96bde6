namespace InferCost.Data.Scenarios;

/// <summary>
/// The ranges a scenario file's numbers must lie in (docs/scenarios.md lists them). They keep every sample and every
/// sum finite and every run bounded: a value outside its range is bad input, reported by <c>scenario check</c>.
/// </summary>
public static class ScenarioBounds
{
    /// <summary>The most users a scenario may start with.</summary>
    public const long MaxUsers = 100_000_000;

    /// <summary>The most tokens in one call's input, output, tool results, prefix, summary or context cap.</summary>
    public const double MaxTokens = 100_000_000;

    /// <summary>The most sessions one user may have in a month.</summary>
    public const double MaxSessions = 10_000_000;

    /// <summary>The most steps (model calls) in one session.</summary>
    public const double MaxSteps = 100_000;

    /// <summary>The largest price in a scenario (a plan's monthly price, an overage price, a tool fee per 1,000 calls), in USD.</summary>
    public const double MaxPrice = 1_000_000;

    /// <summary>The largest allowance or cap in a plan (sessions or calls a month).</summary>
    public const double MaxAllowance = 1e12;

    /// <summary>The most tool calls in one step.</summary>
    public const double MaxToolCallsPerStep = 1_000;

    /// <summary>The largest token-efficiency factor of a model (tokens it spends relative to the reference).</summary>
    public const double MaxTokenEfficiency = 100;

    /// <summary>The longest cache time-to-live, in minutes (one year).</summary>
    public const double MaxTtlMinutes = 525_600;

    /// <summary>The longest gap between steps, in seconds (30 days).</summary>
    public const double MaxStepGapSeconds = 2_592_000;

    /// <summary>The largest monthly growth rate (10 = +1,000 % a month).</summary>
    public const double MaxMonthlyGrowth = 10;

    /// <summary>The most months in a horizon.</summary>
    public const int MaxMonths = 120;

    /// <summary>The largest pareto alpha.</summary>
    public const double MaxParetoAlpha = 1_000;

    /// <summary>The largest weight of one row of an empirical table.</summary>
    public const double MaxTableWeight = 1e12;

    /// <summary>
    /// The tail a distribution without <c>max</c> is checked at: its value at this quantile (one draw in a million
    /// lies beyond) must stay within the field's bound, or the file must cap it with <c>max</c>.
    /// </summary>
    public const double TailQuantile = 1 - 1e-6;
}
