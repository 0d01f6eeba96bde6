using CsCheck;
using InferCost.Pricing;
using static InferCost.Core.Tests.Pricing.TestCatalogs;

namespace InferCost.Core.Tests.Pricing;

/// <summary>Invariants of the exact pricer, checked on generated usages (CsCheck).</summary>
public class PricingPropertyTests
{
    private static readonly Gen<(long Input, long Read, long Write, long Write1h, long Output, long Reasoning, long Searches)> GenUsage =
        from input in Gen.Long[0, 600_000]
        from readShare in Gen.Double[0, 0.5]
        from writeShare in Gen.Double[0, 0.4]
        from hourShare in Gen.Double[0, 1]
        from output in Gen.Long[0, 200_000]
        from reasoningShare in Gen.Double[0, 1]
        from searches in Gen.Long[0, 50]
        let read = (long)(input * readShare)
        let write = (long)(input * writeShare)
        select (input, read, write, (long)(write * hourShare), output, (long)(output * reasoningShare), searches);

    private static readonly RateCard[] Cards = [Gpt54(), Opus47()];

    private static Usage ToUsage((long Input, long Read, long Write, long Write1h, long Output, long Reasoning, long Searches) u)
        => Usage.Of(input: u.Input, output: u.Output, cacheRead: u.Read, cacheWrite: u.Write, cacheWrite1h: u.Write1h, reasoning: u.Reasoning, webSearches: u.Searches);

    [Fact]
    public void Cost_is_monotone_in_every_token_count()
    {
        Gen.Select(GenUsage, Gen.Int[0, 5], Gen.Long[1, 10_000], Gen.Int[0, 1]).Sample((u, which, extra, card) =>
        {
            // Stay on one side of the tier boundary: the tier makes cost jump, which is monotone too, but keep it simple.
            var more = which switch
            {
                0 => u with { Input = u.Input + extra },
                1 => u with { Output = u.Output + extra },
                2 => u with { Input = u.Input + extra, Read = u.Read + extra },
                3 => u with { Input = u.Input + extra, Write = u.Write + extra },
                4 => u with { Output = u.Output + extra, Reasoning = u.Reasoning + extra },
                _ => u with { Searches = u.Searches + extra },
            };
            var a = Cards[card].CalculateTotals(ToUsage(u)).TotalCost;
            var b = Cards[card].CalculateTotals(ToUsage(more)).TotalCost;
            return b >= a;
        });
    }

    [Fact]
    public void Cached_input_never_costs_more_than_uncached()
    {
        Gen.Select(GenUsage, Gen.Int[0, 1]).Sample((u, card) =>
        {
            var cached = Cards[card].CalculateTotals(ToUsage(u)).TotalCost;
            var uncached = Cards[card].CalculateTotals(ToUsage(u with { Read = 0 })).TotalCost;
            return cached <= uncached;
        });
    }

    [Fact]
    public void Batch_is_list_times_the_multiplier_on_tokens()
    {
        Gen.Select(GenUsage, Gen.Int[0, 1], Gen.Int[1, 100]).Sample((u, card, percent) =>
        {
            var multiplier = percent / 100m;
            var noTools = ToUsage(u with { Searches = 0 });
            var list = Cards[card].CalculateTotals(noTools).TotalCost;
            var batch = Cards[card].CalculateTotals(noTools, new PricingOptions { BatchMultiplier = multiplier }).TotalCost;
            return batch == list * multiplier;
        });
    }

    [Fact]
    public void Pricing_a_split_equals_pricing_the_whole_within_a_tier()
    {
        Gen.Select(GenUsage, GenUsage, Gen.Int[0, 1]).Sample((a, b, card) =>
        {
            // Both halves and the whole below GPT-5.4's 272k boundary (the tier applies per request).
            if (a.Input + b.Input > 271_999)
            {
                return true;
            }

            var whole = (a.Input + b.Input, a.Read + b.Read, a.Write + b.Write, a.Write1h + b.Write1h, a.Output + b.Output, a.Reasoning + b.Reasoning, a.Searches + b.Searches);
            var sum = Cards[card].CalculateTotals(ToUsage(a)).TotalCost + Cards[card].CalculateTotals(ToUsage(b)).TotalCost;
            return Cards[card].CalculateTotals(ToUsage(whole)).TotalCost == sum;
        });
    }

    [Fact]
    public void Breakdown_lines_sum_exactly_to_the_totals()
    {
        Gen.Select(GenUsage, Gen.Int[0, 1]).Sample((u, card) =>
        {
            var b = Cards[card].Calculate(ToUsage(u));
            var t = Cards[card].CalculateTotals(ToUsage(u));
            return b.Lines.Sum(l => l.Cost.Usd) == b.TotalCost.Usd && b.TotalCost.Usd == t.TotalCost && b.InputCost.Usd == t.InputCost;
        });
    }
}
