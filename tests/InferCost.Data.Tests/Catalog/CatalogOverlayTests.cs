using System.Text;
using InferCost.Data.Catalog;
using InferCost.Errors;
using InferCost.Pricing;
using YamlDotNet.RepresentationModel;

namespace InferCost.Data.Tests.Catalog;

public class CatalogOverlayTests
{
    private static PriceCatalog Base() => CatalogJsonReader.Read(CatalogLoader.ReadResource(CatalogLoader.BaseResource), "base");

    [Fact]
    public void Every_value_in_the_shipped_overlay_has_a_source_and_a_date()
    {
        // Walk the YAML itself: every leaf value must sit in a mapping that also has `source` and `as_of`.
        var yaml = Encoding.UTF8.GetString(CatalogLoader.ReadResource(CatalogLoader.OverlayResource));
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var unsourced = new List<string>();
        var values = 0;
        void Walk(YamlNode node, string path)
        {
            switch (node)
            {
                case YamlMappingNode map when map.Children.ContainsKey(new YamlScalarNode("value")) || map.Children.ContainsKey(new YamlScalarNode("label")):
                    values++;
                    if (!map.Children.ContainsKey(new YamlScalarNode("source")) || !map.Children.ContainsKey(new YamlScalarNode("as_of")))
                    {
                        unsourced.Add($"line {node.Start.Line}: {path}");
                    }

                    break;
                case YamlMappingNode map:
                    foreach (var (k, v) in map.Children)
                    {
                        Walk(v, path + "." + k);
                    }

                    break;
                case YamlSequenceNode seq:
                    var i = 0;
                    foreach (var item in seq)
                    {
                        Walk(item, $"{path}[{i++}]");
                    }

                    break;
            }
        }

        Walk(stream.Documents[0].RootNode, "$");
        Assert.True(values >= 20, $"only {values} overlay values");
        Assert.Empty(unsourced);

        // And the loader kept a source and a date on every value it applied.
        var catalog = CatalogLoader.LoadBuiltIn();
        foreach (var m in catalog.AllModels)
        {
            Assert.All(m.Model.OverlayPrices.Values, s => Assert.False(string.IsNullOrWhiteSpace(s.Source)));
            Assert.All(m.Model.Alternatives, a => Assert.False(string.IsNullOrWhiteSpace(a.Source)));
        }
    }

    [Fact]
    public void The_overlay_adds_batch_discounts_tool_fees_and_the_seed_prices()
    {
        var catalog = CatalogLoader.LoadBuiltIn();
        Assert.Equal(0.5m, catalog.Resolve("gpt-5.4").Facts.BatchMultiplier!.Value);
        Assert.Equal(0.5m, catalog.Resolve("claude-opus-4-7").Facts.BatchMultiplier!.Value);
        var gemini = catalog.Resolve("gemini-3.1-pro-preview");
        Assert.Equal(0.5m, gemini.Facts.BatchMultiplier!.Value);
        Assert.Equal(14m, gemini.Model.RatesAt(DateTimeOffset.UtcNow).PriceOf(UsageUnits.WebSearches)!.Base);
        Assert.Equal(5000, gemini.Facts.FreeWebSearchesPerMonth!.Value);
        var mimo = catalog.Resolve("mimo-v2.5-pro", "xiaomi");
        Assert.Equal(3m, mimo.Model.RatesAt(DateTimeOffset.UtcNow).PriceOf(UsageUnits.OutputTokens)!.Base);
        Assert.Contains(catalog.Resolve("gpt-5.4").Model.Alternatives, a => a.InputPerMillion == 2.5m && a.OutputPerMillion == 15m);
    }

    [Fact]
    public void A_value_without_a_source_is_an_error_naming_file_line_and_field()
    {
        const string yaml = """
            providers:
              - id: openai
                facts:
                  batch_multiplier: { value: 0.5, as_of: 2026-11-23 }
            """;
        var ex = Assert.Throws<InputFileException>(() => CatalogOverlay.Apply(Base(), yaml, "mine.yaml"));
        Assert.Equal("mine.yaml", ex.File);
        Assert.Equal(4, ex.Line);
        Assert.Equal("providers[0].facts.batch_multiplier.source", ex.Field);
    }

    [Theory]
    [InlineData("providers:\n  - id: opena\n    facts: {}\n", 2, "unknown provider 'opena'")]
    [InlineData("providers:\n  - id: openai\n    models:\n      - id: gpt-9\n", 4, "unknown model 'gpt-9'")]
    [InlineData("providers:\n  - id: openai\n    models:\n      - id: gpt-5.4\n        prices:\n          input_mtk: { value: 1, source: x, as_of: 2026-01-01 }\n", 6, "unknown price key")]
    [InlineData("providers:\n  - id: openai\n    models:\n      - id: gpt-5.4\n        prices:\n          input_mtok: { value: -1, source: x, as_of: 2026-01-01 }\n", 6, "non-negative")]
    [InlineData("providers:\n  - id: openai\n    facts:\n      batch_multiplier: { value: 0.5, source: x, as_of: 23/11/2026 }\n", 4, "YYYY-MM-DD")]
    [InlineData("providers: [\n", 2, "not valid YAML")]
    public void Malformed_overlays_get_clear_errors(string yaml, int line, string expected)
    {
        var ex = Assert.Throws<InputFileException>(() => CatalogOverlay.Apply(Base(), yaml, "bad.yaml"));
        Assert.Equal(line, ex.Line);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("bad.yaml:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_overlay_with_negotiated_rates_wins()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var file = Path.Combine(dir.FullName, "negotiated.yaml");
            File.WriteAllText(file, """
                providers:
                  - id: anthropic
                    models:
                      - id: claude-opus-4-7
                        prices:
                          input_mtok: { value: 4, source: "our MSA, schedule B", as_of: 2026-10-01 }
                """);
            var m = CatalogLoader.LoadBuiltIn([file]).Resolve("claude-opus-4-7", "anthropic");
            Assert.Equal(4m, m.Model.RatesAt(DateTimeOffset.UtcNow).PriceOf(UsageUnits.InputTokens)!.Base);
            Assert.Equal("our MSA, schedule B", m.Model.OverlayPrices["input_mtok"].Source);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void No_overlay_price_is_older_than_the_snapshot_it_overrides()
    {
        // An overlay price on a model the snapshot has must be at least as recent as the snapshot itself and as the
        // newest dated price version the snapshot holds for that model; otherwise the snapshot may know better.
        var snapshot = Base();
        var overlaid = CatalogOverlay.Apply(snapshot, Encoding.UTF8.GetString(CatalogLoader.ReadResource(CatalogLoader.OverlayResource)), "overlay.yaml");
        var stale = new List<string>();
        foreach (var m in overlaid.AllModels.Where(m => !m.Model.OverlayPrices.IsEmpty))
        {
            var original = snapshot.GetProvider(m.Provider.Id)?.Models.FirstOrDefault(x => x.Id == m.Model.Id);
            if (original is null)
            {
                continue; // a model the overlay adds
            }

            var newestVersion = original.Versions.Select(v => v.Constraint).OfType<PriceConstraint.StartingOn>().Select(c => c.Start).DefaultIfEmpty(DateOnly.MinValue).Max();
            var floor = newestVersion > CatalogStore.BuiltIn.AsOf ? newestVersion : CatalogStore.BuiltIn.AsOf;
            stale.AddRange(m.Model.OverlayPrices.Where(p => p.Value.AsOf < floor).Select(p => $"{m.QualifiedId} {p.Key} as_of {p.Value.AsOf:yyyy-MM-dd} < {floor:yyyy-MM-dd}"));
        }

        Assert.Empty(stale);
    }

    [Fact]
    public void The_shipped_overlay_corrects_the_prices_the_snapshot_had_wrong()
    {
        var catalog = CatalogOverlay.Apply(Base(), Encoding.UTF8.GetString(CatalogLoader.ReadResource(CatalogLoader.OverlayResource)), "overlay.yaml");
        var at = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
        decimal Price(string model, string provider, UsageUnit unit, long prompt = 1000) => catalog.Resolve(model, provider).Model.RatesAt(at).PriceOf(unit)!.PriceFor(prompt);

        var large = catalog.Resolve("mistral-large-latest", "mistral");
        Assert.Equal(("mistral-large-2512", MatchKind.Alias), (large.Model.Id, large.Match));
        Assert.Equal((0.5m, 1.5m), (Price("mistral-large-latest", "mistral", UsageUnits.InputTokens), Price("mistral-large-latest", "mistral", UsageUnits.OutputTokens)));
        foreach (var id in new[] { "deepseek-chat", "deepseek-reasoner" })
        {
            Assert.Equal((0.28m, 0.028m, 0.42m), (Price(id, "deepseek", UsageUnits.InputTokens), Price(id, "deepseek", UsageUnits.CacheReadTokens), Price(id, "deepseek", UsageUnits.OutputTokens)));
        }

        Assert.Equal(6m, Price("grok-4", "x-ai", UsageUnits.InputTokens, prompt: 150_000));
        Assert.Equal(30m, Price("grok-4", "x-ai", UsageUnits.OutputTokens, prompt: 150_000));
        Assert.Equal(3m, Price("grok-4", "x-ai", UsageUnits.InputTokens, prompt: 100_000));
    }

    [Fact]
    public void An_overlay_declares_aliases_and_long_context_tiers_with_their_source()
    {
        const string yaml = """
            providers:
              - id: openai
                models:
                  - id: gpt-5.4
                    aliases: { value: [gpt-flagship], source: "https://example.test/aliases", as_of: 2026-12-01 }
                    prices:
                      output_mtok: { value: 15, tiers: [ { start: 272000, price: 22.5 } ], source: "https://example.test/pricing", as_of: 2026-12-01 }
            """;
        var catalog = CatalogOverlay.Apply(Base(), yaml, "tiers.yaml");
        var m = catalog.Resolve("gpt-flagship", "openai", strict: true);
        Assert.Equal(("gpt-5.4", MatchKind.Alias), (m.Model.Id, m.Match));
        var output = m.Model.RatesAt(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero)).PriceOf(UsageUnits.OutputTokens)!;
        Assert.Equal((15m, 22.5m), (output.PriceFor(1000), output.PriceFor(300_000)));
        Assert.Equal("https://example.test/pricing", m.Model.OverlayPrices["output_mtok"].Source);

        var ex = Assert.Throws<InputFileException>(() => CatalogOverlay.Apply(Base(), "providers:\n  - id: openai\n    models:\n      - id: gpt-5.4\n        aliases: [gpt-flagship]\n", "bad.yaml"));
        Assert.Contains("source and a date", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_built_in_overlay_skips_models_a_fetched_snapshot_no_longer_has()
    {
        var tiny = new PriceCatalog([Base().GetProvider("openai")!]);
        var overlaid = CatalogOverlay.Apply(tiny, Encoding.UTF8.GetString(CatalogLoader.ReadResource(CatalogLoader.OverlayResource)), "overlay.yaml", skipMissing: true);
        Assert.Equal(0.5m, overlaid.Resolve("gpt-5.4", "openai").Facts.BatchMultiplier!.Value);
        Assert.Throws<InputFileException>(() => CatalogOverlay.Apply(tiny, Encoding.UTF8.GetString(CatalogLoader.ReadResource(CatalogLoader.OverlayResource)), "overlay.yaml"));
    }
}
