using InferCost.Data.Scenarios;
using InferCost.Errors;
using InferCost.Pricing;
using InferCost.Workloads;

namespace InferCost.Application.Simulation;

/// <summary>
/// A scenario a request names: a file (the CLI) or YAML text (the web app, which never reads a path a user names).
/// </summary>
public sealed record ScenarioInput
{
    /// <summary>Gets the scenario file, when the scenario is a file.</summary>
    public string? Path { get; init; }

    /// <summary>Gets the scenario YAML text, when the scenario is inline.</summary>
    public string? Yaml { get; init; }

    /// <summary>Gets the name messages and results use (the file name, or the name given with the text).</summary>
    public string Name { get; init; } = "scenario.yaml";

    /// <summary>A scenario file; its name is the file name.</summary>
    public static ScenarioInput FromFile(string path) => new() { Path = path, Name = System.IO.Path.GetFileName(path) };

    /// <summary>Scenario YAML text; <paramref name="name"/> names it in messages.</summary>
    public static ScenarioInput FromYaml(string yaml, string name = "scenario.yaml") => new() { Yaml = yaml, Name = name };

    /// <summary>Loads and validates the scenario with the <c>--set</c> overrides applied.</summary>
    /// <exception cref="InputFileException">The scenario is missing or invalid (first problem, with its line and field).</exception>
    public Scenario Load(PriceCatalog catalog, IEnumerable<string>? overrides = null)
    {
        var parsed = (overrides ?? []).Select(ScenarioOverride.Parse).ToList();
        if (Path is { } path)
        {
            return ScenarioLoader.Load(System.IO.Path.GetFullPath(path), catalog, parsed);
        }

        var (scenario, issues) = ScenarioLoader.Parse(Yaml ?? throw new InferCostException("a scenario is required"), Name, catalog, parsed);
        if (issues.Length > 0)
        {
            var first = issues[0];
            var more = issues.Length > 1 ? $" (and {issues.Length - 1} more problem{(issues.Length > 2 ? "s" : string.Empty)})" : string.Empty;
            throw new InputFileException(first.File, first.Line, first.Field, first.Problem + more);
        }

        return scenario!;
    }
}
