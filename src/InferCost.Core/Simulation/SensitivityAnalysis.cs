using System.Collections.Immutable;
using InferCost.Pricing;
using InferCost.Workloads;

namespace InferCost.Simulation;

/// <summary>One bar of a tornado chart: gross margin with an input lowered and raised by the swing.</summary>
/// <param name="Input">The input (e.g. <c>sessions per user</c>).</param>
/// <param name="Low">Gross margin with the input lowered.</param>
/// <param name="High">Gross margin with the input raised.</param>
/// <param name="Swing">|High − Low| in margin points.</param>
public sealed record TornadoBar(string Input, double? Low, double? High, double Swing);

/// <summary>A tornado: which input moves gross margin most when each is moved ±<see cref="Change"/>.</summary>
/// <param name="Change">The relative change (0.2 = ±20 %).</param>
/// <param name="BaselineGrossMargin">Gross margin of the unchanged scenario.</param>
/// <param name="BaselineCostPerUser">Mean cost per user-month of the unchanged scenario.</param>
/// <param name="Bars">Bars, largest swing first.</param>
public sealed record SensitivityResult(double Change, double? BaselineGrossMargin, double BaselineCostPerUser, ImmutableArray<TornadoBar> Bars);

/// <summary>Sensitivity analysis: re-runs the engine with each input scaled by 1 ± change (same seed: common random numbers).</summary>
public static class SensitivityAnalysis
{
    /// <summary>Runs the tornado.</summary>
    public static SensitivityResult Run(Scenario scenario, PriceCatalog catalog, SimulationOptions options, double change = 0.2)
    {
        if (!(change >= 0) || change >= 1)
        {
            throw new Errors.InferCostException("--change must be at least 0 and below 1 (0.2 = ±20 %; 0 = no change, every swing 0)");
        }

        var baseline = MonteCarloEngine.Run(scenario, catalog, options);
        var knobs = new (string Name, Func<double, (Scenario, SimulationOptions)> Apply)[]
        {
            ("sessions per user", f => (MapSegments(scenario, s => s with { Sessions = s.Sessions.Scale(f) }), options)),
            ("steps per session", f => (MapSegments(scenario, s => s with { Steps = s.Steps.Scale(f) }), options)),
            ("input tokens per call", f => (MapSegments(scenario, s => s with { InputTokens = s.InputTokens.Scale(f) }), options)),
            ("output tokens per call", f => (MapSegments(scenario, s => s with { OutputTokens = s.OutputTokens.Scale(f) }), options)),
            ("system prompt + tool tokens", f => (MapAgents(scenario, a => a with { SystemPromptTokens = a.SystemPromptTokens * f, ToolDefinitionTokens = a.ToolDefinitionTokens * f }), options)),
            ("tool result tokens", f => (MapAgents(scenario, a => a with { ToolResultTokens = a.ToolResultTokens.Scale(f) }), options)),
            ("tool calls per step", f => (MapAgents(scenario, a => a with { ToolCallsPerStep = a.ToolCallsPerStep * f }), options)),
            ("time between steps (cache hits)", f => (MapAgents(scenario, a => a with { StepGapSeconds = a.StepGapSeconds * f }), options)),
            ("input prices", f => (scenario, options with { InputPriceFactor = options.InputPriceFactor * f })),
            ("output prices", f => (scenario, options with { OutputPriceFactor = options.OutputPriceFactor * f })),
            ("plan prices", f => (scenario with { Plans = [.. scenario.Plans.Select(p => p with { MonthlyPrice = p.MonthlyPrice * f, OveragePrice = p.OveragePrice * f })] }, options)),
        };

        var bars = ImmutableArray.CreateBuilder<TornadoBar>(knobs.Length);
        foreach (var (name, apply) in knobs)
        {
            if (change == 0)
            {
                bars.Add(new TornadoBar(name, baseline.GrossMargin, baseline.GrossMargin, 0));
                continue;
            }

            var (ls, lo) = apply(1 - change);
            var (hs, ho) = apply(1 + change);
            var low = MonteCarloEngine.Run(ls, catalog, lo).GrossMargin;
            var high = MonteCarloEngine.Run(hs, catalog, ho).GrossMargin;
            bars.Add(new TornadoBar(name, low, high, Math.Abs((high ?? 0) - (low ?? 0))));
        }

        return new SensitivityResult(change, baseline.GrossMargin, baseline.CostPerUser.Mean, [.. bars.OrderByDescending(b => b.Swing)]);
    }

    private static Scenario MapSegments(Scenario s, Func<Segment, Segment> f) => s with { Segments = [.. s.Segments.Select(f)] };

    private static Scenario MapAgents(Scenario s, Func<AgentLoop, AgentLoop> f)
        => s with { Agent = f(s.Agent), Segments = [.. s.Segments.Select(seg => seg.Agent is null ? seg : seg with { Agent = f(seg.Agent) })] };
}
