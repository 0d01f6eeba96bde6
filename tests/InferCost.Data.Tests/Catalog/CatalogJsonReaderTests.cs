using System.Text;
using InferCost.Data.Catalog;
using InferCost.Errors;

namespace InferCost.Data.Tests.Catalog;

public class CatalogJsonReaderTests
{
    private static InputFileException Fail(string json) => Assert.Throws<InputFileException>(() => CatalogJsonReader.Read(Encoding.UTF8.GetBytes(json), "data.json"));

    [Fact]
    public void Reads_every_provider_and_model_of_the_reference_snapshot()
    {
        var catalog = CatalogLoader.ReadFile(Testing.RepoPaths.GenAiPricesData);
        Assert.Equal(43, catalog.Providers.Length);
        Assert.Equal(1694, catalog.AllModels.Count());
        Assert.Contains(catalog.AllModels, m => m.Model.Versions.Any(v => v.Constraint is Pricing.PriceConstraint.TimeOfDay));
        Assert.Contains(catalog.AllModels, m => m.Model.Versions.Any(v => v.Constraint is Pricing.PriceConstraint.StartingOn));
        Assert.True(catalog.Providers.Sum(p => p.Extractors.Length) >= 80);
    }

    [Fact]
    public void Round_trips_through_the_infercost_format()
    {
        var catalog = CatalogLoader.ReadFile(Testing.RepoPaths.GenAiPricesData);
        var again = CatalogJsonReader.Read(CatalogJsonWriter.Write(catalog), "roundtrip.json");
        Assert.True(Pricing.CatalogDiff.Between(catalog, again, DateTimeOffset.UtcNow).IsEmpty);
        Assert.Equal(catalog.Providers.Sum(p => p.Extractors.Length), again.Providers.Sum(p => p.Extractors.Length));
    }

    [Fact]
    public void Malformed_json_names_the_line()
    {
        var ex = Fail("[\n{\"id\": \"x\",\n\"name\": }\n]");
        Assert.Equal(3, ex.Line);
    }

    [Theory]
    [InlineData("""[{"id":"p","name":"P","models":[{"id":"m","match":{"equals":"m"},"prices":{"input_mtok":-1}}]}]""", "$[0].models[0].prices.input_mtok", "non-negative")]
    [InlineData("""[{"id":"p","name":"P","models":[{"id":"m","match":{"equals":"m"},"prices":{"input_mtok":{"base":1,"tiers":[{"start":"x","price":2}]}}}]}]""", "$[0].models[0].prices.input_mtok.tiers[0].start", "integer")]
    [InlineData("""[{"id":"p","name":"P","models":[{"id":"m","match":{"like":"m"},"prices":{}}]}]""", "$[0].models[0].match", "expected one of")]
    [InlineData("""[{"id":"p","name":"P","models":[{"id":"m","match":{"equals":"m"},"prices":[{"constraint":{"start_date":"2026-13-01"},"prices":{}}]}]}]""", "$[0].models[0].prices[0].constraint.start_date", "YYYY-MM-DD")]
    [InlineData("""[{"id":"p","models":[]}]""", "$[0].name", "missing")]
    public void Invalid_fields_are_named_by_path(string json, string field, string expected)
    {
        var ex = Fail(json);
        Assert.Equal(field, ex.Field);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
