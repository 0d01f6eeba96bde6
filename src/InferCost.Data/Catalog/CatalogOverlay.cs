using System.Collections.Immutable;
using InferCost.Data.Yaml;
using InferCost.Errors;
using InferCost.Pricing;
using YamlDotNet.RepresentationModel;

namespace InferCost.Data.Catalog;

/// <summary>
/// Applies an overlay file (YAML, see catalog/overlay.schema.json) to a catalog: provider and model facts
/// (batch discount, context window, max output, cache storage, open weights), added or replaced unit prices,
/// sourced alternative prices, and whole new providers or models. Every value must carry <c>source</c> and
/// <c>as_of</c>; errors name the file, line, column and field.
/// </summary>
public static class CatalogOverlay
{
    /// <summary>The top-level keys.</summary>
    internal static readonly string[] RootKeys = ["providers"];

    /// <summary>The keys of one provider entry (the schema lists the same).</summary>
    internal static readonly string[] ProviderKeys = ["id", "name", "pricing_urls", "facts", "models"];

    /// <summary>The keys of one model entry.</summary>
    internal static readonly string[] ModelKeys = ["id", "name", "match", "facts", "prices", "alternatives"];

    /// <summary>The keys of a facts mapping.</summary>
    internal static readonly string[] FactKeys = ["batch_multiplier", "context_window", "max_output_tokens", "cache_storage_per_mtok_hour", "free_web_searches_per_month", "open_weights", "market_tier"];

    /// <summary>The keys of one alternative price.</summary>
    internal static readonly string[] AlternativeKeys = ["label", "input_mtok", "output_mtok", "source", "as_of"];

    /// <summary>The keys of a sourced value.</summary>
    internal static readonly string[] SourcedKeys = ["value", "source", "as_of"];

    /// <summary>The keys of a match clause (exactly one per clause).</summary>
    internal static readonly string[] MatchKeys = ["equals", "starts_with", "ends_with", "contains", "regex", "or", "and"];

    /// <summary>The largest price per unit an overlay accepts (USD per million tokens or per thousand requests).</summary>
    private const decimal MaxPrice = 1_000_000m;

    /// <summary>The largest token count or monthly allowance an overlay accepts.</summary>
    private const long MaxCount = 1_000_000_000_000;

    /// <summary>Applies the overlay in <paramref name="yaml"/> to <paramref name="catalog"/>.</summary>
    /// <exception cref="InputFileException">The overlay is malformed or refers to something that does not exist.</exception>
    public static PriceCatalog Apply(PriceCatalog catalog, string yaml, string fileName)
    {
        var y = YamlReader.StopAtFirst(fileName);
        var rootNode = y.Load(yaml);
        if (rootNode is null)
        {
            return catalog;
        }

        var root = y.AsMap(rootNode, "(root)", "expected providers: [ … ]", string.Empty)!;
        root.Known(RootKeys);
        var providers = catalog.Providers.ToList();
        var list = root.List("providers", required: true)!;
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"providers[{i}]";
            var map = y.AsMap(list[i], path)!;
            map.Known(ProviderKeys);
            var id = map.Text("id", required: true)!;
            var index = providers.FindIndex(p => p.Id == id);
            CatalogProvider provider;
            if (index < 0)
            {
                if (!map.Has("name"))
                {
                    throw Error(y, map.Node, path + ".id", $"unknown provider '{id}'; to add a provider give it a name. Known: {string.Join(", ", PriceCatalog.Nearest(id, providers.Select(p => p.Id), 5))}");
                }

                provider = new CatalogProvider { Id = id, Name = map.Text("name")!, Models = [] };
                providers.Add(provider);
                index = providers.Count - 1;
            }
            else
            {
                provider = providers[index];
            }

            if (map.Has("pricing_urls"))
            {
                provider = provider with { PricingUrls = [.. map.Texts("pricing_urls")] };
            }

            if (map.Map("facts") is { } facts)
            {
                provider = provider with { Facts = provider.Facts.With(Facts(facts)) };
            }

            if (map.List("models") is { } models)
            {
                var modelList = provider.Models.ToList();
                for (var j = 0; j < models.Count; j++)
                {
                    ApplyModel(y, modelList, models[j], $"{path}.models[{j}]", provider.Id);
                }

                provider = provider with { Models = [.. modelList] };
            }

            providers[index] = provider;
        }

        return new PriceCatalog(providers, catalog.Attributions.Add(new CatalogAttribution("overlay", fileName, "InferCost overlay; each value cites its source", "overlay")));
    }

    private static InputFileException Error(YamlReader y, YamlNode at, string field, string problem) =>
        new(y.File, (int)at.Start.Line, (int)at.Start.Column, field, problem);

    private static void ApplyModel(YamlReader y, List<CatalogModel> models, YamlNode node, string path, string providerId)
    {
        var map = y.AsMap(node, path)!;
        map.Known(ModelKeys);
        var id = map.Text("id", required: true)!;
        var index = models.FindIndex(m => m.Id == id);
        var overlayPrices = map.Map("prices") is { } p ? Prices(p) : [];
        CatalogModel model;
        if (map.Map("match") is { } matchMap)
        {
            if (index >= 0)
            {
                throw Error(y, map.Node, path + ".id", $"model '{id}' already exists at provider '{providerId}'; leave out `match` to overlay it");
            }

            if (overlayPrices.IsEmpty)
            {
                throw Error(y, map.Node, path + ".prices", "a new model needs prices (at least input_mtok and output_mtok)");
            }

            model = new CatalogModel
            {
                Id = id,
                Name = map.Text("name"),
                Match = Match(matchMap),
                Versions = [new PriceVersion(null, new RateCard(overlayPrices.Select(x => x.Price)))],
            };
            models.Add(model);
            index = models.Count - 1;
        }
        else
        {
            if (index < 0)
            {
                throw Error(y, map.Node, path + ".id", $"unknown model '{id}' at provider '{providerId}' (to add one, give it `match` and `prices`). Closest: {string.Join(", ", PriceCatalog.Nearest(id, models.Select(m => m.Id), 5))}");
            }

            model = models[index];
            if (!overlayPrices.IsEmpty)
            {
                model = model with { Versions = [.. model.Versions.Select(v => v with { Rates = v.Rates.With(overlayPrices.Select(x => x.Price)) })] };
            }
        }

        var sources = model.OverlayPrices;
        foreach (var (price, sourced) in overlayPrices)
        {
            sources = sources.SetItem(price.Unit.PriceKey, sourced);
        }

        model = model with { OverlayPrices = sources };
        if (map.Map("facts") is { } facts)
        {
            model = model with { Facts = model.Facts.With(Facts(facts)) };
        }

        if (map.List("alternatives") is { } alts)
        {
            var added = ImmutableArray.CreateBuilder<AlternativePrice>();
            for (var k = 0; k < alts.Count; k++)
            {
                var am = y.AsMap(alts[k], $"{path}.alternatives[{k}]")!;
                am.Known(AlternativeKeys);
                added.Add(new AlternativePrice(
                    am.Text("label", required: true)!,
                    am.Decimal("input_mtok", 0, MaxPrice, required: true)!.Value,
                    am.Decimal("output_mtok", 0, MaxPrice, required: true)!.Value,
                    Source(am),
                    AsOf(am)));
            }

            model = model with { Alternatives = model.Alternatives.AddRange(added) };
        }

        models[index] = model;
    }

    private static ImmutableArray<(UnitPrice Price, Sourced<decimal> Source)> Prices(YamlMap map)
    {
        var result = ImmutableArray.CreateBuilder<(UnitPrice, Sourced<decimal>)>();
        foreach (var (key, valueNode, vpath) in map.Entries)
        {
            if (!UsageUnits.TryGetByPriceKey(key, out var unit))
            {
                map.Reader.Report(vpath, $"unknown price key; expected one of input_mtok, cache_read_mtok, cache_write_mtok, cache_write_1h_mtok, output_mtok, web_searches_kcount, requests_kcount, … (closest: {string.Join(", ", PriceCatalog.Nearest(key, UsageUnits.All.Select(u => u.PriceKey), 3))})");
                continue;
            }

            var sourced = Sourced(map.Reader, valueNode, vpath, v => v.Decimal("value", 0, MaxPrice, required: true)!.Value);
            result.Add((new UnitPrice(unit, TieredPrice.Flat(sourced.Value)), sourced));
        }

        return result.ToImmutable();
    }

    private static ModelFacts Facts(YamlMap map)
    {
        map.Known(FactKeys);
        Sourced<T>? Get<T>(string key, Func<YamlMap, T> read)
            where T : notnull
            => map.Value(key) is { } n ? Sourced(map.Reader, n, map.Field(key), read) : null;

        return new ModelFacts
        {
            BatchMultiplier = Get("batch_multiplier", v =>
            {
                var m = v.Decimal("value", 0, 1, required: true)!.Value;
                if (m == 0)
                {
                    v.Report("value", "expected a multiplier in (0, 1], got 0");
                }

                return m;
            }),
            ContextWindow = Get("context_window", v => v.Whole("value", 1, MaxCount, required: true)!.Value),
            MaxOutputTokens = Get("max_output_tokens", v => v.Whole("value", 1, MaxCount, required: true)!.Value),
            CacheStoragePerMillionHour = Get("cache_storage_per_mtok_hour", v => v.Decimal("value", 0, MaxPrice, required: true)!.Value),
            FreeWebSearchesPerMonth = Get("free_web_searches_per_month", v => v.Whole("value", 1, MaxCount, required: true)!.Value),
            OpenWeights = Get("open_weights", v => v.Bool("value") ?? v.Missing<bool>("value", "true or false")),
            MarketTier = Get("market_tier", v => v.Enum("value", MarketTiers) ?? v.Missing<MarketTier>("value", "commodity, mid, upper or premium")),
        };
    }

    private static readonly Dictionary<string, MarketTier> MarketTiers =
        Enum.GetValues<MarketTier>().ToDictionary(t => t.ToString().ToLowerInvariant(), t => t);

    private static Sourced<T> Sourced<T>(YamlReader y, YamlNode node, string path, Func<YamlMap, T> read)
    {
        if (node is not YamlMappingNode)
        {
            throw Error(y, node, path, "expected { value: …, source: …, as_of: YYYY-MM-DD }: every overlay value needs a source and a date");
        }

        var map = y.AsMap(node, path)!;
        map.Known(SourcedKeys);
        return new Sourced<T>(read(map), Source(map), AsOf(map));
    }

    private static ModelMatch Match(YamlMap map)
    {
        map.Known(MatchKeys);
        if (map.Node.Children.Count != 1)
        {
            throw Error(map.Reader, map.Node, map.Path, "expected exactly one of equals, starts_with, ends_with, contains, regex, or, and");
        }

        var (key, value, path) = map.Entries.First();
        return key switch
        {
            "or" => new ModelMatch.AnyClause(Clauses(map.Reader, value, path)),
            "and" => new ModelMatch.AllClause(Clauses(map.Reader, value, path)),
            "equals" => new ModelMatch.EqualsClause(map.Text(key, required: true)!),
            "starts_with" => new ModelMatch.StartsWithClause(map.Text(key, required: true)!),
            "ends_with" => new ModelMatch.EndsWithClause(map.Text(key, required: true)!),
            "contains" => new ModelMatch.ContainsClause(map.Text(key, required: true)!),
            _ => Regex(map),
        };
    }

    private static ModelMatch.RegexClause Regex(YamlMap map)
    {
        var pattern = map.Text("regex", required: true)!;
        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            map.Report("regex", "not a valid regular expression: " + ex.Message);
        }

        return new ModelMatch.RegexClause(pattern);
    }

    private static ImmutableArray<ModelMatch> Clauses(YamlReader y, YamlNode node, string path)
    {
        var list = y.AsList(node, path)!;
        var clauses = ImmutableArray.CreateBuilder<ModelMatch>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            clauses.Add(Match(y.AsMap(list[i], $"{path}[{i}]")!));
        }

        return clauses.MoveToImmutable();
    }

    private static string Source(YamlMap map)
    {
        if (!map.Has("source"))
        {
            throw Error(map.Reader, map.Node, map.Field("source"), "missing source: every overlay value must say where it came from");
        }

        var s = map.Text("source")!;
        if (string.IsNullOrWhiteSpace(s))
        {
            map.Report("source", "empty source");
        }

        return s;
    }

    private static DateOnly AsOf(YamlMap map)
    {
        if (!map.Has("as_of"))
        {
            throw Error(map.Reader, map.Node, map.Field("as_of"), "missing as_of: every overlay value must carry the date it was read (YYYY-MM-DD)");
        }

        return map.Date("as_of")!.Value;
    }
}
