using System.Collections.Immutable;
using InferCost.Data.Yaml;
using InferCost.Errors;
using InferCost.Pricing;
using InferCost.Workloads;

namespace InferCost.Data.Scenarios;

/// <summary>
/// Reads scenario YAML (schema: <c>examples/scenario.schema.json</c>) into a <see cref="Scenario"/>. Every problem names
/// the file, line, column and field; with a catalog, unknown models are reported with the closest ids. Nothing is
/// returned from a half-valid file.
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
            throw new InputFileException(first.File, first.Line, first.Column, first.Field, first.Problem + more);
        }

        return scenario!;
    }

    /// <summary>Reads a scenario file and lists every problem (none: the scenario is returned).</summary>
    public static (Scenario? Scenario, ImmutableArray<ScenarioIssue> Issues) Check(string path, PriceCatalog? catalog = null, IEnumerable<ScenarioOverride>? overrides = null)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > YamlReader.MaxChars * 4L)
            {
                throw new InputFileException(path, null, null, $"the file is larger than {YamlReader.MaxChars / (1024 * 1024)} MiB of text");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputFileException(path, null, null, "cannot read the file: " + ex.Message);
        }

        return Parse(text, path, catalog, overrides);
    }

    /// <summary>Reads scenario YAML text (<paramref name="file"/> names it in messages).</summary>
    public static (Scenario? Scenario, ImmutableArray<ScenarioIssue> Issues) Parse(string yaml, string file, PriceCatalog? catalog = null, IEnumerable<ScenarioOverride>? overrides = null)
    {
        var reader = YamlReader.CollectAll(file);
        var rootNode = reader.Load(yaml);
        Scenario? scenario = null;
        if (reader.Issues.Count == 0)
        {
            if (rootNode is YamlDotNet.RepresentationModel.YamlMappingNode map)
            {
                foreach (var o in overrides ?? [])
                {
                    o.ApplyTo(map);
                }
            }

            const string Expected = "expected a mapping with name, models, routing, segments and plans";
            var root = rootNode is null ? reader.Root(null, Expected) : reader.AsMap(rootNode, "(root)", Expected, string.Empty);
            scenario = root is null ? null : new ScenarioReader(reader).ReadScenario(root);
        }

        if (scenario is not null && reader.Issues.Count == 0)
        {
            foreach (var problem in scenario.Validate())
            {
                reader.Report(problem.Path, problem.Message);
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
                        reader.Report($"models.{m.Alias}.id", ex.Message);
                    }
                }
            }
        }

        var issues = reader.Issues
            .OrderBy(i => i.Line ?? int.MaxValue)
            .ThenBy(i => i.Column ?? int.MaxValue)
            .Select(i => new ScenarioIssue(i.File, i.Line, i.Field, i.Problem, i.Column))
            .ToImmutableArray();
        return (issues.IsEmpty ? scenario : null, issues);
    }
}
