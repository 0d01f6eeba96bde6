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

    /// <summary>Explicit-cache storage, a fixed cost per month, by [month][model] (price path applied).</summary>
    public required double[][] FixedByMonth { get; init; }

    /// <summary>Price-path multiplier by [month · models + model] (1 without a path).</summary>
    public required double[] PriceFactor { get; init; }

    /// <summary>Number of months.</summary>
    public int Months => EpochOfMonth.Length;

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
        foreach (var seg in scenario.Segments)
        {
            foreach (var (field, d) in new[] { ("sessions", seg.Sessions), ("steps", seg.Steps), ("input_tokens", seg.InputTokens), ("output_tokens", seg.OutputTokens) })
            {
                if (d is Distribution.Pareto { Alpha: <= 1 } p)
                {
                    warnings.Add(string.Create(CultureInfo.InvariantCulture, $"segments.{seg.Id}.{field}: Pareto alpha {p.Alpha:0.###} ≤ 1 has no finite mean; the simulated mean grows with the number of users and never settles. Add max: to cap it, or use alpha > 1 (heavy-usage data usually fit 1.5–3)"));
                }
            }
        }

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
                double sessionHit, sharedHit;
                bool perUser;
                if (scenario.Caching.HitRate is { } fixedRate)
                {
                    // A stated constant: one hit rate for the whole prefix.
                    (sessionHit, sharedHit, perUser) = (fixedRate, fixedRate, false);
                }
                else
                {
                    sessionHit = CacheHitModel.SessionHitProbability(agent.StepGapSeconds * gapFactor, ttl);
                    var shared = scenario.Caching.SharedPrefix;
                    sharedHit = shared ? rule.PrefixHitRate(callsPerUserByModel[mi] * scenario.Users / SecondsPerMonth, scenario.Caching.OverflowHitRate) : 0;
                    perUser = !shared || agent.UserContextTokens > 0;
                }

                if (rule.ExplicitStorage)
                {
                    sharedHit = 1;
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
                    SharedHit = sharedHit,
                    PerUserPrefix = perUser,
                    SharedPrefix = agent.SharedPrefixTokens,
                    TtlSeconds = ttl,
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
                MeanSessions = SafeMean(seg.Sessions),
                Correlation = seg.SessionStepCorrelation,
                CorrelationComplement = Math.Sqrt(1 - (seg.SessionStepCorrelation * seg.SessionStepCorrelation)),
            };
        }

        // Price path: a multiplier per month and model (forecasts); 1 without one.
        var factor = new double[months * models.Length];
        for (var m = 0; m < months; m++)
        {
            for (var mi = 0; mi < models.Length; mi++)
            {
                factor[(m * models.Length) + mi] = options.PriceFactor?.Invoke(m, models[mi]) ?? 1;
            }
        }

        // Explicit caches (Gemini): the shared prefix is stored once, all month: a fixed monthly cost, whatever the user count.
        var fixedByMonth = new double[months][];
        for (var m = 0; m < months; m++)
        {
            fixedByMonth[m] = new double[models.Length];
            var e = epochOfMonth[m];
            for (var mi = 0; mi < models.Length; mi++)
            {
                if (rules[mi].ExplicitStorage && callsPerUserByModel[mi] > 0)
                {
                    if (epochRates[e][mi].StoragePerTokenHour == 0 && m == 0)
                    {
                        warnings.Add($"{models[mi].QualifiedId}: no cache storage price in the catalog; explicit cache storage counted as free");
                    }

                    fixedByMonth[m][mi] = scenario.Agent.SharedPrefixTokens * epochRates[e][mi].StoragePerTokenHour * HoursPerMonth * factor[(m * models.Length) + mi];
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
            FixedByMonth = fixedByMonth,
            PriceFactor = factor,
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

    /// <summary>Mean sessions per user-month (usage-dependent churn compares a user's month with it).</summary>
    public required double MeanSessions { get; init; }

    /// <summary>Gaussian-copula correlation of sessions and steps.</summary>
    public required double Correlation { get; init; }

    /// <summary>√(1 − ρ²).</summary>
    public required double CorrelationComplement { get; init; }
}
