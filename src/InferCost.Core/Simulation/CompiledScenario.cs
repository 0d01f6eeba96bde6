using System.Collections.Immutable;
using System.Globalization;
using InferCost.Caching;
using InferCost.Errors;
using InferCost.Pricing;
using InferCost.Workloads;

namespace InferCost.Simulation;

/// <summary>A scenario resolved against a catalog and compiled for the inner loop: legs per segment, rates per price epoch.</summary>
internal sealed class CompiledScenario
{
    public const double SecondsPerMonth = 30.436875 * 86400;
    public const double HoursPerMonth = SecondsPerMonth / 3600;

    private CompiledScenario()
    {
    }

    public required Scenario Scenario { get; init; }

    public required ImmutableArray<ResolvedModel> Models { get; init; }

    public required CompiledSegment[] Segments { get; init; }

    /// <summary>Rates by [epoch][model].</summary>
    public required ModelRates[][] EpochRates { get; init; }

    /// <summary>Epoch of each month.</summary>
    public required int[] EpochOfMonth { get; init; }

    /// <summary>Explicit-cache storage per user-month by [epoch][model].</summary>
    public required double[][] StoragePerUser { get; init; }

    public required DateOnly Start { get; init; }

    public required ImmutableArray<string> Warnings { get; init; }

    public static CompiledScenario Compile(Scenario scenario, PriceCatalog catalog, SimulationOptions options)
    {
        var problems = scenario.Validate();
        if (!problems.IsEmpty)
        {
            throw new InferCostException("Invalid scenario: " + string.Join("; ", problems.Select(p => p.Path + ": " + p.Message)));
        }

        var warnings = ImmutableArray.CreateBuilder<string>();
        var models = scenario.Models.Select(m => catalog.Resolve(m.ModelId, m.Provider)).ToImmutableArray();
        var rules = scenario.Models.Select((m, i) => CacheRules.For(models[i].Provider.Id, models[i].Model.Id, scenario.Caching)).ToArray();
        var start = scenario.Horizon.Start ?? new DateOnly(options.Today.Year, options.Today.Month, 1);
        var months = scenario.Horizon.Months;

        // Price epochs: months whose rate cards are the same objects share an epoch.
        var epochKeys = new List<RateCard[]>();
        var epochOfMonth = new int[months];
        for (var m = 0; m < months; m++)
        {
            var date = start.AddMonths(m).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var cards = models.Select(r => r.Model.RatesAt(new DateTimeOffset(date))).ToArray();
            var found = epochKeys.FindIndex(k => k.AsSpan().SequenceEqual(cards));
            if (found < 0)
            {
                epochKeys.Add(cards);
                found = epochKeys.Count - 1;
            }

            epochOfMonth[m] = found;
        }

        var epochRates = epochKeys
            .Select(cards => cards.Select((c, i) => ModelRates.From(c, models[i].Facts, rules[i], options.InputPriceFactor, options.OutputPriceFactor)).ToArray())
            .ToArray();

        // Expected calls per month on each model, for the arrival rate of the shared prefix.
        var callsPerUserByModel = new double[models.Length];
        foreach (var seg in scenario.Segments)
        {
            var calls = SafeMean(seg.Sessions) * SafeMean(seg.Steps);
            foreach (var (alias, weight, _) in Weights(seg.Routing ?? scenario.Routing))
            {
                callsPerUserByModel[Index(scenario, alias)] += seg.Share * calls * weight;
            }
        }

        var segments = new CompiledSegment[scenario.Segments.Length];
        for (var s = 0; s < segments.Length; s++)
        {
            var seg = scenario.Segments[s];
            var agent = seg.Agent ?? scenario.Agent;
            var routing = seg.Routing ?? scenario.Routing;
            var legs = new List<SessionLeg>();
            foreach (var (alias, weight, gapFactor) in Weights(routing))
            {
                var mi = Index(scenario, alias);
                var choice = scenario.Models[mi];
                var rule = rules[mi];
                var ttl = rule.TtlSeconds;
                var prefixRate = scenario.Caching.SharedPrefix
                    ? callsPerUserByModel[mi] * scenario.Users / SecondsPerMonth
                    : SafeMean(seg.Sessions) * SafeMean(seg.Steps) * weight / SecondsPerMonth;
                double sessionHit, prefixHit;
                if (scenario.Caching.HitRate is { } fixedRate)
                {
                    (sessionHit, prefixHit) = (fixedRate, fixedRate);
                }
                else
                {
                    sessionHit = CacheHitModel.SessionHitProbability(agent.StepGapSeconds * gapFactor, ttl);
                    prefixHit = CacheHitModel.PoissonHitProbability(prefixRate, ttl);
                }

                if (rule.ExplicitStorage)
                {
                    prefixHit = 1;
                }

                if (agent.ToolCallsPerStep > 0 && agent.ToolFeePer1000 is null && epochRates[0][mi].WebSearchPerCall == 0)
                {
                    warnings.Add($"{seg.Id}: {models[mi].QualifiedId} lists no web-search fee; tool calls are free unless agent.tool_fee_per_1000 is set");
                }

                legs.Add(new SessionLeg
                {
                    Model = mi,
                    Weight = weight,
                    SessionHit = sessionHit,
                    PrefixHit = prefixHit,
                    Mode = rule.Mode,
                    OneHourWrites = rule.OneHourWrites,
                    MinCacheable = rule.MinCacheableTokens,
                    Efficiency = choice.TokenEfficiency,
                    BatchShare = choice.BatchShare,
                    ContextCap = agent.ContextCap ?? models[mi].Model.EffectiveContextWindow ?? double.PositiveInfinity,
                    Prefix = agent.PrefixTokens,
                    ToolCallsPerStep = agent.ToolCallsPerStep,
                    ToolFeePerCall = agent.ToolFeePer1000 / 1000,
                    ReasoningShare = agent.ReasoningShare,
                    ResendHistory = agent.ResendHistory,
                    Policy = agent.ContextPolicy,
                    SummaryTokens = agent.SummaryTokens,
                });
            }

            var plan = scenario.Plan(seg.PlanId)!;
            segments[s] = new CompiledSegment
            {
                Segment = seg,
                Agent = agent,
                Legs = [.. legs],
                Plan = plan,
                PlanIndex = scenario.Plans.IndexOf(plan),
                Sessions = Sampler.For(seg.Sessions),
                Steps = Sampler.For(seg.Steps),
                InputTokens = Sampler.For(seg.InputTokens),
                OutputTokens = Sampler.For(seg.OutputTokens),
                ToolResultTokens = Sampler.For(agent.ToolResultTokens),
                Correlation = seg.SessionStepCorrelation,
                CorrelationComplement = Math.Sqrt(1 - (seg.SessionStepCorrelation * seg.SessionStepCorrelation)),
            };
        }

        // Explicit caches (Gemini): the fixed prefix is stored all month; its storage is shared by every user.
        var storage = new double[epochRates.Length][];
        for (var e = 0; e < epochRates.Length; e++)
        {
            storage[e] = new double[models.Length];
            for (var mi = 0; mi < models.Length; mi++)
            {
                if (rules[mi].ExplicitStorage && callsPerUserByModel[mi] > 0)
                {
                    if (epochRates[e][mi].StoragePerTokenHour == 0 && e == 0)
                    {
                        warnings.Add($"{models[mi].QualifiedId}: no cache storage price in the catalog; explicit cache storage counted as free");
                    }

                    storage[e][mi] = scenario.Agent.PrefixTokens * epochRates[e][mi].StoragePerTokenHour * HoursPerMonth / scenario.Users;
                }
            }
        }

        return new CompiledScenario
        {
            Scenario = scenario,
            Models = models,
            Segments = segments,
            EpochRates = epochRates,
            EpochOfMonth = epochOfMonth,
            StoragePerUser = storage,
            Start = start,
            Warnings = warnings.Distinct().ToImmutableArray(),
        };
    }

    public string MonthLabel(int month) => Start.AddMonths(month).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The mean, or for tails without one (Pareto α ≤ 1) the mean below the 99.9th percentile.</summary>
    internal static double SafeMean(Distribution d)
        => double.IsFinite(d.Mean) ? d.Mean : new Distribution.Capped(d, d.Quantile(0.999)).Mean;

    private static int Index(Scenario scenario, string alias) => scenario.Models.IndexOf(scenario.Model(alias)!);

    private static IEnumerable<(string Alias, double Weight, double GapFactor)> Weights(Routing routing) => routing switch
    {
        Routing.Single single => [(single.Alias, 1.0, 1.0)],
        Routing.Split split => split.Shares.Where(s => s.Share > 0).Select(s => (s.Alias, s.Share, 1.0)),
        Routing.Cascade c => c.EscalateShare > 0
            ? [(c.First, 1.0, 1.0), (c.EscalateTo, c.EscalateShare, 1 / c.EscalateShare)]
            : [(c.First, 1.0, 1.0)],
        _ => throw new ArgumentOutOfRangeException(nameof(routing)),
    };
}

/// <summary>A segment compiled for the inner loop.</summary>
internal sealed class CompiledSegment
{
    public required Segment Segment { get; init; }

    public required AgentLoop Agent { get; init; }

    public required SessionLeg[] Legs { get; init; }

    public required Plan Plan { get; init; }

    public required int PlanIndex { get; init; }

    public required Sampler Sessions { get; init; }

    public required Sampler Steps { get; init; }

    public required Sampler InputTokens { get; init; }

    public required Sampler OutputTokens { get; init; }

    public required Sampler ToolResultTokens { get; init; }

    /// <summary>Gaussian-copula correlation of sessions and steps.</summary>
    public required double Correlation { get; init; }

    /// <summary>√(1 − ρ²).</summary>
    public required double CorrelationComplement { get; init; }
}
