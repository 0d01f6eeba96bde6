using System.Collections.Immutable;
using System.Reflection;
using InferCost.Data.Scenarios;
using InferCost.Errors;
using InferCost.Pricing;
using InferCost.Simulation;
using InferCost.Workloads;

namespace InferCost.Web.Adapters;

// Thin adapter: the same Data/Core calls the CLI's simulate, diff, sensitivity, price-plan and scenario check make,
// with the scenario given as YAML text (the web never reads a path the user names), until the application layer
// provides these services. No math of its own.

/// <summary>Scenario operations over one loaded catalog.</summary>
public sealed class SimulationOperations(PriceCatalog catalog)
{
    /// <summary>The most users one web request may simulate.</summary>
    public const int MaxUsers = 1_000_000;

    /// <summary>The built-in example scenarios, by name (file name without .yaml).</summary>
    public static ImmutableSortedDictionary<string, string> Examples { get; } = LoadExamples();

    /// <summary>Parses and validates scenario YAML; every problem with its line and field, or none.</summary>
    public (Scenario? Scenario, ImmutableArray<ScenarioIssue> Issues) Check(string yaml, IReadOnlyList<string>? set = null)
        => ScenarioLoader.Parse(yaml, "scenario.yaml", catalog, (set ?? []).Select(ScenarioOverride.Parse));

    /// <summary>Monte Carlo cost and margin per user and plan (<c>infercost simulate</c>).</summary>
    public SimulationResult Simulate(string yaml, int users, ulong seed, IReadOnlyList<string>? set = null)
        => MonteCarloEngine.Run(Load(yaml, set), catalog, Options(users, seed));

    /// <summary>Two scenarios (or one with overrides) side by side (<c>infercost diff</c>).</summary>
    public DiffResult Diff(string yamlA, string? yamlB, int users, ulong seed, IReadOnlyList<string>? set = null)
    {
        var overrides = set ?? [];
        if (yamlB is null && overrides.Count == 0)
        {
            throw new InferCostException("diff needs a second scenario b or at least one set override");
        }

        var a = Load(yamlA, yamlB is null ? [] : overrides);
        var b = Load(yamlB ?? yamlA, overrides);
        var options = Options(users, seed);
        var diff = ScenarioDiff.Compare(MonteCarloEngine.Run(a, catalog, options), MonteCarloEngine.Run(b, catalog, options));
        return new DiffResult(a.Name, b.Name, [.. overrides], diff);
    }

    /// <summary>Tornado of the inputs that move gross margin most (<c>infercost sensitivity</c>).</summary>
    public SensitivityResult Sensitivity(string yaml, int users, ulong seed, double change, IReadOnlyList<string>? set = null)
        => SensitivityAnalysis.Run(Load(yaml, set), catalog, Options(users, seed), change);

    /// <summary>The lowest price or usage cap that keeps a plan's pN user at a margin (<c>infercost price-plan</c>).</summary>
    public PlanDesign PricePlan(string yaml, string plan, double percentile, double margin, int users, ulong seed, IReadOnlyList<string>? set = null)
    {
        var scenario = Load(yaml, set);
        if (scenario.Plan(plan) is null)
        {
            throw new InferCostException($"Unknown plan '{plan}'; plans: {string.Join(", ", scenario.Plans.Select(p => p.Id))}");
        }

        var result = MonteCarloEngine.Run(scenario, catalog, Options(users, seed));
        return PlanDesigner.Design(scenario, result, plan, percentile, margin);
    }

    private Scenario Load(string yaml, IReadOnlyList<string>? set)
    {
        var (scenario, issues) = Check(yaml, set);
        if (scenario is null || !issues.IsEmpty)
        {
            throw new ScenarioInvalidException(issues);
        }

        return scenario;
    }

    private static SimulationOptions Options(int users, ulong seed)
    {
        if (users is < 1 or > MaxUsers)
        {
            throw new InferCostException($"users must be between 1 and {MaxUsers:N0} (got {users})");
        }

        return new SimulationOptions { Users = users, Seed = seed, Today = DateOnly.FromDateTime(DateTime.UtcNow) };
    }

    private static ImmutableSortedDictionary<string, string> LoadExamples()
    {
        var assembly = typeof(SimulationOperations).Assembly;
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("examples/", StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            builder[name["examples/".Length..^".yaml".Length]] = reader.ReadToEnd();
        }

        return builder.ToImmutable();
    }
}

/// <summary>The result of <c>diff</c>.</summary>
public sealed record DiffResult(string A, string B, IReadOnlyList<string> Overrides, ScenarioDiff Diff);

/// <summary>A scenario with problems: each with its line and field.</summary>
public sealed class ScenarioInvalidException(ImmutableArray<ScenarioIssue> issues)
    : InferCostException(issues.IsEmpty ? "the scenario is not valid" : string.Join("; ", issues.Select(i => i.ToString())))
{
    /// <summary>Gets every problem found.</summary>
    public ImmutableArray<ScenarioIssue> Issues { get; } = issues;
}
