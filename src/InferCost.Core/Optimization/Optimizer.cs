using System.Collections.Immutable;
using System.Globalization;
using InferCost.Errors;
using InferCost.Pricing;
using InferCost.Simulation;
using InferCost.Workloads;

namespace InferCost.Optimization;

/// <summary>
/// Prices cost levers on a scenario: each lever is a modelled change to the scenario (or its price catalog),
/// re-simulated with the same seed and users (common random numbers), so that a saving is a paired difference, not a
/// constant discount. Ranks the levers by first-month saving and re-simulates the best compatible ones together.
/// </summary>
public static class Optimizer
{
    /// <summary>The lever ids, in the order <c>--levers</c> documents them.</summary>
    public static readonly ImmutableArray<string> AllLevers =
        ["switch_model", "routing", "caching", "batch", "distillation", "self_host", "speculative_decoding", "quantization", "edge", "pricing_model"];

    /// <summary>Stated default peak-to-mean load of a day when no load curve is given (busiest hour ≈ 1.5× the mean hour).</summary>
    public const double DefaultPeakToMean = 1.5;

    /// <summary>Cached prompt tokens on a self-hosted server (prefix caching skips their prefill) cost this share of uncached ones.</summary>
    public const double SelfHostCachedShare = 0.1;

    /// <summary>Stated target gross margin the <c>pricing_model</c> lever prices usage- and outcome-based plans for.</summary>
    public const double PricingTargetMargin = 0.6;

    private const string LeverAlias = "lever_model";
    private const string SelfHostProvider = "self-hosted";
    private const string SelfHostModel = "self-hosted-model";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Prices <paramref name="levers"/> (all when <see langword="null"/>) on <paramref name="scenario"/>.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="catalog">The price catalog.</param>
    /// <param name="options">Users and seed (every run uses the same).</param>
    /// <param name="levers">Lever ids; <see langword="null"/> for all.</param>
    /// <param name="selfHost">The serving planner's quote for <c>self_host</c>; <see langword="null"/> skips it with <paramref name="selfHostSkipReason"/>.</param>
    /// <param name="selfHostSkipReason">Why there is no quote.</param>
    /// <exception cref="InferCostException">An unknown lever id, or an invalid scenario.</exception>
    public static OptimizationResult Run(Scenario scenario, PriceCatalog catalog, SimulationOptions options, IReadOnlyCollection<string>? levers = null, SelfHostQuote? selfHost = null, string? selfHostSkipReason = null)
    {
        var wanted = levers is null || levers.Count == 0 ? AllLevers : [.. levers.Select(l => l.Trim().ToLowerInvariant())];
        foreach (var id in wanted.Where(id => !AllLevers.Contains(id)))
        {
            throw new InferCostException($"--levers: unknown lever '{id}'; levers: {string.Join(", ", AllLevers)}");
        }

        options = options with { KeepUserOutcomes = true }; // levers compare the same users before and after
        var baseline = MonteCarloEngine.Run(scenario, catalog, options);
        var context = new Context(scenario, catalog, options, baseline, selfHost, selfHostSkipReason ?? "no self-hosting quote (set levers.self_host.model to an open model in the serving catalog)");
        var outcomes = new List<(LeverOutcome Outcome, Transform? Apply)>();
        var skipped = ImmutableArray.CreateBuilder<SkippedLever>();
        foreach (var id in wanted)
        {
            var priced = id switch
            {
                "switch_model" => SwitchModel(context),
                "routing" => RoutingLever(context),
                "caching" => Caching(context),
                "batch" => Batch(context),
                "distillation" => Distillation(context),
                "self_host" => SelfHost(context),
                "speculative_decoding" => Speculative(context),
                "quantization" => Quantization(context),
                "edge" => Edge(context),
                "pricing_model" => PricingModel(context),
                _ => throw new InvalidOperationException(id),
            };
            if (priced.Skip is { } reason)
            {
                skipped.Add(new SkippedLever(id, reason));
            }
            else
            {
                outcomes.Add((priced.Outcome!, priced.Apply));
            }
        }

        var ranked = outcomes.OrderByDescending(o => o.Outcome.MonthlySaving).ToList();
        return new OptimizationResult
        {
            Scenario = scenario.Name,
            Users = options.Users,
            Seed = options.Seed,
            Baseline = new OptimizationBaseline(baseline.Months[0].Cost, baseline.Months[0].GrossMargin, baseline.CostPerUser.P95),
            Levers = [.. ranked.Select(o => o.Outcome)],
            Combined = Combine(context, ranked),
            Skipped = skipped.ToImmutable(),
        };
    }

    /// <summary>Expected target-model tokens per target step with speculative decoding: (1 − α^(γ+1)) / (1 − α).</summary>
    public static double TokensPerTargetStep(double acceptance, int draftTokens)
        => acceptance >= 1 ? draftTokens + 1 : (1 - Math.Pow(acceptance, draftTokens + 1)) / (1 - acceptance);

    /// <summary>Decode speed-up of speculative decoding: tokens per target step ÷ (1 + γ · the draft's relative cost per token).</summary>
    public static double SpeculativeSpeedup(double acceptance, int draftTokens, double draftCostRatio)
        => TokensPerTargetStep(acceptance, draftTokens) / (1 + (draftTokens * draftCostRatio));

    private static CombinedLevers Combine(Context c, List<(LeverOutcome Outcome, Transform? Apply)> ranked)
    {
        // One model lever (they are alternatives), plus the stackable ones; pricing_model changes revenue, not cost.
        var modelGroup = new HashSet<string>(StringComparer.Ordinal) { "switch_model", "routing", "distillation", "self_host" };
        var chosen = new List<(LeverOutcome Outcome, Transform Apply)>();
        var modelChosen = false;
        foreach (var (outcome, apply) in ranked)
        {
            if (apply is null || outcome.MonthlySaving <= 0.005)
            {
                continue;
            }

            if (modelGroup.Contains(outcome.Lever))
            {
                if (modelChosen)
                {
                    continue;
                }

                modelChosen = true;
            }

            if (outcome.Lever is "speculative_decoding" or "quantization" && !chosen.Any(x => x.Outcome.Lever == "self_host") && ranked.FirstOrDefault(r => r.Outcome.MonthlySaving > 0 && modelGroup.Contains(r.Outcome.Lever)).Outcome?.Lever != "self_host")
            {
                continue;
            }

            chosen.Add((outcome, apply));
        }

        if (chosen.Count == 0)
        {
            return new CombinedLevers([], 0, c.Baseline.Months[0].GrossMargin);
        }

        // Self-hosting with quantization and speculative decoding is one deployment: one transform, not three.
        if (chosen.Any(x => x.Outcome.Lever == "self_host") && c.SelfHost is { } quote)
        {
            var l = c.Scenario.Levers;
            var quant = chosen.Any(x => x.Outcome.Lever == "quantization") && quote.QuantizedInputPerMillion is not null;
            var spec = chosen.Any(x => x.Outcome.Lever == "speculative_decoding") ? SpeculativeSpeedup(l.SpeculativeAcceptance, l.SpeculativeDraftTokens, l.SpeculativeDraftCostRatio) : 1;
            var recovery = quant ? (l.QuantizationPrecision == "int4" ? 0.985 : 0.999) : 1;
            var input = quant ? quote.QuantizedInputPerMillion!.Value : quote.InputPerMillion;
            var output = (quant ? quote.QuantizedOutputPerMillion!.Value : quote.OutputPerMillion) / spec;
            Transform deployment = s =>
            {
                var state = SelfHosted(c, input, output, PeakToMean(l))(s);
                return state with { Scenario = ScaleSessions(state.Scenario, 1 / recovery) };
            };
            var selfHostOutcome = chosen.First(x => x.Outcome.Lever == "self_host").Outcome;
            var merged = chosen.Where(x => x.Outcome.Lever is not ("self_host" or "quantization" or "speculative_decoding")).ToList();
            merged.Insert(0, (selfHostOutcome, deployment));
            var names = chosen.Select(x => x.Outcome.Lever).ToImmutableArray();
            chosen = merged;
            return Finish(names);
        }

        return Finish([.. chosen.Select(x => x.Outcome.Lever)]);

        CombinedLevers Finish(ImmutableArray<string> names)
        {
            // Model levers first (they change routing and models), then the ones that act on every model.
            var order = new[] { "switch_model", "routing", "distillation", "self_host", "caching", "batch", "edge" };
            var state = new LeverState(c.Scenario, c.Catalog);
            foreach (var (_, apply) in chosen.OrderBy(x => Array.IndexOf(order, x.Outcome.Lever)))
            {
                state = apply(state);
            }

            var after = MonteCarloEngine.Run(state.Scenario, state.Catalog, c.Options);
            var cost = after.Months[0].Cost + state.ExtraMonthlyCost(after);
            return new CombinedLevers(names, c.Baseline.Months[0].Cost - cost, Margin(after.Months[0].Revenue, cost));
        }
    }

    private static Priced SwitchModel(Context c)
    {
        var candidates = c.Scenario.Levers.SwitchCandidates;
        if (candidates.IsDefaultOrEmpty)
        {
            return Priced.Skipped("no levers.switch_model.candidates: list models to compare as [{ id, success_rate }]");
        }

        var results = candidates.Select(cand => (cand, Evaluate(c, "switch_model", SwitchTo(cand, c.Scenario.Levers.BaselineSuccessRate), 0, Caveat(cand, c), string.Empty))).ToList();
        var best = results.MaxBy(r => r.Item2.Outcome!.MonthlySaving);
        var detail = "cost per successful task; failed tasks retried on the candidate (sessions × baseline success ÷ candidate success). Candidates: "
            + string.Join("; ", results.Select(r => string.Create(Inv, $"{r.cand.ModelId} (success {r.cand.SuccessRate:P0}, token efficiency {r.cand.TokenEfficiency:0.##}): saving {r.Item2.Outcome!.MonthlySaving:N0}/month")));
        return best.Item2 with { Outcome = best.Item2.Outcome! with { Detail = detail } };
    }

    private static string Caveat(ModelCandidate cand, Context c)
        => string.Create(Inv, $"quality: {cand.ModelId} completes {cand.SuccessRate:P0} of tasks vs {c.Scenario.Levers.BaselineSuccessRate:P0} now; check on your own evaluation set before switching");

    private static Transform SwitchTo(ModelCandidate cand, double baselineSuccess) => s =>
    {
        var scenario = WithModel(s.Scenario, new ModelChoice { Alias = LeverAlias, ModelId = cand.ModelId, Provider = cand.Provider, TokenEfficiency = cand.TokenEfficiency });
        scenario = MapRouting(scenario, _ => new Routing.Single(LeverAlias));
        return s with { Scenario = ScaleSessions(scenario, baselineSuccess / cand.SuccessRate) };
    };

    private static Priced RoutingLever(Context c)
    {
        var cheap = c.Scenario.Levers.RoutingCheapModel ?? c.Scenario.Levers.SwitchCandidates.FirstOrDefault();
        if (cheap is null)
        {
            return Priced.Skipped("no levers.routing.model (or switch_model candidate) to route to first");
        }

        if (c.Scenario.Segments.All(seg => (seg.Routing ?? c.Scenario.Routing) is not Routing.Single))
        {
            return Priced.Skipped("the scenario already splits or cascades its traffic; price another split with `infercost diff --set`");
        }

        var escalate = 1 - cheap.SuccessRate;
        Transform apply = s =>
        {
            var scenario = WithModel(s.Scenario, new ModelChoice { Alias = LeverAlias, ModelId = cheap.ModelId, Provider = cheap.Provider, TokenEfficiency = cheap.TokenEfficiency });
            return s with { Scenario = MapRouting(scenario, r => r is Routing.Single single ? new Routing.Cascade(LeverAlias, single.Alias, escalate) : r) };
        };
        return Evaluate(
            c,
            "routing",
            apply,
            0,
            "escalated calls are paid on both models and answer later; segments that already split or cascade keep their routing",
            string.Create(Inv, $"{cheap.ModelId} first, escalating {escalate:P0} of calls (1 − its success rate {cheap.SuccessRate:P0}) to the current model"));
    }

    private static Priced Caching(Context c)
    {
        var stable = c.Scenario.Levers.StableInputTokens;
        Transform Apply(bool extended) => s =>
        {
            var scenario = s.Scenario with { Caching = s.Scenario.Caching with { Enabled = true, Extended = extended, TtlMinutes = null } };
            if (stable > 0)
            {
                scenario = MoveStableInput(scenario, stable);
            }

            return s with { Scenario = scenario };
        };

        var five = Evaluate(c, "caching", Apply(false), 0, string.Empty, string.Empty);
        var hour = Evaluate(c, "caching", Apply(true), 0, string.Empty, string.Empty);
        var useHour = hour.Outcome!.MonthlySaving > five.Outcome!.MonthlySaving;
        var chosen = useHour ? hour : five;
        var detail = string.Create(
            Inv,
            $"caching on{(stable > 0 ? $", {stable:N0} stable input tokens per call moved into the per-user cached prefix (user_context_tokens)" : string.Empty)}; TTL {(useHour ? "1 h" : "5 min")} chosen by price (5 min saves {five.Outcome.MonthlySaving:N0}/month, 1 h saves {hour.Outcome.MonthlySaving:N0}/month)");
        return chosen with
        {
            Outcome = chosen.Outcome! with { Detail = detail, Caveat = "needs the stable content at the start of the prompt, byte for byte; hit rates from the TTL model (docs/simulation.md)" },
            Apply = Apply(useHour),
        };
    }

    private static Priced Batch(Context c)
    {
        if (c.Scenario.Levers.BatchEligibleShare is not { } share)
        {
            return Priced.Skipped("no levers.batch.eligible_share: the share of calls that can wait up to 24 h is the product's call");
        }

        Transform apply = s => s with { Scenario = s.Scenario with { Models = [.. s.Scenario.Models.Select(m => m with { BatchShare = Math.Max(m.BatchShare, share) })] } };
        var noDiscount = c.Scenario.Models.Where(m => (c.Catalog.TryResolve(m.ModelId, m.Provider)?.Facts.BatchMultiplier) is null).Select(m => m.ModelId).ToList();
        return Evaluate(
            c,
            "batch",
            apply,
            0,
            "batch calls answer within 24 h, not interactively" + (noDiscount.Count > 0 ? "; no batch discount listed for " + string.Join(", ", noDiscount) : string.Empty),
            string.Create(Inv, $"{share:P0} of calls through the batch API at the provider's batch multiplier (50 % where offered)"));
    }

    private static Priced Distillation(Context c)
    {
        if (c.Scenario.Levers.DistillationModel is not { } student)
        {
            return Priced.Skipped("no levers.distillation.model: the small model the distilled one is priced as");
        }

        var oneTime = c.Scenario.Levers.DistillationOneTimeCost;
        return Evaluate(
            c,
            "distillation",
            SwitchTo(student, c.Scenario.Levers.BaselineSuccessRate),
            oneTime,
            string.Create(Inv, $"the distilled model must reach {student.SuccessRate:P0} task success; one-time cost {oneTime:N0} USD is an input (data, training, evaluation)"),
            string.Create(Inv, $"all traffic on the distilled model priced as {student.ModelId}; failed tasks retried (sessions × baseline success ÷ {student.SuccessRate:P0})"));
    }

    private static Priced SelfHost(Context c)
    {
        if (c.SelfHost is not { } quote)
        {
            return Priced.Skipped(c.SelfHostSkipReason);
        }

        var peak = PeakToMean(c.Scenario.Levers);
        var priced = Evaluate(c, "self_host", SelfHosted(c, quote.InputPerMillion, quote.OutputPerMillion, peak), c.Scenario.Levers.SelfHostOneTimeCost, string.Empty, string.Empty);
        var low = Evaluate(c, "self_host", SelfHosted(c, quote.InputPerMillion, quote.OutputPerMillion, peak * 1.25), 0, string.Empty, string.Empty).Outcome!.MonthlySaving;
        var high = Evaluate(c, "self_host", SelfHosted(c, quote.InputPerMillion, quote.OutputPerMillion, Math.Max(1, peak / 1.25)), 0, string.Empty, string.Empty).Outcome!.MonthlySaving;
        return priced with
        {
            Outcome = priced.Outcome! with
            {
                Low = Math.Min(low, high),
                High = Math.Max(low, high),
                Caveat = string.Create(Inv, $"fleet sized for the busiest hour (peak/mean {peak:0.##}; interval: ×1.25 and ÷1.25), at least one replica always on; open-model quality {c.Scenario.Levers.SelfHostSuccessRate:P0} task success; ops staff not counted"),
                Detail = string.Create(Inv, $"{quote.Description}: {quote.InputPerMillion:0.###}/{quote.OutputPerMillion:0.###} USD per 1M input/output tokens at full load, × {peak:0.##} for idle capacity; replica floor {quote.ReplicaMonthlyCost:N0} USD/month"),
            },
        };
    }

    private static Priced Speculative(Context c)
    {
        if (c.SelfHost is not { } quote)
        {
            return Priced.Skipped("speculative decoding runs on a self-hosted model: " + c.SelfHostSkipReason);
        }

        var l = c.Scenario.Levers;
        var speedup = SpeculativeSpeedup(l.SpeculativeAcceptance, l.SpeculativeDraftTokens, l.SpeculativeDraftCostRatio);
        var peak = PeakToMean(l);
        var baseSelf = SelfHosted(c, quote.InputPerMillion, quote.OutputPerMillion, peak);
        var withSpec = SelfHosted(c, quote.InputPerMillion, quote.OutputPerMillion / speedup, peak);
        var tokens = TokensPerTargetStep(l.SpeculativeAcceptance, l.SpeculativeDraftTokens);
        return Incremental(
            c,
            "speculative_decoding",
            baseSelf,
            withSpec,
            0,
            "saving on top of self_host; output is unchanged (the target model verifies every token); acceptance depends on the draft and the traffic",
            string.Create(Inv, $"α {l.SpeculativeAcceptance:0.##}, γ {l.SpeculativeDraftTokens}: (1 − α^(γ+1)) / (1 − α) = {tokens:0.###} tokens per target step; draft cost {l.SpeculativeDraftCostRatio:0.###} per token → decode {speedup:0.###}× faster, output cost ÷ {speedup:0.###}"));
    }

    private static Priced Quantization(Context c)
    {
        if (c.SelfHost is not { } quote)
        {
            return Priced.Skipped("quantization applies to a self-hosted model: " + c.SelfHostSkipReason);
        }

        if (quote.QuantizedInputPerMillion is not { } qin || quote.QuantizedOutputPerMillion is not { } qout)
        {
            return Priced.Skipped($"no {c.Scenario.Levers.QuantizationPrecision} quote for {quote.Description} from the serving planner");
        }

        var l = c.Scenario.Levers;
        var peak = PeakToMean(l);

        // Quality cost (Kurtic et al. 2024, "Give Me BF16 or Give Me Death", arXiv:2411.02355): FP8 W8A8 recovers
        // ≈ 99.9 % of BF16 accuracy, INT4 weight-only ≈ 98.5 %; lost accuracy is priced as retried tasks.
        var recovery = l.QuantizationPrecision == "int4" ? 0.985 : 0.999;
        var baseSelf = SelfHosted(c, quote.InputPerMillion, quote.OutputPerMillion, peak);
        Transform quantized = s =>
        {
            var state = SelfHosted(c, qin, qout, peak)(s);
            return state with { Scenario = ScaleSessions(state.Scenario, 1 / recovery) };
        };
        return Incremental(
            c,
            "quantization",
            baseSelf,
            quantized,
            0,
            string.Create(Inv, $"saving on top of self_host; quality cost {1 - recovery:P1} of tasks retried (Kurtic et al. 2024, arXiv:2411.02355); evaluate on your own tasks"),
            string.Create(Inv, $"{quote.QuantizedDescription}: {qin:0.###}/{qout:0.###} USD per 1M input/output tokens at full load vs {quote.InputPerMillion:0.###}/{quote.OutputPerMillion:0.###} (weights and KV in less memory: larger batches, faster decode)"));
    }

    private static Priced Edge(Context c)
    {
        if (c.Scenario.Levers.EdgeShare is not { } share)
        {
            return Priced.Skipped("no levers.edge.share: the share of requests a user's device can serve");
        }

        var fallback = c.Scenario.Levers.EdgeFallbackShare;
        var cloud = 1 - share + (share * fallback);
        Transform apply = s => s with { Scenario = ScaleSessions(s.Scenario, cloud) };
        return Evaluate(
            c,
            "edge",
            apply,
            c.Scenario.Levers.EdgeOneTimeCost,
            "devices without an NPU or memory for the model fall back to the cloud; on-device quality is usually below the cloud model's",
            string.Create(Inv, $"{share:P0} of requests on the device, {fallback:P0} of those fall back to the cloud: cloud traffic × {cloud:0.###}"));
    }

    private static Priced PricingModel(Context c)
    {
        var o = c.Baseline.Outcomes;
        var scenario = c.Scenario;
        var scale = scenario.Users / o.Count;
        double gainFlat = 0, gainUsage = 0, gainOutcome = 0, revenue = 0, cost = 0;
        var descriptions = new List<string>();
        for (var p = 0; p < scenario.Plans.Length; p++)
        {
            var plan = scenario.Plans[p];
            if (plan.IsFree)
            {
                continue;
            }

            double pc = 0, pr = 0, calls = 0, sessions = 0;
            for (var i = 0; i < o.Count; i++)
            {
                if (o.Plan[i] == p)
                {
                    pc += o.Cost[i];
                    pr += o.Revenue[i];
                    calls += o.Calls[i];
                    sessions += o.Sessions[i];
                }
            }

            revenue += pr;
            cost += pc;
            var target = pc / (1 - PricingTargetMargin);
            gainFlat += 0;
            gainUsage += target - pr;
            gainOutcome += target - pr;
            if (calls > 0)
            {
                descriptions.Add(string.Create(Inv, $"{plan.Id}: {target / calls:0.####} USD per call or {target / Math.Max(sessions, 1e-9):0.####} per task instead of {plan.MonthlyPrice:0.##}/month"));
            }
        }

        if (descriptions.Count == 0)
        {
            return Priced.Skipped("no paid plan to re-price");
        }

        var gain = Math.Max(gainUsage, gainOutcome) * scale;
        var totalRevenue = c.Baseline.Months[0].Revenue + gain;
        var totalCost = c.Baseline.Months[0].Cost;
        return new Priced(
            new LeverOutcome(
                "pricing_model",
                gain,
                Margin(totalRevenue, totalCost),
                c.Baseline.CostPerUser.P95,
                0,
                null,
                gain,
                gain,
                string.Create(Inv, $"a revenue change, not a cost saving: usage- or outcome-based prices set for a {PricingTargetMargin:P0} margin on the same simulated users, assuming they keep their usage; negative when flat pricing already earns more"),
                "paid plans re-priced per call or per completed task (outcome-based), compared with flat on the same users: " + string.Join("; ", descriptions)),
            null,
            null);
    }

    private static double PeakToMean(LeverSettings l) => l.LoadCurve.IsDefaultOrEmpty ? DefaultPeakToMean : l.LoadCurve.Max() / l.LoadCurve.Average();

    private static Transform SelfHosted(Context c, double inputPerMillion, double outputPerMillion, double peakToMean) => s =>
    {
        var catalog = WithSelfHostedModel(s.Catalog, inputPerMillion * peakToMean, outputPerMillion * peakToMean);
        var scenario = WithModel(s.Scenario, new ModelChoice { Alias = LeverAlias, ModelId = SelfHostModel, Provider = SelfHostProvider });
        scenario = MapRouting(scenario, _ => new Routing.Single(LeverAlias));
        scenario = ScaleSessions(scenario, c.Scenario.Levers.BaselineSuccessRate / c.Scenario.Levers.SelfHostSuccessRate);
        var floor = c.SelfHost!.ReplicaMonthlyCost;
        return new LeverState(scenario, catalog)
        {
            // At least one replica runs all month: below that volume the fleet costs the floor.
            ExtraMonthlyCost = r => Math.Max(0, floor - (r.CostByModel.Where(m => m.Alias == LeverAlias).Sum(m => m.CostPerUser) * scenario.Users)),
        };
    };

    private static PriceCatalog WithSelfHostedModel(PriceCatalog catalog, double inputPerMillion, double outputPerMillion)
    {
        var input = (decimal)inputPerMillion;
        var card = new RateCard([
            new UnitPrice(UsageUnits.InputTokens, TieredPrice.Flat(input)),
            new UnitPrice(UsageUnits.CacheReadTokens, TieredPrice.Flat(input * (decimal)SelfHostCachedShare)),
            new UnitPrice(UsageUnits.OutputTokens, TieredPrice.Flat((decimal)outputPerMillion)),
        ]);
        var provider = new CatalogProvider
        {
            Id = SelfHostProvider,
            Name = "Self-hosted (serving planner)",
            Models = [new CatalogModel { Id = SelfHostModel, Match = new ModelMatch.EqualsClause(SelfHostModel), Versions = [new PriceVersion(null, card)] }],
        };
        return new PriceCatalog(catalog.Providers.Where(p => p.Id != SelfHostProvider).Append(provider), catalog.Attributions);
    }

    private static Priced Evaluate(Context c, string lever, Transform apply, double oneTime, string caveat, string detail)
    {
        var state = apply(new LeverState(c.Scenario, c.Catalog));
        var after = MonteCarloEngine.Run(state.Scenario, state.Catalog, c.Options);
        return new Priced(Outcome(c, c.Baseline, 0, after, state.ExtraMonthlyCost(after), lever, oneTime, caveat, detail), apply, null);
    }

    private static Priced Incremental(Context c, string lever, Transform before, Transform after, double oneTime, string caveat, string detail)
    {
        var b = before(new LeverState(c.Scenario, c.Catalog));
        var a = after(new LeverState(c.Scenario, c.Catalog));
        var rb = MonteCarloEngine.Run(b.Scenario, b.Catalog, c.Options);
        var ra = MonteCarloEngine.Run(a.Scenario, a.Catalog, c.Options);
        return new Priced(Outcome(c, rb, b.ExtraMonthlyCost(rb), ra, a.ExtraMonthlyCost(ra), lever, oneTime, caveat, detail), after, null);
    }

    /// <summary>The saving of <paramref name="after"/> against <paramref name="before"/> with a paired 95 % interval over the same users.</summary>
    private static LeverOutcome Outcome(Context c, SimulationResult before, double beforeExtra, SimulationResult after, double afterExtra, string lever, double oneTime, string caveat, string detail)
    {
        var beforeCost = before.Months[0].Cost + beforeExtra;
        var afterCost = after.Months[0].Cost + afterExtra;
        var saving = beforeCost - afterCost;

        // Paired differences, user by user (same seed, same index: common random numbers).
        var a = before.Outcomes;
        var b = after.Outcomes;
        var n = Math.Min(a.Count, b.Count);
        double sum = 0, sumSq = 0;
        for (var i = 0; i < n; i++)
        {
            var d = a.Cost[i] - b.Cost[i];
            sum += d;
            sumSq += d * d;
        }

        var mean = sum / n;
        var sd = n > 1 ? Math.Sqrt(Math.Max(0, (sumSq - (n * mean * mean)) / (n - 1))) : 0;
        var half = 1.96 * sd / Math.Sqrt(n) * c.Scenario.Users;
        return new LeverOutcome(
            lever,
            saving,
            Margin(after.Months[0].Revenue, afterCost),
            after.CostPerUser.P95,
            oneTime,
            saving > 0 ? oneTime / saving : null,
            saving - half,
            saving + half,
            caveat,
            detail);
    }

    private static double? Margin(double revenue, double cost) => revenue > 0 ? (revenue - cost) / revenue : null;

    private static Scenario WithModel(Scenario s, ModelChoice model)
        => s with { Models = [.. s.Models.Where(m => m.Alias != model.Alias), model] };

    private static Scenario MapRouting(Scenario s, Func<Routing, Routing> f)
        => s with { Routing = f(s.Routing), Segments = [.. s.Segments.Select(seg => seg.Routing is null ? seg : seg with { Routing = f(seg.Routing) })] };

    private static Scenario ScaleSessions(Scenario s, double factor)
        => factor == 1 ? s : s with { Segments = [.. s.Segments.Select(seg => seg with { Sessions = seg.Sessions.Scale(factor) })] };

    private static Scenario MoveStableInput(Scenario s, double tokens)
    {
        AgentLoop Move(AgentLoop a) => a with { UserContextTokens = a.UserContextTokens + tokens };
        return s with
        {
            Agent = Move(s.Agent),
            Segments =
            [
                .. s.Segments.Select(seg =>
                {
                    var mean = seg.InputTokens.Mean;
                    var scaled = mean > 0 ? seg.InputTokens.Scale(Math.Max(0, mean - tokens) / mean) : seg.InputTokens;
                    return seg with { InputTokens = scaled, Agent = seg.Agent is null ? null : Move(seg.Agent) };
                }),
            ],
        };
    }

    /// <summary>A scenario and catalog a lever changed, and costs outside the simulation (a self-hosted fleet's floor).</summary>
    private sealed record LeverState(Scenario Scenario, PriceCatalog Catalog)
    {
        public Func<SimulationResult, double> ExtraMonthlyCost { get; init; } = _ => 0;
    }

    private delegate LeverState Transform(LeverState state);

    private sealed record Priced(LeverOutcome? Outcome, Transform? Apply, string? Skip)
    {
        public static Priced Skipped(string reason) => new(null, null, reason);
    }

    private sealed record Context(Scenario Scenario, PriceCatalog Catalog, SimulationOptions Options, SimulationResult Baseline, SelfHostQuote? SelfHost, string SelfHostSkipReason);
}
