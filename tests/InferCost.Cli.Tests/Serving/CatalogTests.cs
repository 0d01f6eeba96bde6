using InferCost.Data.Serving;
using InferCost.Errors;

namespace InferCost.Cli.Tests.Serving;

public class CatalogTests
{
    [Theory]
    [InlineData("h100", "h100-sxm")]
    [InlineData("h100-sxm", "h100-sxm")]
    [InlineData("h100-pcie", "h100-pcie")]
    [InlineData("h200", "h200")]
    [InlineData("b200", "b200")]
    [InlineData("a100", "a100-80gb")]
    [InlineData("a100-80gb", "a100-80gb")]
    [InlineData("l40s", "l40s")]
    [InlineData("L4", "l4")]
    [InlineData("mi300x", "mi300x")]
    public void Gpu_aliases_resolve(string alias, string id)
    {
        Assert.Equal(id, GpuCatalogLoader.LoadBuiltIn().Find(alias).Id);
    }

    [Fact]
    public void Every_model_the_issue_names_is_in_the_catalog_with_a_source()
    {
        var catalog = OpenModelCatalogLoader.LoadBuiltIn();
        string[] ids =
        [
            "llama-3.2-1b", "llama-3.2-3b", "llama-3.1-8b", "llama-3.1-70b", "llama-3.1-405b", "qwen3-8b", "qwen3-14b", "qwen3-32b",
            "qwen3-30b-a3b", "qwen3-235b-a22b", "mixtral-8x7b", "deepseek-v3", "gpt-oss-20b", "gpt-oss-120b", "granite-3.3-8b",
        ];
        foreach (var id in ids)
        {
            var model = catalog.Find(id);
            Assert.StartsWith("https://", model.Source, StringComparison.Ordinal);
            Assert.NotEqual(default, model.AsOf);
        }
    }

    [Fact]
    public void Moe_parameter_counts_from_the_architecture_match_the_model_cards()
    {
        foreach (var model in OpenModelCatalogLoader.LoadBuiltIn().Models.Where(m => m.IsMixtureOfExperts))
        {
            var activeExperts = model.RoutedExpertParameters * model.ActiveExperts / model.Experts;
            var active = model.Parameters - model.RoutedExpertParameters + activeExperts;
            Assert.InRange(active / model.ActiveParameters, 0.8, 1.25);
        }
    }

    [Fact]
    public void Every_gpu_has_a_source_and_prices_carry_theirs()
    {
        foreach (var gpu in GpuCatalogLoader.LoadBuiltIn().Gpus)
        {
            Assert.StartsWith("https://", gpu.Source, StringComparison.Ordinal);
            if (gpu.Pricing is { } pricing)
            {
                Assert.Contains("https://", pricing.Source, StringComparison.Ordinal);
                Assert.True(pricing.Reserved.Low <= pricing.OnDemand.High);
            }
        }
    }

    [Fact]
    public void A_bad_value_names_file_line_and_field()
    {
        const string yaml = "gpus:\n  - id: x\n    name: X\n    memory_gb: lots\n";
        var ex = Assert.Throws<InputFileException>(() => GpuCatalogLoader.Load("my-gpus.yaml", new StringReader(yaml)));
        Assert.Equal("my-gpus.yaml", ex.File);
        Assert.Equal(4, ex.Line);
        Assert.Equal("gpus[0].memory_gb", ex.Field);
    }

    [Fact]
    public void A_missing_field_names_the_entry()
    {
        const string yaml = "models:\n  - id: m\n    name: M\n    parameters_b: 1\n";
        var ex = Assert.Throws<InputFileException>(() => OpenModelCatalogLoader.Load("models.yaml", new StringReader(yaml)));
        Assert.Equal(2, ex.Line);
        Assert.Equal("models[0].active_parameters_b", ex.Field);
    }

    [Fact]
    public void Calibration_points_name_catalog_entries_and_a_listed_source()
    {
        var points = CalibrationLoader.LoadBuiltIn();
        var gpus = GpuCatalogLoader.LoadBuiltIn();
        var models = OpenModelCatalogLoader.LoadBuiltIn();
        Assert.True(points.Count >= 50);
        Assert.All(points, p =>
        {
            gpus.Find(p.GpuId);
            models.Find(p.ModelId);
            Assert.StartsWith("https://", p.Source, StringComparison.Ordinal);
        });
    }
}
