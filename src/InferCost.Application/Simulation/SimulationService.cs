using System.Collections.Immutable;
using System.Text.Json.Serialization;
using InferCost.Application.Catalogs;
using InferCost.Application.Validation;
using InferCost.Errors;
using InferCost.Simulation;
using InferCost.Workloads;

namespace InferCost.Application.Simulation;

/// <summary>Scenario simulation: simulate, diff, sensitivity, price-plan.</summary>
/// <param name="catalogs">Where the price catalog comes from.</param>
/// <param name="clock">The clock the simulation's first month comes from; the system clock when null.</param>
public sealed class SimulationService(CatalogSource catalogs, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The engine options for <paramref name="users"/> users and <paramref name="seed"/>, starting this month.</summary>
    public SimulationOptions Options(int users, ulong seed) => new()
    {
        Users = users,
        Seed = seed,
        Today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime),
    };

    /// <summary>Runs the Monte Carlo simulation of a scenario.</summary>
    /// <param name="request">The scenario and the run's size.</param>
    /// <param name="progress">Receives the share done, 0 to 1 (optional).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <exception cref="RequestValidationException">A field is out of range.</exception>
    /// <exception cref="InferCostException">The scenario is missing or invalid.</exception>
    public SimulationResult Simulate(SimulateRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        Validator.ThrowIfInvalid(request);
        var catalog = catalogs.Catalog;
        var scenario = request.Scenario.Load(catalog, request.Set);
        var options = Options(request.Users, request.Seed) with { MaxDegreeOfParallelism = request.Threads, Progress = progress, Cancellation = cancellationToken };
        return MonteCarloEngine.Run(scenario, catalog, options);
    }

    /// <summary>Simulates two scenarios (or one with overrides) on the same seed and compares them plan by plan.</summary>
    /// <exception cref="RequestValidationException">No B and no overrides, or a field out of range.</exception>
    /// <exception cref="InferCostException">A scenario is missing or invalid.</exception>
    public DiffResult Diff(DiffRequest request)
    {
        Validator.ThrowIfInvalid(request);
        var catalog = catalogs.Catalog;
        var scenarioA = request.A.Load(catalog, request.B is null ? [] : request.Set);
        var scenarioB = (request.B ?? request.A).Load(catalog, request.Set);
        var options = Options(request.Users, request.Seed);
        var diff = ScenarioDiff.Compare(MonteCarloEngine.Run(scenarioA, catalog, options), MonteCarloEngine.Run(scenarioB, catalog, options));
        return new DiffResult(request.A.Name, request.B?.Name ?? request.A.Name, [.. request.Set], diff);
    }

    /// <summary>The tornado: gross margin with each input moved by ±change.</summary>
    /// <exception cref="RequestValidationException">A field is out of range.</exception>
    /// <exception cref="InferCostException">The scenario is missing or invalid.</exception>
    public ScenarioSensitivityResult Sensitivity(SensitivityRequest request)
    {
        Validator.ThrowIfInvalid(request);
        var catalog = catalogs.Catalog;
        var scenario = request.Scenario.Load(catalog, request.Set);
        var r = SensitivityAnalysis.Run(scenario, catalog, Options(request.Users, request.Seed), request.Change);
        return new ScenarioSensitivityResult(scenario.Name, r.Change, r.BaselineGrossMargin, r.BaselineCostPerUser, r.Bars);
    }

    /// <summary>The lowest price, or the usage cap, at which a plan's pN user keeps the target margin.</summary>
    /// <exception cref="RequestValidationException">A field is out of range.</exception>
    /// <exception cref="InferCostException">Unknown plan, or the scenario is missing or invalid.</exception>
    public PlanDesign PricePlan(PricePlanRequest request)
    {
        Validator.ThrowIfInvalid(request);
        var catalog = catalogs.Catalog;
        var scenario = request.Scenario.Load(catalog, request.Set);
        if (scenario.Plan(request.Plan) is null)
        {
            throw new InferCostException($"Unknown plan '{request.Plan}'; plans: {string.Join(", ", scenario.Plans.Select(p => p.Id))}");
        }

        // Design on one set of users, check on an independent one (another seed): the price must hold out of sample.
        var options = Options(request.Users, request.Seed) with { KeepUserOutcomes = true };
        var result = MonteCarloEngine.Run(scenario, catalog, options);
        var validation = MonteCarloEngine.Run(scenario, catalog, options with { Seed = PlanDesigner.ValidationSeed(options.Seed) });
        return PlanDesigner.Design(scenario, result, validation, request.Plan, request.Percentile, request.Margin);
    }

    /// <summary>Loads a scenario for a caller that needs it (the P&amp;L's serving cost).</summary>
    internal Scenario Load(ScenarioInput input) => input.Load(catalogs.Catalog);
}

/// <summary>Two scenarios compared (<c>infercost diff --json</c>).</summary>
/// <param name="A">Scenario A's name.</param>
/// <param name="B">Scenario B's name (A's when B is A with overrides).</param>
/// <param name="Overrides">The <c>--set</c> overrides.</param>
/// <param name="Diff">The comparison.</param>
public sealed record DiffResult(string A, string B, IReadOnlyList<string> Overrides, ScenarioDiff Diff);

/// <summary>A tornado for one scenario (<c>infercost sensitivity --json</c>: the four fields of Core's <see cref="SensitivityResult"/>).</summary>
/// <param name="Scenario">The scenario's name (not part of the JSON).</param>
/// <param name="Change">The relative change (0.2 = ±20 %).</param>
/// <param name="BaselineGrossMargin">Gross margin with no input moved.</param>
/// <param name="BaselineCostPerUser">Mean cost per user-month with no input moved.</param>
/// <param name="Bars">One bar per input, widest swing first.</param>
public sealed record ScenarioSensitivityResult(
    [property: JsonIgnore] string Scenario, double Change, double? BaselineGrossMargin, double BaselineCostPerUser, ImmutableArray<TornadoBar> Bars);
