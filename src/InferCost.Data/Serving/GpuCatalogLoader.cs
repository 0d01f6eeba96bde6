using InferCost.Data.Yaml;
using InferCost.Serving;

namespace InferCost.Data.Serving;

/// <summary>Loads <c>catalog/gpus.yaml</c> (built in) or a GPU catalog file of the same shape (schema: <c>catalog/gpus.schema.json</c>).</summary>
public static class GpuCatalogLoader
{
    /// <summary>The resource name of the built-in GPU catalog.</summary>
    public const string BuiltInName = "catalog/gpus.yaml";

    /// <summary>The top-level keys.</summary>
    internal static readonly string[] RootKeys = ["gpus"];

    /// <summary>The keys of one GPU entry (the schema lists the same).</summary>
    internal static readonly string[] GpuKeys = ["id", "name", "aliases", "memory_gb", "memory_bandwidth_gb_s", "bf16_tflops", "fp8_tflops", "fp4_tflops", "int8_tops", "interconnect", "interconnect_gb_s", "price_per_gpu_hour", "source", "as_of"];

    /// <summary>The keys of a GPU's hourly price.</summary>
    internal static readonly string[] PricingKeys = ["on_demand", "reserved", "source", "as_of"];

    /// <summary>The keys of a price range.</summary>
    internal static readonly string[] RangeKeys = ["low", "high"];

    /// <summary>Loads the GPU catalog built into InferCost.</summary>
    public static GpuCatalog LoadBuiltIn()
    {
        using var reader = BuiltInResources.Open(BuiltInName);
        return Load(BuiltInName, reader);
    }

    /// <summary>Parses a GPU catalog; errors name <paramref name="file"/>, the line, the column and the field.</summary>
    /// <exception cref="InferCost.Errors.InputFileException">A value is missing, unknown, out of range or malformed.</exception>
    public static GpuCatalog Load(string file, TextReader reader)
    {
        var yaml = YamlReader.StopAtFirst(file);
        var root = yaml.Root(yaml.Load(reader), "expected gpus: [ … ]")!;
        root.Known(RootKeys);
        var list = root.List("gpus", required: true)!;
        var gpus = new List<GpuSpec>();
        for (var i = 0; i < list.Count; i++)
        {
            var f = yaml.AsMap(list[i], $"gpus[{i}]")!;
            f.Known(GpuKeys);
            gpus.Add(new GpuSpec
            {
                Id = f.Text("id", required: true)!,
                Name = f.Text("name", required: true)!,
                Aliases = f.Texts("aliases"),
                MemoryGb = f.Number("memory_gb", double.Epsilon, 100_000, required: true)!.Value,
                MemoryBandwidthGbPerSecond = f.Number("memory_bandwidth_gb_s", double.Epsilon, 1_000_000, required: true)!.Value,
                Bf16Tflops = f.Number("bf16_tflops", double.Epsilon, 1_000_000, required: true)!.Value,
                Fp8Tflops = f.Number("fp8_tflops", double.Epsilon, 1_000_000),
                Fp4Tflops = f.Number("fp4_tflops", double.Epsilon, 1_000_000),
                Int8Tops = f.Number("int8_tops", double.Epsilon, 1_000_000),
                Interconnect = f.Text("interconnect") ?? "",
                InterconnectGbPerSecond = f.Number("interconnect_gb_s", double.Epsilon, 1_000_000, required: true)!.Value,
                Pricing = f.Map("price_per_gpu_hour") is { } pricing ? ReadPricing(pricing) : null,
                Source = f.Text("source", required: true)!,
                AsOf = f.Date("as_of") ?? default,
            });
        }

        var duplicate = gpus.SelectMany(g => g.Aliases.Prepend(g.Id)).GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            yaml.Report("gpus", $"id or alias '{duplicate.Key}' is used more than once");
        }

        return new GpuCatalog(gpus);
    }

    private static GpuPricing ReadPricing(YamlMap f)
    {
        f.Known(PricingKeys);
        return new GpuPricing(Range(f, "on_demand"), Range(f, "reserved"), f.Text("source", required: true)!, f.Date("as_of") ?? default);
    }

    private static GpuPriceRange Range(YamlMap pricing, string key)
    {
        var f = pricing.Map(key, required: true)!;
        f.Known(RangeKeys);
        var low = f.Decimal("low", 0, 10_000, required: true)!.Value;
        var high = f.Decimal("high", 0, 10_000, required: true)!.Value;
        if (low > high)
        {
            f.Report("low", "need 0 <= low <= high");
        }

        return new GpuPriceRange(low, high);
    }
}
