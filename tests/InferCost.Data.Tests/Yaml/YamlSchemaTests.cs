using System.Text.Json;
using System.Text.Json.Nodes;
using InferCost.Data.Catalog;
using InferCost.Data.Scenarios;
using InferCost.Data.Serving;
using InferCost.Testing;
using Json.Schema;

namespace InferCost.Data.Tests.Yaml;

/// <summary>Every shipped YAML file against its JSON Schema, and every schema against the keys its reader knows.</summary>
public class YamlSchemaTests
{
    // Each object in a schema that lists properties, by JSON pointer, and the keys the reader accepts there.
    private static readonly Dictionary<string, Dictionary<string, string[]>> ReaderKeys = new()
    {
        ["catalog/gpus.schema.json"] = new()
        {
            ["#"] = GpuCatalogLoader.RootKeys,
            ["#/properties/gpus/items"] = GpuCatalogLoader.GpuKeys,
            ["#/properties/gpus/items/properties/price_per_gpu_hour/oneOf/1"] = GpuCatalogLoader.PricingKeys,
            ["#/$defs/range"] = GpuCatalogLoader.RangeKeys,
        },
        ["catalog/open-models.schema.json"] = new()
        {
            ["#"] = OpenModelCatalogLoader.RootKeys,
            ["#/properties/models/items"] = OpenModelCatalogLoader.ModelKeys,
        },
        ["catalog/serving-calibration.schema.json"] = new()
        {
            ["#"] = CalibrationLoader.RootKeys,
            ["#/properties/sources/additionalProperties"] = CalibrationLoader.SourceKeys,
            ["#/properties/points/items"] = CalibrationLoader.PointKeys,
        },
        ["catalog/overlay.schema.json"] = new()
        {
            ["#"] = CatalogOverlay.RootKeys,
            ["#/$defs/provider"] = CatalogOverlay.ProviderKeys,
            ["#/$defs/model"] = CatalogOverlay.ModelKeys,
            ["#/$defs/facts"] = CatalogOverlay.FactKeys,
            ["#/$defs/match"] = CatalogOverlay.MatchKeys,
            ["#/$defs/model/properties/alternatives/items"] = CatalogOverlay.AlternativeKeys,
            ["#/$defs/sourcedNumber"] = CatalogOverlay.SourcedKeys,
            ["#/$defs/sourcedBoolean"] = CatalogOverlay.SourcedKeys,
            ["#/$defs/sourcedTier"] = CatalogOverlay.SourcedKeys,
        },
        ["examples/scenario.schema.json"] = new()
        {
            ["#"] = ScenarioReader.TopKeys,
            ["#/properties/horizon"] = ScenarioReader.HorizonKeys,
            ["#/properties/models/additionalProperties/oneOf/1"] = ScenarioReader.ModelKeys,
            ["#/properties/caching"] = ScenarioReader.CachingKeys,
            ["#/properties/plans/additionalProperties"] = ScenarioReader.PlanKeys,
            ["#/properties/segments/additionalProperties"] = ScenarioReader.SegmentKeys,
            ["#/$defs/distribution/oneOf/1"] = ScenarioReader.DistributionKeys,
            ["#/$defs/distribution/oneOf/1/properties/pareto"] = ScenarioReader.ParetoKeys,
            ["#/$defs/routing/oneOf/1"] = ScenarioReader.RoutingKeys,
            ["#/$defs/routing/oneOf/1/properties/cascade"] = ScenarioReader.CascadeKeys,
            ["#/properties/levers"] = ScenarioReader.LeverKeys,
            ["#/properties/levers/properties/switch_model/properties/candidates/items"] = ScenarioReader.CandidateKeys,
            ["#/properties/levers/properties/switch_model"] = ScenarioReader.LeverSectionKeys["switch_model"],
            ["#/properties/levers/properties/routing"] = ScenarioReader.LeverSectionKeys["routing"],
            ["#/properties/levers/properties/caching"] = ScenarioReader.LeverSectionKeys["caching"],
            ["#/properties/levers/properties/batch"] = ScenarioReader.LeverSectionKeys["batch"],
            ["#/properties/levers/properties/distillation"] = ScenarioReader.LeverSectionKeys["distillation"],
            ["#/properties/levers/properties/self_host"] = ScenarioReader.LeverSectionKeys["self_host"],
            ["#/properties/levers/properties/speculative_decoding"] = ScenarioReader.LeverSectionKeys["speculative_decoding"],
            ["#/properties/levers/properties/quantization"] = ScenarioReader.LeverSectionKeys["quantization"],
            ["#/properties/levers/properties/edge"] = ScenarioReader.LeverSectionKeys["edge"],
            ["#/properties/levers/properties/pricing_model"] = ScenarioReader.LeverSectionKeys["pricing_model"],
            ["#/$defs/agent"] = ScenarioReader.AgentKeys,
        },
    };

    // JsonSchema.Net registers each schema by its $id once per process.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonSchema> LoadedSchemas = new(StringComparer.Ordinal);

    public static TheoryData<string, string> ShippedFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "catalog"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add("catalog/" + Path.GetFileName(file), "catalog/" + Path.GetFileNameWithoutExtension(file) + ".schema.json");
        }

        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "examples"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add("examples/" + Path.GetFileName(file), "examples/scenario.schema.json");
        }

        return data;
    }

    public static TheoryData<string> Schemas() => [.. ReaderKeys.Keys];

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void Every_shipped_yaml_file_is_valid_against_its_schema(string file, string schemaFile)
    {
        var schemaPath = Path.Combine(RepoPaths.Root, schemaFile);
        Assert.True(File.Exists(schemaPath), $"{file} has no schema {schemaFile}");
        var schema = LoadedSchemas.GetOrAdd(schemaPath, p => JsonSchema.FromText(File.ReadAllText(p)));
        var instance = JsonSerializer.SerializeToElement(YamlJson.Convert(File.ReadAllText(Path.Combine(RepoPaths.Root, file))));
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"));
        Assert.True(result.IsValid, $"{file} against {schemaFile}:\n" + string.Join("\n", errors.Take(20)));
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public void Each_schema_and_its_reader_know_the_same_keys(string schemaFile)
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, schemaFile)))!;
        var objects = new Dictionary<string, string[]>();
        Collect(schema, "#", objects);
        var table = ReaderKeys[schemaFile];
        Assert.True(objects.Keys.Order().SequenceEqual(table.Keys.Order()), $"{schemaFile}: objects with properties {string.Join(", ", objects.Keys.Order())}; the reader table lists {string.Join(", ", table.Keys.Order())}");
        foreach (var (pointer, keys) in objects)
        {
            Assert.True(keys.Order().SequenceEqual(table[pointer].Order()), $"{schemaFile} {pointer}: schema [{string.Join(", ", keys.Order())}] vs reader [{string.Join(", ", table[pointer].Order())}]");
        }
    }

    [Fact]
    public void Every_schema_rejects_properties_it_does_not_list()
    {
        foreach (var schemaFile in ReaderKeys.Keys)
        {
            var objects = new Dictionary<string, string[]>();
            var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, schemaFile)))!;
            Collect(schema, "#", objects, requireClosed: true);
        }
    }

    private static void Collect(JsonNode node, string pointer, Dictionary<string, string[]> objects, bool requireClosed = false)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["properties"] is JsonObject props)
                {
                    objects[pointer] = [.. props.Select(p => p.Key)];
                    if (requireClosed)
                    {
                        Assert.True(obj["additionalProperties"] is JsonValue v && v.GetValue<bool>() == false, $"{pointer} allows properties it does not list");
                    }
                }

                foreach (var (key, child) in obj)
                {
                    if (child is not null && key != "properties")
                    {
                        Collect(child, pointer + "/" + key, objects, requireClosed);
                    }
                    else if (child is JsonObject properties)
                    {
                        foreach (var (name, p) in properties)
                        {
                            if (p is not null)
                            {
                                Collect(p, $"{pointer}/properties/{name}", objects, requireClosed);
                            }
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item)
                    {
                        Collect(item, $"{pointer}/{i}", objects, requireClosed);
                    }
                }

                break;
        }
    }
}
