using System.Collections.Immutable;
using System.Globalization;
using InferCost.Data.Yaml;
using InferCost.Workloads;
using YamlDotNet.RepresentationModel;
using B = InferCost.Data.Scenarios.ScenarioBounds;

namespace InferCost.Data.Scenarios;

/// <summary>Maps a scenario's YAML onto <see cref="Scenario"/> through the shared <see cref="YamlReader"/>, collecting every problem.</summary>
internal sealed class ScenarioReader(YamlReader yaml)
{
    /// <summary>The top-level keys (the schema lists the same).</summary>
    internal static readonly string[] TopKeys = ["name", "description", "users", "horizon", "models", "routing", "agent", "caching", "segments", "plans", "levers"];

    /// <summary>The keys of a model choice.</summary>
    internal static readonly string[] ModelKeys = ["id", "provider", "token_efficiency", "batch_share"];

    /// <summary>The keys of an agent loop.</summary>
    internal static readonly string[] AgentKeys = ["system_prompt_tokens", "tool_definition_tokens", "user_context_tokens", "tool_result_tokens", "tool_calls_per_step", "tool_fee_per_1000", "reasoning_share", "resend_history", "context_cap", "context_policy", "summary_tokens", "step_gap_seconds"];

    /// <summary>The keys of the caching settings.</summary>
    internal static readonly string[] CachingKeys = ["enabled", "ttl_minutes", "extended", "hit_rate", "explicit_cache", "shared_prefix", "overflow_hit_rate"];

    /// <summary>The keys of a plan.</summary>
    internal static readonly string[] PlanKeys = ["price", "meter", "included", "overage_price", "hard_cap"];

    /// <summary>The keys of a segment.</summary>
    internal static readonly string[] SegmentKeys = ["share", "plan", "sessions", "steps", "input_tokens", "output_tokens", "correlation", "routing", "agent"];

    /// <summary>The keys of the horizon.</summary>
    internal static readonly string[] HorizonKeys = ["months", "start", "growth", "churn", "month_noise", "churn_usage_elasticity"];

    /// <summary>Keys of <c>levers</c>.</summary>
    internal static readonly string[] LeverKeys = ["baseline_success_rate", "switch_model", "routing", "caching", "batch", "distillation", "self_host", "speculative_decoding", "quantization", "edge", "pricing_model"];

    /// <summary>Keys of each lever's section under <c>levers</c>.</summary>
    internal static readonly IReadOnlyDictionary<string, string[]> LeverSectionKeys = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["switch_model"] = ["candidates"],
        ["routing"] = ["model", "provider", "success_rate", "token_efficiency"],
        ["caching"] = ["stable_input_tokens"],
        ["batch"] = ["eligible_share"],
        ["distillation"] = ["model", "provider", "success_rate", "token_efficiency", "one_time_cost"],
        ["self_host"] = ["model", "gpu", "gpu_hour_price", "one_time_cost", "success_rate", "load_curve"],
        ["speculative_decoding"] = ["acceptance", "draft_tokens", "draft_cost_ratio"],
        ["quantization"] = ["precision"],
        ["edge"] = ["share", "fallback_share", "one_time_cost"],
        ["pricing_model"] = [],
    };

    /// <summary>Keys of one <c>levers.switch_model.candidates</c> entry.</summary>
    internal static readonly string[] CandidateKeys = ["id", "provider", "success_rate", "token_efficiency"];

    /// <summary>The keys of a distribution.</summary>
    internal static readonly string[] DistributionKeys = ["fixed", "mean", "sd", "median", "p90", "pareto", "min", "alpha", "table", "max"];

    /// <summary>The keys of a routing mapping.</summary>
    internal static readonly string[] RoutingKeys = ["model", "split", "cascade"];

    /// <summary>The keys of a cascade.</summary>
    internal static readonly string[] CascadeKeys = ["first", "escalate_to", "escalate_share"];

    /// <summary>The keys of a pareto mapping.</summary>
    internal static readonly string[] ParetoKeys = ["min", "alpha"];

    private int Errors => yaml.Issues.Count;

    public Scenario? ReadScenario(YamlMap root)
    {
        root.Known(TopKeys);
        var name = root.Text("name") ?? "scenario";
        var models = ReadModels(root);
        var routing = ReadRouting(root, "routing") ?? (models.Length > 0 ? new Routing.Single(models[0].Alias) : null);
        var agent = ReadAgent(root.Value("agent"), "agent", AgentLoop.Default);
        var caching = ReadCaching(root);
        var plans = ReadPlans(root);
        var segments = ReadSegments(root, agent);
        var horizon = ReadHorizon(root);
        var levers = ReadLevers(root);
        var users = root.Whole("users", 1, B.MaxUsers);
        if (!root.Has("models"))
        {
            yaml.Report(root.Node, "models", "missing: name at least one model (e.g. models: { main: { id: gpt-5.4 } })");
        }

        if (!root.Has("segments"))
        {
            yaml.Report(root.Node, "segments", "missing: describe at least one user segment");
        }

        if (!root.Has("plans"))
        {
            yaml.Report(root.Node, "plans", "missing: describe at least one plan");
        }

        if (routing is null || Errors > 0)
        {
            return null;
        }

        return new Scenario
        {
            Name = name,
            Description = root.Text("description"),
            Users = users ?? 1000,
            Horizon = horizon,
            Models = models,
            Routing = routing,
            Agent = agent,
            Caching = caching,
            Segments = segments,
            Plans = plans,
            Levers = levers,
        };
    }

    private LeverSettings ReadLevers(YamlMap root)
    {
        if (root.Map("levers", expected: "expected a mapping of lever inputs (switch_model, routing, caching, batch, ...)") is not { } map)
        {
            return LeverSettings.None;
        }

        map.Known(LeverKeys);
        var settings = new LeverSettings { BaselineSuccessRate = map.Number("baseline_success_rate", double.Epsilon, 1) ?? 1 };
        YamlMap? Section(string key)
        {
            if (map.Map(key) is not { } section)
            {
                return null;
            }

            section.Known(LeverSectionKeys[key]);
            return section;
        }

        ModelCandidate? Candidate(YamlMap m, string idKey)
        {
            var id = m.Text(idKey, required: true);
            return id is null ? null : new ModelCandidate(id, m.Text("provider"), m.Number("success_rate", double.Epsilon, 1) ?? 1, m.Number("token_efficiency", double.Epsilon, B.MaxTokenEfficiency) ?? 1);
        }

        if (Section("switch_model") is { } sw)
        {
            var list = ImmutableArray.CreateBuilder<ModelCandidate>();
            var items = sw.List("candidates", required: true) ?? [];
            for (var i = 0; i < items.Count; i++)
            {
                if (yaml.AsMap(items[i], $"{sw.Field("candidates")}.{i}", "expected { id, success_rate, token_efficiency? }") is { } c)
                {
                    c.Known(CandidateKeys);
                    if (Candidate(c, "id") is { } cand)
                    {
                        list.Add(cand);
                    }
                }
            }

            settings = settings with { SwitchCandidates = list.ToImmutable() };
        }

        if (Section("routing") is { } rt)
        {
            settings = settings with { RoutingCheapModel = Candidate(rt, "model") };
        }

        if (Section("caching") is { } ca)
        {
            settings = settings with { StableInputTokens = ca.Number("stable_input_tokens", 0, B.MaxTokens) ?? 0 };
        }

        if (Section("batch") is { } ba)
        {
            settings = settings with { BatchEligibleShare = ba.Number("eligible_share", 0, 1, required: true) };
        }

        if (Section("distillation") is { } di)
        {
            settings = settings with
            {
                DistillationModel = Candidate(di, "model"),
                DistillationOneTimeCost = di.Number("one_time_cost", 0, 1e12) ?? settings.DistillationOneTimeCost,
            };
        }

        if (Section("self_host") is { } sh)
        {
            var curve = ImmutableArray<double>.Empty;
            if (sh.List("load_curve") is { } loads)
            {
                curve = [.. loads.Select((n, i) => yaml.AsNumber(n, $"{sh.Field("load_curve")}.{i}", 0, 1e6) ?? 1)];
                if (curve.Length != 24)
                {
                    sh.Report("load_curve", $"expected 24 hourly loads, got {curve.Length}");
                }
            }

            settings = settings with
            {
                SelfHostModel = sh.Text("model", required: true),
                SelfHostGpu = sh.Text("gpu"),
                SelfHostGpuHourPrice = sh.Number("gpu_hour_price", 0, 1000),
                SelfHostOneTimeCost = sh.Number("one_time_cost", 0, 1e12) ?? settings.SelfHostOneTimeCost,
                SelfHostSuccessRate = sh.Number("success_rate", double.Epsilon, 1) ?? 1,
                LoadCurve = curve,
            };
        }

        if (Section("speculative_decoding") is { } sd)
        {
            settings = settings with
            {
                SpeculativeAcceptance = sd.Number("acceptance", 0, 0.999) ?? settings.SpeculativeAcceptance,
                SpeculativeDraftTokens = sd.Int("draft_tokens", 1, 64) ?? settings.SpeculativeDraftTokens,
                SpeculativeDraftCostRatio = sd.Number("draft_cost_ratio", 0, 1) ?? settings.SpeculativeDraftCostRatio,
            };
        }

        if (Section("quantization") is { } qu)
        {
            var precision = qu.Text("precision") ?? "fp8";
            if (precision is not ("fp8" or "int4"))
            {
                qu.Report("precision", $"expected fp8 or int4, got '{precision}'");
            }

            settings = settings with { QuantizationPrecision = precision };
        }

        if (Section("edge") is { } ed)
        {
            settings = settings with
            {
                EdgeShare = ed.Number("share", 0, 1, required: true),
                EdgeFallbackShare = ed.Number("fallback_share", 0, 1) ?? settings.EdgeFallbackShare,
                EdgeOneTimeCost = ed.Number("one_time_cost", 0, 1e12) ?? settings.EdgeOneTimeCost,
            };
        }

        _ = Section("pricing_model");
        return settings;
    }

    private ImmutableArray<ModelChoice> ReadModels(YamlMap root)
    {
        if (root.Map("models", expected: "expected a mapping keyed by alias") is not { } models)
        {
            return [];
        }

        var list = ImmutableArray.CreateBuilder<ModelChoice>();
        foreach (var (alias, value, path) in models.Entries)
        {
            if (value is YamlScalarNode s)
            {
                yaml.Mark(path + ".id", s);
                list.Add(new ModelChoice { Alias = alias, ModelId = s.Value ?? string.Empty });
                continue;
            }

            if (yaml.AsMap(value, path, "expected a model id or a mapping with id, provider, token_efficiency, batch_share") is not { } map)
            {
                continue;
            }

            map.Known(ModelKeys);
            var id = map.Text("id");
            if (id is null)
            {
                yaml.Report(map.Node, path + ".id", "missing: the catalog model id (e.g. gpt-5.4)");
                continue;
            }

            list.Add(new ModelChoice
            {
                Alias = alias,
                ModelId = id,
                Provider = map.Text("provider"),
                TokenEfficiency = map.Number("token_efficiency", double.Epsilon, B.MaxTokenEfficiency) ?? 1,
                BatchShare = map.Number("batch_share", 0, 1) ?? 0,
            });
        }

        return list.ToImmutable();
    }

    private Routing? ReadRouting(YamlMap parent, string key)
    {
        var path = parent.Field(key);
        switch (parent.Value(key))
        {
            case null:
                return null;
            case YamlScalarNode s:
                return new Routing.Single(s.Value ?? string.Empty);
            case YamlMappingNode node:
                var map = yaml.AsMap(node, path)!;
                map.Known(RoutingKeys);
                if (map.Text("model") is { } single)
                {
                    return new Routing.Single(single);
                }

                if (map.Map("split", expected: "expected a mapping of model alias to share") is { } split)
                {
                    var shares = ImmutableArray.CreateBuilder<RouteShare>();
                    foreach (var (alias, value, p) in split.Entries)
                    {
                        if (yaml.AsNumber(value, p, 0, 1) is { } share)
                        {
                            shares.Add(new RouteShare(alias, share));
                        }
                    }

                    return new Routing.Split(shares.ToImmutable());
                }

                if (map.Map("cascade") is { } c)
                {
                    c.Known(CascadeKeys);
                    var first = c.Text("first");
                    var to = c.Text("escalate_to");
                    var share = c.Number("escalate_share", 0, 1);
                    if (first is null || to is null || share is null)
                    {
                        yaml.Report(c.Path, "a cascade needs first, escalate_to and escalate_share");
                        return null;
                    }

                    return new Routing.Cascade(first, to, share.Value);
                }

                yaml.Report(node, path, "expected model, split or cascade");
                return null;
            case var other:
                yaml.Report(other, path, "expected a model alias or a mapping (model, split or cascade)");
                return null;
        }
    }

    private AgentLoop ReadAgent(YamlNode? node, string path, AgentLoop defaults)
    {
        if (node is null || yaml.AsMap(node, path) is not { } map)
        {
            return defaults;
        }

        map.Known(AgentKeys);
        var policy = map.Text("context_policy");
        var parsedPolicy = defaults.ContextPolicy;
        if (policy is not null && !Enum.TryParse(policy, ignoreCase: true, out parsedPolicy))
        {
            map.Report("context_policy", $"expected truncate or summarize, got '{policy}'");
        }

        return defaults with
        {
            SystemPromptTokens = map.Number("system_prompt_tokens", 0, B.MaxTokens) ?? defaults.SystemPromptTokens,
            ToolDefinitionTokens = map.Number("tool_definition_tokens", 0, B.MaxTokens) ?? defaults.ToolDefinitionTokens,
            UserContextTokens = map.Number("user_context_tokens", 0, B.MaxTokens) ?? defaults.UserContextTokens,
            ToolResultTokens = Dist(map, "tool_result_tokens", B.MaxTokens) ?? defaults.ToolResultTokens,
            ToolCallsPerStep = map.Number("tool_calls_per_step", 0, B.MaxToolCallsPerStep) ?? defaults.ToolCallsPerStep,
            ToolFeePer1000 = map.Number("tool_fee_per_1000", 0, B.MaxPrice) ?? defaults.ToolFeePer1000,
            ReasoningShare = map.Number("reasoning_share", 0, 0.99) ?? defaults.ReasoningShare,
            ResendHistory = map.Bool("resend_history") ?? defaults.ResendHistory,
            ContextCap = map.Number("context_cap", 1, B.MaxTokens) ?? defaults.ContextCap,
            ContextPolicy = parsedPolicy,
            SummaryTokens = map.Number("summary_tokens", 0, B.MaxTokens) ?? defaults.SummaryTokens,
            StepGapSeconds = map.Number("step_gap_seconds", double.Epsilon, B.MaxStepGapSeconds) ?? defaults.StepGapSeconds,
        };
    }

    private static CachingSettings ReadCaching(YamlMap root)
    {
        if (root.Map("caching") is not { } map)
        {
            return CachingSettings.Default;
        }

        map.Known(CachingKeys);
        return new CachingSettings
        {
            Enabled = map.Bool("enabled") ?? true,
            TtlMinutes = map.Number("ttl_minutes", double.Epsilon, B.MaxTtlMinutes),
            Extended = map.Bool("extended") ?? false,
            HitRate = map.Number("hit_rate", 0, 1),
            ExplicitCache = map.Bool("explicit_cache") ?? false,
            SharedPrefix = map.Bool("shared_prefix") ?? true,
            OverflowHitRate = map.Number("overflow_hit_rate", 0, 1) ?? 0.5,
        };
    }

    private static Horizon ReadHorizon(YamlMap root)
    {
        if (root.Map("horizon", expected: "expected a mapping with months, start, growth, churn") is not { } map)
        {
            return Horizon.Default;
        }

        map.Known(HorizonKeys);
        var start = map.Date("start", ["yyyy-MM", "yyyy-MM-dd"], "like 2026-07");
        return new Horizon
        {
            Months = map.Int("months", 1, B.MaxMonths) ?? 12,
            Start = start is { } d ? new DateOnly(d.Year, d.Month, 1) : null,
            MonthlyGrowth = map.Number("growth", 0, B.MaxMonthlyGrowth) ?? 0,
            MonthlyChurn = map.Number("churn", 0, 1) ?? 0,
            MonthNoise = map.Number("month_noise", 0, 3) ?? Horizon.DefaultMonthNoise,
            ChurnUsageElasticity = map.Number("churn_usage_elasticity", 0, 10) ?? 0,
        };
    }

    private ImmutableArray<Plan> ReadPlans(YamlMap root)
    {
        if (root.Map("plans", expected: "expected a mapping keyed by plan id") is not { } plans)
        {
            return [];
        }

        var list = ImmutableArray.CreateBuilder<Plan>();
        foreach (var (id, value, path) in plans.Entries)
        {
            if (yaml.AsMap(value, path, "expected a mapping with price, meter, included, overage_price, hard_cap") is not { } map)
            {
                continue;
            }

            map.Known(PlanKeys);
            var meter = map.Text("meter");
            var parsed = PlanMeter.Sessions;
            if (meter is not null && !Enum.TryParse(meter, ignoreCase: true, out parsed))
            {
                map.Report("meter", $"expected sessions or calls, got '{meter}'");
            }

            list.Add(new Plan
            {
                Id = id,
                MonthlyPrice = map.Number("price", 0, B.MaxPrice) ?? 0,
                Meter = parsed,
                Included = map.Number("included", 0, B.MaxAllowance),
                OveragePrice = map.Number("overage_price", 0, B.MaxPrice) ?? 0,
                HardCap = map.Number("hard_cap", double.Epsilon, B.MaxAllowance),
            });
        }

        return list.ToImmutable();
    }

    private ImmutableArray<Segment> ReadSegments(YamlMap root, AgentLoop agent)
    {
        if (root.Map("segments", expected: "expected a mapping keyed by segment id") is not { } segments)
        {
            return [];
        }

        var list = ImmutableArray.CreateBuilder<Segment>();
        foreach (var (id, value, path) in segments.Entries)
        {
            if (yaml.AsMap(value, path, "expected a mapping with share, plan, sessions, steps, input_tokens, output_tokens") is not { } map)
            {
                continue;
            }

            map.Known(SegmentKeys);
            var before = Errors;
            var share = map.Number("share", 0, 1);
            var plan = map.Text("plan");
            var sessions = Dist(map, "sessions", B.MaxSessions);
            var input = Dist(map, "input_tokens", B.MaxTokens);
            var output = Dist(map, "output_tokens", B.MaxTokens);
            foreach (var field in new[] { "share", "plan", "sessions", "input_tokens", "output_tokens" })
            {
                if (!map.Has(field))
                {
                    yaml.Report(map.Node, map.Field(field), "missing");
                }
            }

            if (share is null || plan is null || sessions is null || input is null || output is null || Errors > before)
            {
                continue;
            }

            list.Add(new Segment
            {
                Id = id,
                Share = share.Value,
                PlanId = plan,
                Sessions = sessions,
                Steps = Dist(map, "steps", B.MaxSteps) ?? new Distribution.Fixed(1),
                InputTokens = input,
                OutputTokens = output,
                SessionStepCorrelation = map.Number("correlation", -1, 1) ?? 0,
                Routing = ReadRouting(map, "routing"),
                Agent = map.Value("agent") is { } a ? ReadAgent(a, map.Field("agent"), agent) : null,
            });
        }

        return list.ToImmutable();
    }

    /// <summary>Reads a distribution whose values are bounded by <paramref name="bound"/> (its parameters, its cap, its far tail).</summary>
    private Distribution? Dist(YamlMap parent, string key, double bound)
    {
        var p = parent.Field(key);
        switch (parent.Value(key))
        {
            case null:
                return null;
            case YamlScalarNode s:
                return yaml.AsNumber(s, p, 0, bound) is { } v ? new Distribution.Fixed(v) : null;
            case YamlMappingNode node:
                return ReadDistribution(yaml.AsMap(node, p)!, bound);
            case var other:
                yaml.Report(other, p, "expected a number or a distribution (fixed, mean+sd, median+p90, pareto, table)");
                return null;
        }
    }

    private Distribution? ReadDistribution(YamlMap map, double bound)
    {
        map.Known(DistributionKeys);
        var before = Errors;
        var p = map.Path;
        Distribution? d = null;
        if (map.Number("fixed", 0, bound) is { } f)
        {
            d = new Distribution.Fixed(f);
        }
        else if (map.Number("median", 0, bound) is { } median)
        {
            var p90 = map.Number("p90", 0, bound);
            if (p90 is null)
            {
                if (!map.Has("p90"))
                {
                    yaml.Report(p + ".p90", "a lognormal needs p90 with its median");
                }

                return null;
            }

            d = new Distribution.LogNormal(median, p90.Value);
        }
        else if (map.Number("mean", 0, bound) is { } mean)
        {
            d = new Distribution.Normal(mean, map.Number("sd", 0, bound) ?? 0);
        }
        else if (map.Map("pareto", expected: "expected { min, alpha }") is { } pareto)
        {
            pareto.Known(ParetoKeys);
            d = new Distribution.Pareto(pareto.Number("min", 0, bound) ?? 0, pareto.Number("alpha", 0, B.MaxParetoAlpha) ?? 0);
        }
        else if (map.Number("min", 0, bound) is { } min)
        {
            d = new Distribution.Pareto(min, map.Number("alpha", 0, B.MaxParetoAlpha) ?? 0);
        }
        else if (map.Value("table") is { } table)
        {
            d = ReadTable(table, p + ".table", bound);
        }
        else
        {
            if (Errors == before)
            {
                yaml.Report(map.Node, p, "expected one of: fixed, mean + sd, median + p90, pareto {min, alpha}, table");
            }

            return null;
        }

        if (d is null || Errors > before)
        {
            return null;
        }

        var max = map.Number("max", double.Epsilon, bound);
        if (max is not null)
        {
            d = new Distribution.Capped(d, max.Value);
        }

        var problems = Errors;
        Scenario.ValidateDistribution(d, p, yaml.Report);
        if (Errors == problems && max is null && d is not Distribution.Fixed and not Distribution.Empirical)
        {
            var tail = d.Quantile(B.TailQuantile);
            if (!(tail <= bound))
            {
                yaml.Report(map.Node, p, string.Create(CultureInfo.InvariantCulture, $"one draw in a million lies beyond {tail:G3}, above the most allowed ({bound:G3}): narrow it or add max: (at most {bound:G3})"));
            }
        }

        return Errors > before ? null : d;
    }

    private Distribution.Empirical? ReadTable(YamlNode node, string path, double bound)
    {
        if (yaml.AsList(node, path, "expected a list of [value, weight] rows") is not { } rows)
        {
            return null;
        }

        var before = Errors;
        var points = ImmutableArray.CreateBuilder<EmpiricalPoint>();
        for (var i = 0; i < rows.Count; i++)
        {
            var rp = $"{path}.{i}";
            yaml.Mark(rp, rows[i]);
            if (rows[i] is YamlSequenceNode { Children.Count: 2 } pair)
            {
                var v = yaml.AsNumber(pair.Children[0], rp, 0, bound);
                var w = yaml.AsNumber(pair.Children[1], rp, 0, B.MaxTableWeight);
                if (v is not null && w is not null)
                {
                    points.Add(new EmpiricalPoint(v.Value, w.Value));
                }
            }
            else
            {
                yaml.Report(rows[i], rp, "expected [value, weight]");
            }
        }

        if (Errors > before)
        {
            return null;
        }

        if (points.Count == 0 || points.Sum(p => p.Weight) <= 0)
        {
            yaml.Report(node, path, "a table needs rows with non-negative values and weights and a positive total weight");
            return null;
        }

        return new Distribution.Empirical(points.ToImmutable());
    }
}
