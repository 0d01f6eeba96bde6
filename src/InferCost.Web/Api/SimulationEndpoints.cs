using System.ComponentModel;
using InferCost.Application.Simulation;
using InferCost.Errors;
using InferCost.Simulation;
using InferCost.Web.Adapters;
using InferCost.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace InferCost.Web.Api;

/// <summary>Scenario endpoints: simulate, diff, sensitivity, price-plan, scenario check, examples.</summary>
internal static class SimulationEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/examples", () => WebJson.Ok(SimulationOperations.Examples.Keys.ToArray()))
            .WithName("examples").WithSummary("The built-in example scenarios (names for example=…)").Produces<string[]>();

        api.MapGet("/examples/{name}", (string name) => SimulationOperations.Examples.TryGetValue(name, out var yaml)
                ? Results.Text(yaml, "application/yaml; charset=utf-8")
                : throw new InferCostException($"Unknown example '{name}'; examples: {string.Join(", ", SimulationOperations.Examples.Keys)}"))
            .WithName("example").WithSummary("One built-in example scenario's YAML");

        api.MapGet("/simulate", (SimulationOperations ops, [AsParameters] ScenarioQuery q) =>
                WebJson.Ok(ops.Simulate(q.Yaml(null), q.Users ?? 100_000, q.Seed ?? 42, q.Set)))
            .WithName("simulate").WithSummary("Monte Carlo cost and margin per user and plan of a built-in example (infercost simulate)")
            .Produces<SimulationResult>().ProducesValidationProblem().RequireRateLimiting(WebApp.SimulationPolicy);

        api.MapPost("/simulate", (SimulationOperations ops, ScenarioBody body) =>
                WebJson.Ok(ops.Simulate(body.Yaml(), body.Users ?? 100_000, body.Seed ?? 42, body.Set)))
            .WithName("simulate-yaml").WithSummary("Monte Carlo cost and margin per user and plan of a scenario given as YAML (infercost simulate)")
            .Produces<SimulationResult>().ProducesValidationProblem().RequireRateLimiting(WebApp.SimulationPolicy);

        api.MapPost("/scenario/check", (SimulationOperations ops, ScenarioBody body) =>
                WebJson.Ok(new ScenarioCheck(ops.Check(body.Yaml(), body.Set).Issues)))
            .WithName("scenario-check").WithSummary("Every problem of a scenario with its line and field (infercost scenario check)")
            .Produces<ScenarioCheck>().ProducesValidationProblem();

        api.MapPost("/diff", (SimulationOperations ops, DiffBody body) =>
                WebJson.Ok(ops.Diff(body.A ?? throw new InferCostException("a: the first scenario's YAML is required"), body.B, body.Users ?? 50_000, body.Seed ?? 42, body.Set)))
            .WithName("diff").WithSummary("Two scenarios, or one with set overrides, side by side (infercost diff)")
            .Produces<DiffResult>().ProducesValidationProblem().RequireRateLimiting(WebApp.SimulationPolicy);

        api.MapGet("/diff", (SimulationOperations ops, [AsParameters] ScenarioQuery q) =>
                WebJson.Ok(ops.Diff(q.Yaml(null), null, q.Users ?? 50_000, q.Seed ?? 42, q.Set)))
            .WithName("diff-example").WithSummary("A built-in example against itself with set overrides (infercost diff A --set …)")
            .Produces<DiffResult>().ProducesValidationProblem().RequireRateLimiting(WebApp.SimulationPolicy);

        api.MapGet("/sensitivity", (SimulationOperations ops, [AsParameters] ScenarioQuery q, double? change) =>
                WebJson.Ok(ops.Sensitivity(q.Yaml(null), q.Users ?? 20_000, q.Seed ?? 42, change ?? 0.2, q.Set)))
            .WithName("sensitivity").WithSummary("Tornado: which input moves gross margin most (infercost sensitivity)")
            .Produces<ScenarioSensitivityResult>().ProducesValidationProblem().RequireRateLimiting(WebApp.SimulationPolicy);

        api.MapGet("/price-plan", (SimulationOperations ops, [AsParameters] ScenarioQuery q, string plan, double? percentile, double? margin) =>
                WebJson.Ok(ops.PricePlan(q.Yaml(null), plan, percentile ?? 95, margin ?? 0.6, q.Users ?? 100_000, q.Seed ?? 42, q.Set)))
            .WithName("price-plan").WithSummary("The lowest price or cap that keeps a plan's pN user at a margin (infercost price-plan)")
            .Produces<PlanDesign>().ProducesValidationProblem().RequireRateLimiting(WebApp.SimulationPolicy);
    }
}

/// <summary>A scenario named by a built-in example, with overrides, users and seed (query parameters).</summary>
internal sealed record ScenarioQuery(
    [property: FromQuery(Name = "example"), Description("Built-in example scenario, e.g. chat-assistant")] string? Example,
    [property: FromQuery(Name = "users"), Description("Simulated users")] int? Users,
    [property: FromQuery(Name = "seed"), Description("Random seed")] ulong? Seed,
    [property: FromQuery(Name = "set"), Description("Overrides, e.g. segments.pro.sessions.median=40 (repeatable)")] string[]? Set)
{
    public string Yaml(string? fallback) => Example is null
        ? fallback ?? throw new InferCostException($"example: name a built-in scenario ({string.Join(", ", SimulationOperations.Examples.Keys)}) or POST its YAML")
        : SimulationOperations.Examples.TryGetValue(Example, out var yaml) ? yaml
        : throw new InferCostException($"example: unknown scenario '{Example}'; examples: {string.Join(", ", SimulationOperations.Examples.Keys)}");
}

/// <summary>A scenario given as YAML (or a built-in example), with overrides, users and seed.</summary>
public sealed record ScenarioBody(string? Scenario, string? Example, int? Users, ulong? Seed, string[]? Set)
{
    internal string Yaml() => Scenario ?? new ScenarioQuery(Example, Users, Seed, Set).Yaml(null);
}

/// <summary>Two scenarios as YAML (b optional: a with the overrides).</summary>
public sealed record DiffBody(string? A, string? B, int? Users, ulong? Seed, string[]? Set);

/// <summary>The problems of a scenario (none when it is valid).</summary>
public sealed record ScenarioCheck(IReadOnlyList<Data.Scenarios.ScenarioIssue> Issues)
{
    /// <summary>Gets a value indicating whether the scenario has no problem.</summary>
    public bool Valid => Issues.Count == 0;
}
