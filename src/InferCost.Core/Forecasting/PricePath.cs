using System.Collections.Immutable;
using System.Globalization;
using InferCost.Errors;
using InferCost.Pricing;

namespace InferCost.Forecasting;

/// <summary>A price tier of seed 004's market: premium (≈ $3–20/M), mid ($0.10–1/M), commodity ($0.01–0.10/M).</summary>
public enum PriceTier
{
    /// <summary>Frontier models: input ≥ $1 per 1M tokens.</summary>
    Premium,

    /// <summary>Capable models: input $0.10–1 per 1M tokens.</summary>
    Mid,

    /// <summary>Efficient models: input below $0.10 per 1M tokens.</summary>
    Commodity,
}

/// <summary>
/// How prices move month by month, per tier: a multiplier on every price of a model in that tier (1 in the first month).
/// </summary>
/// <param name="Description">What the path is, with its source.</param>
/// <param name="Factors">Multiplier by [tier][month] (months past the end keep the last value).</param>
public sealed record PricePath(string Description, ImmutableArray<ImmutableArray<double>> Factors)
{
    /// <summary>
    /// Epoch AI's constant-capability price declines (Epoch AI, "LLM inference prices have fallen rapidly but unequally
    /// across tasks", 2025-03-12, https://epoch.ai/data-insights/llm-inference-price-trends): 9× to 900× a year by
    /// milestone, 40× for GPT-4-level PhD science. Used per tier: premium 9×/yr (the hardest milestones fall slowest),
    /// mid and commodity 40×/yr (Epoch's headline figure; the 900× rates came from one year and may not persist).
    /// These are prices at constant capability: they assume you move to the cheaper model that matches today's.
    /// </summary>
    public static readonly ImmutableArray<double> EpochYearlyFactors = [1 / 9.0, 1 / 40.0, 1 / 40.0];

    /// <summary>Seed 002's "end of subsidies": prices rise this much from <see cref="SubsidyEndMonth"/> (a stated assumption: seed 002 argues the direction, not the size).</summary>
    public const double SubsidyEndRise = 0.3;

    /// <summary>The month (1-based) seed 002's rise lands in by default.</summary>
    public const int SubsidyEndMonth = 7;

    /// <summary>The tier of a model by its base input price per 1M tokens (seed 004's bands; the gap from $1 to $3 counts as premium).</summary>
    public static PriceTier TierOf(ResolvedModel model)
    {
        var card = model.Model.Versions.Length > 0 ? model.Model.Versions[^1].Rates : null;
        var input = card?.PriceOf(UsageUnits.InputTokens)?.Base ?? 0m;
        return input >= 1m ? PriceTier.Premium : input >= 0.10m ? PriceTier.Mid : PriceTier.Commodity;
    }

    /// <summary>The multiplier for <paramref name="tier"/> in <paramref name="month"/> (0-based).</summary>
    public double Factor(PriceTier tier, int month)
    {
        var row = Factors[(int)tier];
        return row[Math.Min(month, row.Length - 1)];
    }

    /// <summary>
    /// Parses a path: <c>decline:0.4/yr</c> (prices × 0.6 a year, compounding monthly), <c>rise:0.3/yr</c>,
    /// <c>rise:0.3</c> (a one-off rise of 30 % from month 7, or <c>rise:0.3@4</c> from month 4), <c>epoch</c> (Epoch AI's
    /// per-tier declines), <c>end-of-subsidies</c> (seed 002: +30 % from month 7), <c>flat</c>; or per tier,
    /// <c>premium=decline:0.3/yr,mid=epoch</c> (unnamed tiers stay flat).
    /// </summary>
    /// <exception cref="InferCostException">The text is not a path.</exception>
    public static PricePath Parse(string text, int months)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tiers = new ImmutableArray<double>[3];
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new InferCostException("--price-path: empty; expected e.g. decline:0.4/yr, rise:0.3, epoch, end-of-subsidies or a CSV file");
        }

        if (parts.All(p => !p.Contains('=', StringComparison.Ordinal)))
        {
            for (var t = 0; t < 3; t++)
            {
                tiers[t] = One(parts[0], (PriceTier)t, months);
            }
        }
        else
        {
            for (var t = 0; t < 3; t++)
            {
                tiers[t] = [.. Enumerable.Repeat(1.0, months)];
            }

            foreach (var p in parts)
            {
                var kv = p.Split('=', 2);
                if (kv.Length != 2 || !Enum.TryParse<PriceTier>(kv[0], ignoreCase: true, out var tier))
                {
                    throw new InferCostException($"--price-path: '{p}': expected TIER=PATH with TIER premium, mid or commodity");
                }

                tiers[(int)tier] = One(kv[1], tier, months);
            }
        }

        return new PricePath(text, [.. tiers]);
    }

    /// <summary>Reads a CSV path: a header <c>month,premium,mid,commodity</c>, then one row per month (1-based) of multipliers.</summary>
    /// <exception cref="InferCostException">A row is malformed (the message names the line).</exception>
    public static PricePath FromCsv(string csv, string file, int months)
    {
        var lines = csv.Split('\n').Select(l => l.Trim()).ToArray();
        var rows = new SortedDictionary<int, double[]>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 || lines[i].StartsWith('#'))
            {
                continue;
            }

            var cells = lines[i].Split(',');
            if (cells.Length != 4
                || !int.TryParse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var month) || month < 1
                || !cells.Skip(1).All(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0))
            {
                throw new InferCostException($"{file}:{i + 1}: expected month,premium,mid,commodity with a month ≥ 1 and positive multipliers, got '{lines[i]}'");
            }

            rows[month] = [.. cells.Skip(1).Select(c => double.Parse(c, CultureInfo.InvariantCulture))];
        }

        if (rows.Count == 0 || !lines[0].StartsWith("month", StringComparison.OrdinalIgnoreCase))
        {
            throw new InferCostException($"{file}:1: expected a header month,premium,mid,commodity and at least one row");
        }

        var tiers = new ImmutableArray<double>[3];
        for (var t = 0; t < 3; t++)
        {
            var row = new double[months];
            var last = 1.0;
            for (var m = 0; m < months; m++)
            {
                if (rows.TryGetValue(m + 1, out var r))
                {
                    last = r[t];
                }

                row[m] = last;
            }

            tiers[t] = [.. row];
        }

        return new PricePath($"{Path.GetFileName(file)} (per-tier multipliers)", [.. tiers]);
    }

    private static ImmutableArray<double> One(string spec, PriceTier tier, int months)
    {
        var s = spec.Trim().ToLowerInvariant();
        if (s == "flat")
        {
            return [.. Enumerable.Repeat(1.0, months)];
        }

        if (s == "epoch")
        {
            return Compound(EpochYearlyFactors[(int)tier], months);
        }

        if (s is "end-of-subsidies" or "subsidy-end")
        {
            return Step(SubsidyEndRise, SubsidyEndMonth, months);
        }

        var colon = s.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            var kind = s[..colon];
            var rest = s[(colon + 1)..];
            var yearly = rest.EndsWith("/yr", StringComparison.Ordinal);
            if (yearly)
            {
                rest = rest[..^3];
            }

            var at = SubsidyEndMonth;
            var atIndex = rest.IndexOf('@', StringComparison.Ordinal);
            if (atIndex > 0)
            {
                if (!int.TryParse(rest[(atIndex + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out at) || at < 1)
                {
                    throw new InferCostException($"--price-path '{spec}': the month after @ must be a whole number ≥ 1");
                }

                rest = rest[..atIndex];
            }

            if (double.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate >= 0)
            {
                switch (kind)
                {
                    case "decline" when rate < 1:
                        return yearly ? Compound(1 - rate, months) : Step(-rate, at, months);
                    case "rise":
                        return yearly ? Compound(1 + rate, months) : Step(rate, at, months);
                }
            }
        }

        throw new InferCostException($"--price-path '{spec}': expected decline:R/yr (0 ≤ R < 1), rise:R/yr, rise:R[@MONTH], decline:R[@MONTH], epoch, end-of-subsidies, flat, or a CSV file");
    }

    private static ImmutableArray<double> Compound(double yearlyFactor, int months)
        => [.. Enumerable.Range(0, months).Select(m => Math.Pow(yearlyFactor, m / 12.0))];

    private static ImmutableArray<double> Step(double change, int fromMonth, int months)
        => [.. Enumerable.Range(0, months).Select(m => m + 1 >= fromMonth ? 1 + change : 1.0)];
}
