using System.Runtime.CompilerServices;
using InferCost.Caching;
using InferCost.Workloads;

namespace InferCost.Simulation;

/// <summary>
/// Prices one session of an agent loop on one model with per-token doubles: step k sends the prefix, the history of
/// steps 1..k-1 (up to the context cap, then truncated or summarised) and the step's new input; cached reads and
/// writes follow the provider's rules and the hit probabilities (expected values, not draws).
/// </summary>
internal static class SessionCostKernel
{
    /// <summary>Number of doubles <see cref="Cost"/> writes into its parts span (dimensions without storage).</summary>
    public const int Parts = 6;

    /// <summary>
    /// The expected cost of a session of <paramref name="steps"/> steps (fractional steps interpolate between the
    /// neighbouring whole numbers) with <paramref name="input"/> new input, <paramref name="output"/> visible output and
    /// <paramref name="toolResult"/> tool-result tokens per step. Writes the cost by dimension into <paramref name="parts"/>.
    /// <c>userHit</c> is P(this user's own prefix entry is cached), for legs with <see cref="SessionLeg.PerUserPrefix"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Cost(in SessionLeg leg, ModelRates rates, double steps, double input, double output, double toolResult, double userHit, Span<double> parts)
    {
        var whole = (int)Math.Floor(steps);
        var ceiling = (int)Math.Ceiling(steps);
        var frac = steps - whole;
        ReadOnlySpan<RateBand> bands = rates.Bands.AsSpan();
        var tokenFactor = (1 - leg.BatchShare) + (leg.BatchShare * rates.BatchMultiplier);
        var perCallFees = (leg.ToolCallsPerStep * (leg.ToolFeePerCall ?? rates.WebSearchPerCall)) + rates.RequestFee;
        var visible = output * leg.Efficiency;
        var billedOut = visible / (1 - leg.ReasoningShare);
        var reasoning = billedOut - visible;
        var prefix = leg.Prefix;
        var prefixCacheable = leg.Mode != CacheMode.None && prefix >= leg.MinCacheable;
        // Expected cached tokens of the prefix: the user's own entry (whole prefix) hits with userHit; failing that the
        // product-wide entry (system prompt and tools) hits with SharedHit.
        var prefixRead = !prefixCacheable ? 0
            : leg.PerUserPrefix ? (userHit * prefix) + ((1 - userHit) * leg.SharedHit * (leg.SharedPrefix >= leg.MinCacheable ? leg.SharedPrefix : 0))
            : leg.SharedHit * prefix;

        var acc = default(Accumulator);
        var snapshot = default(Accumulator);
        var history = 0.0;
        for (var k = 1; k <= ceiling; k++)
        {
            var reset = false;
            var prompt = prefix + history + input;
            if (prompt > leg.ContextCap)
            {
                if (leg.Policy == ContextPolicy.Summarize && leg.ResendHistory && history > leg.SummaryTokens)
                {
                    // One summarisation call: reads prefix + history (cached like a normal step), writes the summary.
                    var summaryPrompt = Math.Min(prefix + history, leg.ContextCap);
                    Price(ref acc, leg, bands, tokenFactor, prefixRead, prefixCacheable, summaryPrompt, summaryPrompt, k > 1, leg.SummaryTokens, 0, 0);
                    history = leg.SummaryTokens;
                }
                else
                {
                    history = Math.Max(0, leg.ContextCap - prefix - input);
                }

                reset = true;
                prompt = prefix + history + input;
            }

            Price(ref acc, leg, bands, tokenFactor, prefixRead, prefixCacheable, prompt, prefix + history, k > 1 && !reset, visible, reasoning, perCallFees);
            if (leg.ResendHistory)
            {
                history += input + visible + toolResult;
            }

            if (k == whole)
            {
                snapshot = acc;
            }
        }

        var keep = 1 - frac;
        parts[0] = (keep * snapshot.Input) + (frac * acc.Input);
        parts[1] = (keep * snapshot.Read) + (frac * acc.Read);
        parts[2] = (keep * snapshot.Write) + (frac * acc.Write);
        parts[3] = (keep * snapshot.Output) + (frac * acc.Output);
        parts[4] = (keep * snapshot.Reasoning) + (frac * acc.Reasoning);
        parts[5] = (keep * snapshot.Tools) + (frac * acc.Tools);
        return parts[0] + parts[1] + parts[2] + parts[3] + parts[4] + parts[5];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Price(
        ref Accumulator acc,
        in SessionLeg leg,
        ReadOnlySpan<RateBand> bands,
        double tokenFactor,
        double prefixRead,
        bool prefixCacheable,
        double prompt,
        double historyPrefix,
        bool historyReusable,
        double outVisible,
        double outReasoning,
        double fees)
    {
        double read = 0, write = 0;
        if (leg.Mode != CacheMode.None)
        {
            var prefix = leg.Prefix;
            var hs = historyReusable && leg.ResendHistory && historyPrefix >= leg.MinCacheable ? leg.SessionHit : 0;
            read = hs > 0
                ? (hs * historyPrefix) + ((1 - hs) * prefixRead)
                : prefixRead;
            if (leg.Mode == CacheMode.ExplicitBreakpoints)
            {
                // Breakpoint at the end of the prompt when history is re-sent, else after the fixed prefix.
                var target = leg.ResendHistory ? (prompt >= leg.MinCacheable ? prompt : 0) : (prefixCacheable ? prefix : 0);
                write = Math.Max(0, target - read);
            }
        }

        var band = bands[0];
        for (var b = bands.Length - 1; b > 0; b--)
        {
            if (prompt > bands[b].AboveInputTokens)
            {
                band = bands[b];
                break;
            }
        }

        acc.Input += (prompt - read - write) * band.Input * tokenFactor;
        acc.Read += read * band.CacheRead * tokenFactor;
        acc.Write += write * (leg.OneHourWrites ? band.CacheWrite1h : band.CacheWrite5m) * tokenFactor;
        acc.Output += outVisible * band.Output * tokenFactor;
        acc.Reasoning += outReasoning * band.Reasoning * tokenFactor;
        acc.Tools += fees;
    }

    private struct Accumulator
    {
        public double Input;
        public double Read;
        public double Write;
        public double Output;
        public double Reasoning;
        public double Tools;
    }
}
