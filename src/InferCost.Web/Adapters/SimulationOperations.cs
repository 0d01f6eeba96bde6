using System.Collections.Immutable;
using System.Reflection;
using InferCost.Application.Catalogs;
using InferCost.Application.Simulation;
using InferCost.Data.Scenarios;
using InferCost.Errors;
using InferCost.Pricing;
using InferCost.Simulation;
using InferCost.Workloads;

namespace InferCost.Web.Adapters;

// Thin adapter over the application layer's SimulationService (the CLI's simulate, diff, sensitivity, price-plan),
// with the scenario given as YAML text: the web never reads a path the user names. No math of its own.

/// <summary>Scenario operations over one loaded catalog.</summary>
public sealed class SimulationOperations(PriceCatalog catalog)
{
    private readonly SimulationService _service = new(CatalogSource.Of(catalog));

    /// <summary>The most users one web request may simulate.</summary>
    public const int MaxUsers = 1_000_000;

    /// <summary>The built-in example scenarios, by name (file name without .yaml).</summary>
    public static ImmutableSortedDictionary<string, string> Examples { get; } = LoadExamples();

    /// <summary>Parses and validates scenario YAML; every problem with its line and field, or none.</summary>
    public (Scenario? Scenario, ImmutableArray<ScenarioIssue> Issues) Check(string yaml, IReadOnlyList<string>? set = null)
        => ScenarioLoader.Parse(yaml, "scenario.yaml", catalog, (set ?? []).Select(ScenarioOverride.Parse));

    /// <summary>Monte Carlo cost and margin per user and plan (<c>infercost simulate</c>).</summary>
    public SimulationResult Simulate(string yaml, int users, ulong seed, IReadOnlyList<string>? set = null)
        => _service.Simulate(new SimulateRequest { Scenario = ScenarioInput.FromYaml(yaml), Users = Bounded(users), Seed = seed, Set = set ?? [] });

    /// <summary>Two scenarios (or one with overrides) side by side (<c>infercost diff</c>).</summary>
    public DiffResult Diff(string yamlA, string? yamlB, int users, ulong seed, IReadOnlyList<string>? set = null)
        => _service.Diff(new DiffRequest
        {
            A = ScenarioInput.FromYaml(yamlA, "a.yaml"),
            B = yamlB is null ? null : ScenarioInput.FromYaml(yamlB, "b.yaml"),
            Users = Bounded(users),
            Seed = seed,
            Set = set ?? [],
        });

    /// <summary>Tornado of the inputs that move gross margin most (<c>infercost sensitivity</c>).</summary>
    public ScenarioSensitivityResult Sensitivity(string yaml, int users, ulong seed, double change, IReadOnlyList<string>? set = null)
        => _service.Sensitivity(new SensitivityRequest { Scenario = ScenarioInput.FromYaml(yaml), Users = Bounded(users), Seed = seed, Change = change, Set = set ?? [] });

    /// <summary>The lowest price or usage cap that keeps a plan's pN user at a margin (<c>infercost price-plan</c>).</summary>
    public PlanDesign PricePlan(string yaml, string plan, double percentile, double margin, int users, ulong seed, IReadOnlyList<string>? set = null)
        => _service.PricePlan(new PricePlanRequest
        {
            Scenario = ScenarioInput.FromYaml(yaml),
            Plan = plan,
            Percentile = percentile,
            Margin = margin,
            Users = Bounded(users),
            Seed = seed,
            Set = set ?? [],
        });

    private static int Bounded(int users) => users is < 1 or > MaxUsers
        ? throw new InferCostException($"users must be between 1 and {MaxUsers:N0} (got {users})")
        : users;

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

/// <summary>A scenario with problems: each with its line and field.</summary>
public sealed class ScenarioInvalidException(ImmutableArray<ScenarioIssue> issues)
    : InferCostException(issues.IsEmpty ? "the scenario is not valid" : string.Join("; ", issues.Select(i => i.ToString())))
{
    /// <summary>Gets every problem found.</summary>
    public ImmutableArray<ScenarioIssue> Issues { get; } = issues;
}
