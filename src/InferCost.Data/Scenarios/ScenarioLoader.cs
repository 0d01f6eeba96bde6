using System.Collections.Immutable;
using System.Globalization;
using InferCost.Errors;
using InferCost.Pricing;
using InferCost.Workloads;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace InferCost.Data.Scenarios;

/// <summary>
/// Reads scenario YAML (schema: <c>examples/scenario.schema.json</c>) into a <see cref="Scenario"/>. Every problem names
/// the file, line and field; with a catalog, unknown models are reported with the closest ids. Nothing is returned
/// from a half-valid file.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>Reads and validates a scenario file.</summary>
    /// <exception cref="InputFileException">The file is missing, not YAML, or invalid (the first problem; the message counts the rest).</exception>
    public static Scenario Load(string path, PriceCatalog? catalog = null, IEnumerable<ScenarioOverride>? overrides = null)
    {
        var (scenario, issues) = Check(path, catalog, overrides);
        if (issues.Length > 0)
        {
            var first = issues[0];
            var more = issues.Length > 1 ? $" (and {issues.Length - 1} more problem{(issues.Length > 2 ? "s" : string.Empty)}; run `infercost scenario check {path}`)" : string.Empty;
            throw new InputFileException(first.File, first.Line, first.Field, first.Problem + more);
        }

        return scenario!;
    }

    /// <summary>Reads a scenario file and lists every problem (none: the scenario is returned).</summary>
    public static (Scenario? Scenario, ImmutableArray<ScenarioIssue> Issues) Check(string path, PriceCatalog? catalog = null, IEnumerable<ScenarioOverride>? overrides = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(path, null, null, "cannot read the file: " + ex.Message);
        }

        return Parse(text, path, catalog, overrides);
    }

    /// <summary>Reads scenario YAML text (<paramref name="file"/> names it in messages).</summary>
    public static (Scenario? Scenario, ImmutableArray<ScenarioIssue> Issues) Parse(string yaml, string file, PriceCatalog? catalog = null, IEnumerable<ScenarioOverride>? overrides = null)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            return (null, [new ScenarioIssue(file, (int)ex.Start.Line, "(yaml)", ex.InnerException?.Message ?? ex.Message)]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return (null, [new ScenarioIssue(file, 1, "(root)", "expected a mapping with name, models, routing, segments and plans")]);
        }

        var reader = new Reader(file);
        foreach (var o in overrides ?? [])
        {
            Reader.ApplyOverride(root, o);
        }

        var scenario = reader.ReadScenario(root);
        if (scenario is not null && reader.Issues.Count == 0)
        {
            foreach (var problem in scenario.Validate())
            {
                reader.Add(problem.Path, problem.Message);
            }

            if (catalog is not null)
            {
                foreach (var m in scenario.Models)
                {
                    try
                    {
                        catalog.Resolve(m.ModelId, m.Provider);
                    }
                    catch (UnknownModelException ex)
                    {
                        reader.Add($"models.{m.Alias}.id", ex.Message);
                    }
                }
            }
        }

        var issues = reader.Issues.OrderBy(i => i.Line ?? int.MaxValue).ToImmutableArray();
        return (issues.IsEmpty ? scenario : null, issues);
    }

    private sealed class Reader(string file)
    {
        private static readonly string[] TopKeys = ["name", "description", "users", "horizon", "models", "routing", "agent", "caching", "segments", "plans", "levers"];
        private static readonly string[] ModelKeys = ["id", "provider", "token_efficiency", "batch_share"];
        private static readonly string[] AgentKeys = ["system_prompt_tokens", "tool_definition_tokens", "user_context_tokens", "tool_result_tokens", "tool_calls_per_step", "tool_fee_per_1000", "reasoning_share", "resend_history", "context_cap", "context_policy", "summary_tokens", "step_gap_seconds"];
        private static readonly string[] CachingKeys = ["enabled", "ttl_minutes", "extended", "hit_rate", "explicit_cache", "shared_prefix", "overflow_hit_rate"];
        private static readonly string[] PlanKeys = ["price", "meter", "included", "overage_price", "hard_cap"];
        private static readonly string[] SegmentKeys = ["share", "plan", "sessions", "steps", "input_tokens", "output_tokens", "correlation", "routing", "agent"];
        private static readonly string[] HorizonKeys = ["months", "start", "growth", "churn", "month_noise", "churn_usage_elasticity"];
        private static readonly string[] LeverKeys = ["baseline_success_rate", "switch_model", "routing", "caching", "batch", "distillation", "self_host", "speculative_decoding", "quantization", "edge", "pricing_model"];
        private static readonly string[] DistributionKeys = ["fixed", "mean", "sd", "median", "p90", "pareto", "min", "alpha", "table", "max"];

        private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

        public List<ScenarioIssue> Issues { get; } = [];

        public void Add(string field, string problem) => Issues.Add(new ScenarioIssue(file, LineOf(field), field, problem));

        public static void ApplyOverride(YamlMappingNode root, ScenarioOverride o)
        {
            var parts = o.Path.Split('.');
            YamlNode node = root;
            for (var i = 0; i < parts.Length - 1; i++)
            {
                switch (node)
                {
                    case YamlMappingNode map when map.Children.TryGetValue(new YamlScalarNode(parts[i]), out var child) && child is not YamlScalarNode:
                        node = child;
                        break;
                    case YamlMappingNode map:
                        var created = new YamlMappingNode();
                        map.Children[new YamlScalarNode(parts[i])] = created;
                        node = created;
                        break;
                    case YamlSequenceNode seq when int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < seq.Children.Count:
                        node = seq.Children[index];
                        break;
                    default:
                        throw new InferCostException($"--set {o.Path}: '{string.Join('.', parts[..(i + 1)])}' is not a mapping in the scenario");
                }
            }

            if (node is not YamlMappingNode parent)
            {
                throw new InferCostException($"--set {o.Path}: the parent of '{parts[^1]}' is not a mapping");
            }

            // Setting a distribution parameter replaces a scalar (fixed) distribution with a mapping.
            parent.Children[new YamlScalarNode(parts[^1])] = new YamlScalarNode(o.Value);
            if (parts[^1] is "median" or "p90" && parent.Children.ContainsKey(new YamlScalarNode("fixed")))
            {
                parent.Children.Remove(new YamlScalarNode("fixed"));
            }
        }

        public Scenario? ReadScenario(YamlMappingNode root)
        {
            Mark("(root)", root);
            CheckKeys(root, string.Empty, TopKeys);
            var name = Str(root, "name", string.Empty) ?? "scenario";
            var models = ReadModels(Child(root, "models", string.Empty));
            var routing = ReadRouting(Child(root, "routing", string.Empty), "routing") ?? (models.Length > 0 ? new Routing.Single(models[0].Alias) : null);
            var agent = ReadAgent(Child(root, "agent", string.Empty), "agent", AgentLoop.Default);
            var caching = ReadCaching(Child(root, "caching", string.Empty));
            var plans = ReadPlans(Child(root, "plans", string.Empty));
            var segments = ReadSegments(Child(root, "segments", string.Empty), agent);
            var horizon = ReadHorizon(Child(root, "horizon", string.Empty));
            var levers = ReadLevers(Child(root, "levers", string.Empty));
            if (Child(root, "models", string.Empty) is null)
            {
                Add("models", "missing: name at least one model (e.g. models: { main: { id: gpt-5.4 } })");
            }

            if (Child(root, "segments", string.Empty) is null)
            {
                Add("segments", "missing: describe at least one user segment");
            }

            if (Child(root, "plans", string.Empty) is null)
            {
                Add("plans", "missing: describe at least one plan");
            }

            if (routing is null || Issues.Count > 0)
            {
                return null;
            }

            return new Scenario
            {
                Name = name,
                Description = Str(root, "description", string.Empty),
                Users = Num(root, "users", string.Empty) ?? 1000,
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

        private LeverSettings ReadLevers(YamlNode? node)
        {
            if (node is null)
            {
                return LeverSettings.None;
            }

            if (node is not YamlMappingNode map)
            {
                Add("levers", "expected a mapping of lever inputs (switch_model, routing, caching, batch, ...)");
                return LeverSettings.None;
            }

            const string P = "levers";
            Mark(P, map);
            CheckKeys(map, P, LeverKeys);
            var settings = new LeverSettings { BaselineSuccessRate = Num(map, "baseline_success_rate", P) ?? 1 };
            YamlMappingNode? Section(string key, string[] keys)
            {
                var child = Child(map, key, P);
                if (child is null)
                {
                    return null;
                }

                if (child is not YamlMappingNode m)
                {
                    Add(P + "." + key, "expected a mapping: " + string.Join(", ", keys));
                    return null;
                }

                CheckKeys(m, P + "." + key, keys);
                return m;
            }

            ModelCandidate? Candidate(YamlMappingNode m, string path, string idKey)
            {
                var id = Str(m, idKey, path);
                if (id is null)
                {
                    Add(Join(path, idKey), "missing: the catalog model id");
                    return null;
                }

                return new ModelCandidate(id, Str(m, "provider", path), Num(m, "success_rate", path) ?? 1, Num(m, "token_efficiency", path) ?? 1);
            }

            if (Section("switch_model", ["candidates"]) is { } sw)
            {
                var list = ImmutableArray.CreateBuilder<ModelCandidate>();
                if (Child(sw, "candidates", P + ".switch_model") is YamlSequenceNode seq)
                {
                    for (var i = 0; i < seq.Children.Count; i++)
                    {
                        var path = $"{P}.switch_model.candidates.{i}";
                        if (seq.Children[i] is YamlMappingNode c)
                        {
                            CheckKeys(c, path, ["id", "provider", "success_rate", "token_efficiency"]);
                            if (Candidate(c, path, "id") is { } cand)
                            {
                                list.Add(cand);
                            }
                        }
                        else
                        {
                            Add(path, "expected { id, success_rate, token_efficiency? }");
                        }
                    }
                }
                else
                {
                    Add(P + ".switch_model.candidates", "expected a list of { id, success_rate, token_efficiency? }");
                }

                settings = settings with { SwitchCandidates = list.ToImmutable() };
            }

            if (Section("routing", ["model", "provider", "success_rate", "token_efficiency"]) is { } rt)
            {
                settings = settings with { RoutingCheapModel = Candidate(rt, P + ".routing", "model") };
            }

            if (Section("caching", ["stable_input_tokens"]) is { } ca)
            {
                settings = settings with { StableInputTokens = Num(ca, "stable_input_tokens", P + ".caching") ?? 0 };
            }

            if (Section("batch", ["eligible_share"]) is { } ba)
            {
                settings = settings with { BatchEligibleShare = Num(ba, "eligible_share", P + ".batch") };
            }

            if (Section("distillation", ["model", "provider", "success_rate", "token_efficiency", "one_time_cost"]) is { } di)
            {
                settings = settings with
                {
                    DistillationModel = Candidate(di, P + ".distillation", "model"),
                    DistillationOneTimeCost = Num(di, "one_time_cost", P + ".distillation") ?? settings.DistillationOneTimeCost,
                };
            }

            if (Section("self_host", ["model", "gpu", "gpu_hour_price", "one_time_cost", "success_rate", "load_curve"]) is { } sh)
            {
                var curve = ImmutableArray<double>.Empty;
                if (Child(sh, "load_curve", P + ".self_host") is YamlSequenceNode loads)
                {
                    curve = [.. loads.Children.Select((n, i) => Number(n, $"{P}.self_host.load_curve.{i}") ?? 1)];
                    if (curve.Length != 24)
                    {
                        Add(P + ".self_host.load_curve", $"expected 24 hourly loads, got {curve.Length}");
                    }
                }

                settings = settings with
                {
                    SelfHostModel = Str(sh, "model", P + ".self_host"),
                    SelfHostGpu = Str(sh, "gpu", P + ".self_host"),
                    SelfHostGpuHourPrice = Num(sh, "gpu_hour_price", P + ".self_host"),
                    SelfHostOneTimeCost = Num(sh, "one_time_cost", P + ".self_host") ?? settings.SelfHostOneTimeCost,
                    SelfHostSuccessRate = Num(sh, "success_rate", P + ".self_host") ?? 1,
                    LoadCurve = curve,
                };
            }

            if (Section("speculative_decoding", ["acceptance", "draft_tokens", "draft_cost_ratio"]) is { } sd)
            {
                var gamma = Num(sd, "draft_tokens", P + ".speculative_decoding");
                settings = settings with
                {
                    SpeculativeAcceptance = Num(sd, "acceptance", P + ".speculative_decoding") ?? settings.SpeculativeAcceptance,
                    SpeculativeDraftTokens = gamma is { } g ? (int)g : settings.SpeculativeDraftTokens,
                    SpeculativeDraftCostRatio = Num(sd, "draft_cost_ratio", P + ".speculative_decoding") ?? settings.SpeculativeDraftCostRatio,
                };
            }

            if (Section("quantization", ["precision"]) is { } qu)
            {
                var precision = Str(qu, "precision", P + ".quantization") ?? "fp8";
                if (precision is not ("fp8" or "int4"))
                {
                    Add(P + ".quantization.precision", $"expected fp8 or int4, got '{precision}'");
                }

                settings = settings with { QuantizationPrecision = precision };
            }

            if (Section("edge", ["share", "fallback_share", "one_time_cost"]) is { } ed)
            {
                settings = settings with
                {
                    EdgeShare = Num(ed, "share", P + ".edge"),
                    EdgeFallbackShare = Num(ed, "fallback_share", P + ".edge") ?? settings.EdgeFallbackShare,
                    EdgeOneTimeCost = Num(ed, "one_time_cost", P + ".edge") ?? settings.EdgeOneTimeCost,
                };
            }

            _ = Section("pricing_model", []);
            return settings;
        }

        private ImmutableArray<ModelChoice> ReadModels(YamlNode? node)
        {
            if (node is null)
            {
                return [];
            }

            var list = ImmutableArray.CreateBuilder<ModelChoice>();
            foreach (var (alias, value, path) in Entries(node, "models"))
            {
                if (value is YamlScalarNode s)
                {
                    Mark(path + ".id", s);
                    list.Add(new ModelChoice { Alias = alias, ModelId = s.Value ?? string.Empty });
                    continue;
                }

                if (value is not YamlMappingNode map)
                {
                    Add(path, "expected a model id or a mapping with id, provider, token_efficiency, batch_share");
                    continue;
                }

                CheckKeys(map, path, ModelKeys);
                var id = Str(map, "id", path);
                if (id is null)
                {
                    Add(path + ".id", "missing: the catalog model id (e.g. gpt-5.4)");
                    continue;
                }

                list.Add(new ModelChoice
                {
                    Alias = alias,
                    ModelId = id,
                    Provider = Str(map, "provider", path),
                    TokenEfficiency = Num(map, "token_efficiency", path) ?? 1,
                    BatchShare = Num(map, "batch_share", path) ?? 0,
                });
            }

            return list.ToImmutable();
        }

        private Routing? ReadRouting(YamlNode? node, string path)
        {
            switch (node)
            {
                case null:
                    return null;
                case YamlScalarNode s:
                    Mark(path, s);
                    return new Routing.Single(s.Value ?? string.Empty);
                case YamlMappingNode map:
                    Mark(path, map);
                    CheckKeys(map, path, ["model", "split", "cascade"]);
                    if (Str(map, "model", path) is { } single)
                    {
                        return new Routing.Single(single);
                    }

                    if (Child(map, "split", path) is { } split)
                    {
                        var shares = ImmutableArray.CreateBuilder<RouteShare>();
                        foreach (var (alias, value, p) in Entries(split, path + ".split"))
                        {
                            if (Number(value, p) is { } share)
                            {
                                shares.Add(new RouteShare(alias, share));
                            }
                        }

                        return new Routing.Split(shares.ToImmutable());
                    }

                    if (Child(map, "cascade", path) is YamlMappingNode c)
                    {
                        var cp = path + ".cascade";
                        CheckKeys(c, cp, ["first", "escalate_to", "escalate_share"]);
                        var first = Str(c, "first", cp);
                        var to = Str(c, "escalate_to", cp);
                        var share = Num(c, "escalate_share", cp);
                        if (first is null || to is null || share is null)
                        {
                            Add(cp, "a cascade needs first, escalate_to and escalate_share");
                            return null;
                        }

                        return new Routing.Cascade(first, to, share.Value);
                    }

                    Add(path, "expected model, split or cascade");
                    return null;
                default:
                    Add(path, "expected a model alias or a mapping (model, split or cascade)");
                    return null;
            }
        }

        private AgentLoop ReadAgent(YamlNode? node, string path, AgentLoop defaults)
        {
            if (node is null)
            {
                return defaults;
            }

            if (node is not YamlMappingNode map)
            {
                Add(path, "expected a mapping");
                return defaults;
            }

            Mark(path, map);
            CheckKeys(map, path, AgentKeys);
            var policy = Str(map, "context_policy", path);
            var parsedPolicy = defaults.ContextPolicy;
            if (policy is not null && !Enum.TryParse(policy, ignoreCase: true, out parsedPolicy))
            {
                Add(path + ".context_policy", $"expected truncate or summarize, got '{policy}'");
            }

            return defaults with
            {
                SystemPromptTokens = Num(map, "system_prompt_tokens", path) ?? defaults.SystemPromptTokens,
                ToolDefinitionTokens = Num(map, "tool_definition_tokens", path) ?? defaults.ToolDefinitionTokens,
                UserContextTokens = Num(map, "user_context_tokens", path) ?? defaults.UserContextTokens,
                ToolResultTokens = Dist(map, "tool_result_tokens", path) ?? defaults.ToolResultTokens,
                ToolCallsPerStep = Num(map, "tool_calls_per_step", path) ?? defaults.ToolCallsPerStep,
                ToolFeePer1000 = Num(map, "tool_fee_per_1000", path) ?? defaults.ToolFeePer1000,
                ReasoningShare = Num(map, "reasoning_share", path) ?? defaults.ReasoningShare,
                ResendHistory = Bool(map, "resend_history", path) ?? defaults.ResendHistory,
                ContextCap = Num(map, "context_cap", path) ?? defaults.ContextCap,
                ContextPolicy = parsedPolicy,
                SummaryTokens = Num(map, "summary_tokens", path) ?? defaults.SummaryTokens,
                StepGapSeconds = Num(map, "step_gap_seconds", path) ?? defaults.StepGapSeconds,
            };
        }

        private CachingSettings ReadCaching(YamlNode? node)
        {
            if (node is not YamlMappingNode map)
            {
                if (node is not null)
                {
                    Add("caching", "expected a mapping");
                }

                return CachingSettings.Default;
            }

            Mark("caching", map);
            CheckKeys(map, "caching", CachingKeys);
            return new CachingSettings
            {
                Enabled = Bool(map, "enabled", "caching") ?? true,
                TtlMinutes = Num(map, "ttl_minutes", "caching"),
                Extended = Bool(map, "extended", "caching") ?? false,
                HitRate = Num(map, "hit_rate", "caching"),
                ExplicitCache = Bool(map, "explicit_cache", "caching") ?? false,
                SharedPrefix = Bool(map, "shared_prefix", "caching") ?? true,
                OverflowHitRate = Num(map, "overflow_hit_rate", "caching") ?? 0.5,
            };
        }

        private Horizon ReadHorizon(YamlNode? node)
        {
            if (node is not YamlMappingNode map)
            {
                if (node is not null)
                {
                    Add("horizon", "expected a mapping with months, start, growth, churn");
                }

                return Horizon.Default;
            }

            Mark("horizon", map);
            CheckKeys(map, "horizon", HorizonKeys);
            DateOnly? start = null;
            if (Str(map, "start", "horizon") is { } s)
            {
                if (DateOnly.TryParseExact(s, ["yyyy-MM", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    start = new DateOnly(d.Year, d.Month, 1);
                }
                else
                {
                    Add("horizon.start", $"expected a month like 2026-07, got '{s}'");
                }
            }

            var months = Num(map, "months", "horizon");
            if (months is { } m && m != Math.Floor(m))
            {
                Add("horizon.months", "must be a whole number");
            }

            return new Horizon
            {
                Months = (int)(months ?? 12),
                Start = start,
                MonthlyGrowth = Num(map, "growth", "horizon") ?? 0,
                MonthlyChurn = Num(map, "churn", "horizon") ?? 0,
                MonthNoise = Num(map, "month_noise", "horizon") ?? Horizon.DefaultMonthNoise,
                ChurnUsageElasticity = Num(map, "churn_usage_elasticity", "horizon") ?? 0,
            };
        }

        private ImmutableArray<Plan> ReadPlans(YamlNode? node)
        {
            if (node is null)
            {
                return [];
            }

            var list = ImmutableArray.CreateBuilder<Plan>();
            foreach (var (id, value, path) in Entries(node, "plans"))
            {
                if (value is not YamlMappingNode map)
                {
                    Add(path, "expected a mapping with price, meter, included, overage_price, hard_cap");
                    continue;
                }

                CheckKeys(map, path, PlanKeys);
                var meter = Str(map, "meter", path);
                var parsed = PlanMeter.Sessions;
                if (meter is not null && !Enum.TryParse(meter, ignoreCase: true, out parsed))
                {
                    Add(path + ".meter", $"expected sessions or calls, got '{meter}'");
                }

                list.Add(new Plan
                {
                    Id = id,
                    MonthlyPrice = Num(map, "price", path) ?? 0,
                    Meter = parsed,
                    Included = Num(map, "included", path),
                    OveragePrice = Num(map, "overage_price", path) ?? 0,
                    HardCap = Num(map, "hard_cap", path),
                });
            }

            return list.ToImmutable();
        }

        private ImmutableArray<Segment> ReadSegments(YamlNode? node, AgentLoop agent)
        {
            if (node is null)
            {
                return [];
            }

            var list = ImmutableArray.CreateBuilder<Segment>();
            foreach (var (id, value, path) in Entries(node, "segments"))
            {
                if (value is not YamlMappingNode map)
                {
                    Add(path, "expected a mapping with share, plan, sessions, steps, input_tokens, output_tokens");
                    continue;
                }

                CheckKeys(map, path, SegmentKeys);
                var share = Num(map, "share", path);
                var plan = Str(map, "plan", path);
                var sessions = Dist(map, "sessions", path);
                var input = Dist(map, "input_tokens", path);
                var output = Dist(map, "output_tokens", path);
                foreach (var (field, v) in new (string, object?)[] { ("share", share), ("plan", plan), ("sessions", sessions), ("input_tokens", input), ("output_tokens", output) })
                {
                    if (v is null && !Issues.Any(i => i.Field == path + "." + field))
                    {
                        Add(path + "." + field, "missing");
                    }
                }

                if (share is null || plan is null || sessions is null || input is null || output is null)
                {
                    continue;
                }

                list.Add(new Segment
                {
                    Id = id,
                    Share = share.Value,
                    PlanId = plan,
                    Sessions = sessions,
                    Steps = Dist(map, "steps", path) ?? new Distribution.Fixed(1),
                    InputTokens = input,
                    OutputTokens = output,
                    SessionStepCorrelation = Num(map, "correlation", path) ?? 0,
                    Routing = ReadRouting(Child(map, "routing", path), path + ".routing"),
                    Agent = Child(map, "agent", path) is { } a ? ReadAgent(a, path + ".agent", agent) : null,
                });
            }

            return list.ToImmutable();
        }

        private Distribution? Dist(YamlMappingNode parent, string key, string path)
        {
            var node = Child(parent, key, path);
            var p = Join(path, key);
            if (node is null)
            {
                return null;
            }

            if (node is YamlScalarNode)
            {
                return Number(node, p) is { } v ? new Distribution.Fixed(v) : null;
            }

            if (node is not YamlMappingNode map)
            {
                Add(p, "expected a number or a distribution (fixed, mean+sd, median+p90, pareto, table)");
                return null;
            }

            CheckKeys(map, p, DistributionKeys);
            Distribution? d = null;
            if (Num(map, "fixed", p) is { } f)
            {
                d = new Distribution.Fixed(f);
            }
            else if (Num(map, "median", p) is { } median)
            {
                var p90 = Num(map, "p90", p);
                if (p90 is null)
                {
                    Add(p + ".p90", "a lognormal needs p90 with its median");
                    return null;
                }

                d = new Distribution.LogNormal(median, p90.Value);
            }
            else if (Num(map, "mean", p) is { } mean)
            {
                d = new Distribution.Normal(mean, Num(map, "sd", p) ?? 0);
            }
            else if (Child(map, "pareto", p) is YamlMappingNode pareto)
            {
                d = new Distribution.Pareto(Num(pareto, "min", p + ".pareto") ?? 0, Num(pareto, "alpha", p + ".pareto") ?? 0);
            }
            else if (Num(map, "min", p) is { } min)
            {
                d = new Distribution.Pareto(min, Num(map, "alpha", p) ?? 0);
            }
            else if (Child(map, "table", p) is { } table)
            {
                d = ReadTable(table, p + ".table");
            }
            else
            {
                Add(p, "expected one of: fixed, mean + sd, median + p90, pareto {min, alpha}, table");
                return null;
            }

            if (d is not null && Num(map, "max", p) is { } max)
            {
                d = new Distribution.Capped(d, max);
            }

            if (d is not null)
            {
                Scenario.ValidateDistribution(d, p, Add);
            }

            return d;
        }

        private Distribution.Empirical? ReadTable(YamlNode node, string path)
        {
            var points = ImmutableArray.CreateBuilder<EmpiricalPoint>();
            if (node is YamlSequenceNode seq)
            {
                for (var i = 0; i < seq.Children.Count; i++)
                {
                    var row = seq.Children[i];
                    var rp = $"{path}.{i}";
                    Mark(rp, row);
                    if (row is YamlSequenceNode pair && pair.Children.Count == 2 && Number(pair.Children[0], rp) is { } v && Number(pair.Children[1], rp) is { } w)
                    {
                        points.Add(new EmpiricalPoint(v, w));
                    }
                    else
                    {
                        Add(rp, "expected [value, weight]");
                    }
                }
            }
            else
            {
                Add(path, "expected a list of [value, weight] rows");
            }

            if (points.Count == 0 || points.Any(p => p.Value < 0 || p.Weight < 0) || points.Sum(p => p.Weight) <= 0)
            {
                Add(path, "a table needs rows with non-negative values and weights and a positive total weight");
                return null;
            }

            return new Distribution.Empirical(points.ToImmutable());
        }

        private IEnumerable<(string Key, YamlNode Value, string Path)> Entries(YamlNode node, string path)
        {
            Mark(path, node);
            if (node is not YamlMappingNode map)
            {
                Add(path, "expected a mapping keyed by id");
                yield break;
            }

            foreach (var (k, v) in map.Children)
            {
                var key = ((YamlScalarNode)k).Value ?? string.Empty;
                var p = path + "." + key;
                Mark(p, k);
                yield return (key, v, p);
            }
        }

        private YamlNode? Child(YamlMappingNode map, string key, string path)
        {
            foreach (var (k, node) in map.Children)
            {
                if (k is YamlScalarNode { Value: { } v } && v == key)
                {
                    // Scalars and flow mappings sit on the key's line; block mappings start below it: report the key's line.
                    Mark(Join(path, key), node is YamlScalarNode ? node : k);
                    return node;
                }
            }

            return null;
        }

        private string? Str(YamlMappingNode map, string key, string path)
        {
            var node = Child(map, key, path);
            if (node is null)
            {
                return null;
            }

            if (node is YamlScalarNode s)
            {
                return s.Value;
            }

            Add(Join(path, key), "expected a text value");
            return null;
        }

        private double? Num(YamlMappingNode map, string key, string path)
        {
            var node = Child(map, key, path);
            return node is null ? null : Number(node, Join(path, key));
        }

        private bool? Bool(YamlMappingNode map, string key, string path)
        {
            var node = Child(map, key, path);
            if (node is null)
            {
                return null;
            }

            if (node is YamlScalarNode { Value: { } v } && bool.TryParse(v, out var b))
            {
                return b;
            }

            Add(Join(path, key), "expected true or false");
            return null;
        }

        private double? Number(YamlNode node, string path)
        {
            if (node is YamlScalarNode { Value: { } v })
            {
                var text = v.Replace("_", string.Empty, StringComparison.Ordinal);
                var percent = text.EndsWith('%');
                if (double.TryParse(percent ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
                {
                    return percent ? d / 100 : d;
                }
            }

            Add(path, $"expected a number, got '{(node as YamlScalarNode)?.Value ?? node.NodeType.ToString()}'");
            return null;
        }

        private void CheckKeys(YamlMappingNode map, string path, string[] allowed)
        {
            foreach (var k in map.Children.Keys)
            {
                var key = (k as YamlScalarNode)?.Value ?? string.Empty;
                if (!allowed.Contains(key))
                {
                    var p = Join(path, key);
                    Mark(p, k);
                    var nearest = PriceCatalog.Nearest(key, allowed, 3);
                    Add(p, $"unknown field '{key}'; did you mean {string.Join(", ", nearest)}?");
                }
            }
        }

        private void Mark(string path, YamlNode node) => _lines.TryAdd(path, (int)node.Start.Line);

        private int? LineOf(string path)
        {
            var p = path;
            while (true)
            {
                if (_lines.TryGetValue(p, out var line))
                {
                    return line;
                }

                var dot = p.LastIndexOf('.');
                if (dot < 0)
                {
                    return _lines.TryGetValue(p, out line) ? line : null;
                }

                p = p[..dot];
            }
        }

        private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
    }
}
