using InferCost.Serving;

namespace InferCost.Data.Serving;

/// <summary>Loads <c>catalog/gpus.yaml</c> (built in) or a GPU catalog file of the same shape.</summary>
public static class GpuCatalogLoader
{
    /// <summary>The resource name of the built-in GPU catalog.</summary>
    public const string BuiltInName = "catalog/gpus.yaml";

    /// <summary>Loads the GPU catalog built into InferCost.</summary>
    public static GpuCatalog LoadBuiltIn()
    {
        using var reader = BuiltInResources.Open(BuiltInName);
        return Load(BuiltInName, reader);
    }

    /// <summary>Parses a GPU catalog; errors name <paramref name="file"/>, the line and the field.</summary>
    /// <exception cref="InferCost.Errors.InputFileException">A value is missing or malformed.</exception>
    public static GpuCatalog Load(string file, TextReader reader)
    {
        var root = YamlFields.LoadRoot(file, reader);
        var list = YamlFields.Sequence(file, root, "gpus");
        var gpus = new List<GpuSpec>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var f = new YamlFields(file, $"gpus[{i}]", list.Children[i]);
            gpus.Add(new GpuSpec
            {
                Id = f.RequiredString("id"),
                Name = f.RequiredString("name"),
                Aliases = f.StringList("aliases"),
                MemoryGb = f.RequiredPositive("memory_gb"),
                MemoryBandwidthGbPerSecond = f.RequiredPositive("memory_bandwidth_gb_s"),
                Bf16Tflops = f.RequiredPositive("bf16_tflops"),
                Fp8Tflops = f.OptionalDouble("fp8_tflops"),
                Fp4Tflops = f.OptionalDouble("fp4_tflops"),
                Int8Tops = f.OptionalDouble("int8_tops"),
                Interconnect = f.OptionalString("interconnect") ?? "",
                InterconnectGbPerSecond = f.RequiredPositive("interconnect_gb_s"),
                Pricing = ReadPricing(f),
                Source = f.RequiredString("source"),
                AsOf = f.OptionalDate("as_of"),
            });
        }

        var duplicate = gpus.SelectMany(g => g.Aliases.Prepend(g.Id)).GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InferCost.Errors.InputFileException(file, null, "gpus", $"id or alias '{duplicate.Key}' is used more than once");
        }

        return new GpuCatalog(gpus);
    }

    private static GpuPricing? ReadPricing(YamlFields gpu)
    {
        if (gpu.Node("price_per_gpu_hour") is not { } node)
        {
            return null;
        }

        var f = new YamlFields(gpu.File, $"{gpu.Path}.price_per_gpu_hour", node);
        return new GpuPricing(Range(f, "on_demand"), Range(f, "reserved"), f.RequiredString("source"), f.OptionalDate("as_of"));
    }

    private static GpuPriceRange Range(YamlFields pricing, string key)
    {
        var node = pricing.Node(key) ?? throw pricing.Error(key, "missing: expected { low, high }");
        var f = new YamlFields(pricing.File, $"{pricing.Path}.{key}", node);
        var low = f.RequiredDecimal("low");
        var high = f.RequiredDecimal("high");
        return low >= 0 && low <= high ? new GpuPriceRange(low, high) : throw f.Error("low", "need 0 <= low <= high");
    }
}
