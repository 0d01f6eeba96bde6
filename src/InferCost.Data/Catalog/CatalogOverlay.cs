using System.Collections.Immutable;
using System.Globalization;
using InferCost.Errors;
using InferCost.Pricing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace InferCost.Data.Catalog;

/// <summary>
/// Applies an overlay file (YAML, see catalog/overlay.schema.json) to a catalog: provider and model facts
/// (batch discount, context window, max output, cache storage, open weights), added or replaced unit prices,
/// sourced alternative prices, and whole new providers or models. Every value must carry <c>source</c> and
/// <c>as_of</c>; errors name the file, line and field.
/// </summary>
public static class CatalogOverlay
{
    /// <summary>Applies the overlay in <paramref name="yaml"/> to <paramref name="catalog"/>.</summary>
    /// <param name="catalog">The catalog to overlay.</param>
    /// <param name="yaml">The overlay's text.</param>
    /// <param name="fileName">Its name, for errors.</param>
    /// <param name="skipMissing">
    /// Leave out entries for providers or models the catalog does not have instead of failing: for the built-in overlay on
    /// a snapshot <c>catalog update</c> fetched, which may have dropped or renamed a model.
    /// </param>
    /// <exception cref="InputFileException">The overlay is malformed or refers to something that does not exist.</exception>
    public static PriceCatalog Apply(PriceCatalog catalog, string yaml, string fileName, bool skipMissing = false)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new InputFileException(fileName, (int)ex.Start.Line, null, "not valid YAML: " + ex.Message);
        }

        if (stream.Documents.Count == 0)
        {
            return catalog;
        }

        var y = new Yaml(fileName) { SkipMissing = skipMissing };
        var root = y.Map(stream.Documents[0].RootNode, "$");
        y.OnlyKeys(root, "$", "providers");
        var providers = catalog.Providers.ToList();
        foreach (var (node, i) in y.Seq(y.Get(root, "providers", "$"), "providers").Select((n, i) => (n, i)))
        {
            var path = $"providers[{i}]";
            var map = y.Map(node, path);
            y.OnlyKeys(map, path, "id", "name", "pricing_urls", "facts", "models");
            var id = y.Str(y.Get(map, "id", path), path + ".id");
            var index = providers.FindIndex(p => p.Id == id);
            CatalogProvider provider;
            if (index < 0)
            {
                if (Yaml.Find(map, "name") is null)
                {
                    if (y.SkipMissing)
                    {
                        continue;
                    }

                    throw y.Error(map, path + ".id", $"unknown provider '{id}'; to add a provider give it a name. Known: {string.Join(", ", PriceCatalog.Nearest(id, providers.Select(p => p.Id), 5))}");
                }

                provider = new CatalogProvider { Id = id, Name = y.Str(Yaml.Find(map, "name")!, path + ".name"), Models = [] };
                providers.Add(provider);
                index = providers.Count - 1;
            }
            else
            {
                provider = providers[index];
            }

            if (Yaml.Find(map, "pricing_urls") is { } urls)
            {
                provider = provider with { PricingUrls = [.. y.Seq(urls, path + ".pricing_urls").Select((u, j) => y.Str(u, $"{path}.pricing_urls[{j}]"))] };
            }

            if (Yaml.Find(map, "facts") is { } facts)
            {
                provider = provider with { Facts = provider.Facts.With(Facts(y, facts, path + ".facts")) };
            }

            if (Yaml.Find(map, "models") is { } models)
            {
                var list = provider.Models.ToList();
                var aliases = provider.Aliases;
                foreach (var (mnode, j) in y.Seq(models, path + ".models").Select((n, j) => (n, j)))
                {
                    foreach (var (alias, target) in ApplyModel(y, list, mnode, $"{path}.models[{j}]", provider.Id))
                    {
                        aliases = aliases.SetItem(alias, target);
                    }
                }

                provider = provider with { Models = [.. list], Aliases = aliases };
            }

            providers[index] = provider;
        }

        return new PriceCatalog(providers, catalog.Attributions.Add(new CatalogAttribution("overlay", fileName, "InferCost overlay; each value cites its source", "overlay")));
    }

    // Applies one model entry; returns the aliases it declares (lower-case alias → model id).
    private static (string Alias, string Target)[] ApplyModel(Yaml y, List<CatalogModel> models, YamlNode node, string path, string providerId)
    {
        var map = y.Map(node, path);
        y.OnlyKeys(map, path, "id", "name", "match", "context_window", "facts", "prices", "alternatives", "aliases", "service_tiers");
        var id = y.Str(y.Get(map, "id", path), path + ".id");
        var index = models.FindIndex(m => m.Id == id);
        var overlayPrices = Yaml.Find(map, "prices") is { } p ? Prices(y, p, path + ".prices") : [];
        CatalogModel model;
        if (Yaml.Find(map, "match") is { } matchNode)
        {
            if (index >= 0)
            {
                throw y.Error(map, path + ".id", $"model '{id}' already exists at provider '{providerId}'; leave out `match` to overlay it");
            }

            if (overlayPrices.IsEmpty)
            {
                throw y.Error(map, path + ".prices", "a new model needs prices (at least input_mtok and output_mtok)");
            }

            model = new CatalogModel
            {
                Id = id,
                Name = Yaml.Find(map, "name") is { } n ? y.Str(n, path + ".name") : null,
                Match = Match(y, matchNode, path + ".match"),
                Versions = [new PriceVersion(null, new RateCard(overlayPrices.Select(x => x.Price)))],
            };
            models.Add(model);
            index = models.Count - 1;
        }
        else
        {
            if (index < 0)
            {
                if (y.SkipMissing)
                {
                    return [];
                }

                throw y.Error(map, path + ".id", $"unknown model '{id}' at provider '{providerId}' (to add one, give it `match` and `prices`). Closest: {string.Join(", ", PriceCatalog.Nearest(id, models.Select(m => m.Id), 5))}");
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

        if (Yaml.Find(map, "service_tiers") is { } tiersNode)
        {
            var tiers = model.ServiceTiers;
            foreach (var (tierKey, tierPrices) in y.Map(tiersNode, path + ".service_tiers").Children)
            {
                var tier = y.Str(tierKey, path + ".service_tiers").Trim().ToLowerInvariant();
                var priced = Prices(y, tierPrices, $"{path}.service_tiers.{tier}");
                tiers = tiers.SetItem(tier, [.. priced.Select(x => x.Price)]);
                foreach (var (price, sourced) in priced)
                {
                    sources = sources.SetItem($"{tier}:{price.Unit.PriceKey}", sourced);
                }
            }

            model = model with { ServiceTiers = tiers };
        }

        model = model with { OverlayPrices = sources };
        if (Yaml.Find(map, "facts") is { } facts)
        {
            model = model with { Facts = model.Facts.With(Facts(y, facts, path + ".facts")) };
        }

        if (Yaml.Find(map, "alternatives") is { } alts)
        {
            model = model with
            {
                Alternatives = model.Alternatives.AddRange(y.Seq(alts, path + ".alternatives").Select((a, k) =>
                {
                    var apath = $"{path}.alternatives[{k}]";
                    var am = y.Map(a, apath);
                    y.OnlyKeys(am, apath, "label", "input_mtok", "output_mtok", "source", "as_of");
                    return new AlternativePrice(
                        y.Str(y.Get(am, "label", apath), apath + ".label"),
                        y.Dec(y.Get(am, "input_mtok", apath), apath + ".input_mtok"),
                        y.Dec(y.Get(am, "output_mtok", apath), apath + ".output_mtok"),
                        y.Source(am, apath),
                        y.AsOf(am, apath));
                })),
            };
        }

        models[index] = model;
        if (Yaml.Find(map, "aliases") is { } aliasNode)
        {
            var declared = Sourced(y, aliasNode, path + ".aliases", (n, p) => y.Seq(n, p).Select((a, k) => y.Str(a, $"{p}[{k}]").Trim().ToLowerInvariant()).ToArray());
            return declared.Value.Select(a => (a, model.Id)).ToArray();
        }

        return [];
    }

    private static ImmutableArray<(UnitPrice Price, Sourced<decimal> Source)> Prices(Yaml y, YamlNode node, string path)
    {
        var map = y.Map(node, path);
        var result = ImmutableArray.CreateBuilder<(UnitPrice, Sourced<decimal>)>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = y.Str(keyNode, path);
            var vpath = $"{path}.{key}";
            if (!UsageUnits.TryGetByPriceKey(key, out var unit))
            {
                throw y.Error(keyNode, vpath, $"unknown price key; expected one of input_mtok, cache_read_mtok, cache_write_mtok, cache_write_1h_mtok, output_mtok, web_searches_kcount, requests_kcount, … (closest: {string.Join(", ", PriceCatalog.Nearest(key, UsageUnits.All.Select(u => u.PriceKey), 3))})");
            }

            var sourced = Sourced(y, valueNode, vpath, (n, p) => y.NonNegative(n, p), "tiers");
            var tiers = Yaml.Find((YamlMappingNode)valueNode, "tiers") is { } tierNode
                ? y.Seq(tierNode, vpath + ".tiers").Select((t, k) =>
                {
                    var tpath = $"{vpath}.tiers[{k}]";
                    var tm = y.Map(t, tpath);
                    y.OnlyKeys(tm, tpath, "start", "price");
                    return new PriceTier(y.PositiveLong(y.Get(tm, "start", tpath), tpath + ".start"), y.NonNegative(y.Get(tm, "price", tpath), tpath + ".price"));
                }).ToArray()
                : [];
            result.Add((new UnitPrice(unit, new TieredPrice(sourced.Value, tiers)), sourced));
        }

        return result.ToImmutable();
    }

    private static ModelFacts Facts(Yaml y, YamlNode node, string path)
    {
        var map = y.Map(node, path);
        y.OnlyKeys(map, path, "batch_multiplier", "context_window", "max_output_tokens", "cache_storage_per_mtok_hour", "free_web_searches_per_month", "open_weights", "market_tier");
        Sourced<T>? Get<T>(string key, Func<YamlNode, string, T> read)
            where T : notnull
            => Yaml.Find(map, key) is { } n ? Sourced(y, n, $"{path}.{key}", read) : null;

        return new ModelFacts
        {
            BatchMultiplier = Get("batch_multiplier", (n, p) =>
            {
                var v = y.Dec(n, p);
                return v is > 0 and <= 1 ? v : throw y.Error(n, p, $"expected a multiplier in (0, 1], got {v}");
            }),
            ContextWindow = Get("context_window", (n, p) => y.PositiveLong(n, p)),
            MaxOutputTokens = Get("max_output_tokens", (n, p) => y.PositiveLong(n, p)),
            CacheStoragePerMillionHour = Get("cache_storage_per_mtok_hour", (n, p) => y.NonNegative(n, p)),
            FreeWebSearchesPerMonth = Get("free_web_searches_per_month", (n, p) => y.PositiveLong(n, p)),
            OpenWeights = Get("open_weights", (n, p) => y.Str(n, p) switch
            {
                "true" => true,
                "false" => false,
                var s => throw y.Error(n, p, $"expected true or false, got '{s}'"),
            }),
            MarketTier = Get("market_tier", (n, p) => Enum.TryParse<MarketTier>(y.Str(n, p), ignoreCase: true, out var t)
                ? t
                : throw y.Error(n, p, "expected commodity, mid, upper or premium")),
        };
    }

    private static Sourced<T> Sourced<T>(Yaml y, YamlNode node, string path, Func<YamlNode, string, T> read, params string[] extraKeys)
    {
        if (node is not YamlMappingNode map)
        {
            throw y.Error(node, path, "expected { value: …, source: …, as_of: YYYY-MM-DD }: every overlay value needs a source and a date");
        }

        y.OnlyKeys(map, path, ["value", "source", "as_of", .. extraKeys]);
        return new Sourced<T>(read(y.Get(map, "value", path), path + ".value"), y.Source(map, path), y.AsOf(map, path));
    }

    private static ModelMatch Match(Yaml y, YamlNode node, string path)
    {
        var map = y.Map(node, path);
        if (map.Children.Count != 1)
        {
            throw y.Error(map, path, "expected exactly one of equals, starts_with, ends_with, contains, regex, or, and");
        }

        var (k, v) = map.Children.First();
        var key = y.Str(k, path);
        return key switch
        {
            "or" => new ModelMatch.AnyClause([.. y.Seq(v, path + ".or").Select((c, i) => Match(y, c, $"{path}.or[{i}]"))]),
            "and" => new ModelMatch.AllClause([.. y.Seq(v, path + ".and").Select((c, i) => Match(y, c, $"{path}.and[{i}]"))]),
            "equals" => new ModelMatch.EqualsClause(y.Str(v, path + ".equals")),
            "starts_with" => new ModelMatch.StartsWithClause(y.Str(v, path + ".starts_with")),
            "ends_with" => new ModelMatch.EndsWithClause(y.Str(v, path + ".ends_with")),
            "contains" => new ModelMatch.ContainsClause(y.Str(v, path + ".contains")),
            "regex" => new ModelMatch.RegexClause(y.Str(v, path + ".regex")),
            _ => throw y.Error(k, path + "." + key, "expected one of equals, starts_with, ends_with, contains, regex, or, and"),
        };
    }

    // Small helpers over YamlDotNet's representation model that report file, line and field.
    private sealed class Yaml(string fileName)
    {
        public bool SkipMissing { get; init; }

        public InputFileException Error(YamlNode node, string path, string problem) => new(fileName, (int)node.Start.Line, path, problem);

        public YamlMappingNode Map(YamlNode node, string path) => node as YamlMappingNode ?? throw Error(node, path, "expected a mapping");

        public IEnumerable<YamlNode> Seq(YamlNode node, string path) => node as YamlSequenceNode ?? throw Error(node, path, "expected a list");

        public static YamlNode? Find(YamlMappingNode map, string key)
            => map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

        public YamlNode Get(YamlMappingNode map, string key, string path)
            => Find(map, key) ?? throw Error(map, $"{path}.{key}", "missing required field");

        public void OnlyKeys(YamlMappingNode map, string path, params string[] allowed)
        {
            foreach (var key in map.Children.Keys)
            {
                var name = Str(key, path);
                if (!allowed.Contains(name))
                {
                    throw Error(key, $"{path}.{name}", $"unknown field; expected one of {string.Join(", ", allowed)}");
                }
            }
        }

        public string Str(YamlNode node, string path)
            => node is YamlScalarNode { Value: { } v } ? v : throw Error(node, path, "expected a text value");

        public decimal Dec(YamlNode node, string path)
            => decimal.TryParse(Str(node, path), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? d
                : throw Error(node, path, $"expected a number, got '{Str(node, path)}'");

        public decimal NonNegative(YamlNode node, string path)
        {
            var d = Dec(node, path);
            return d >= 0 ? d : throw Error(node, path, $"expected a non-negative number, got {d}");
        }

        public long PositiveLong(YamlNode node, string path)
            => long.TryParse(Str(node, path), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) && l > 0
                ? l
                : throw Error(node, path, $"expected a positive whole number, got '{Str(node, path)}'");

        public string Source(YamlMappingNode map, string path)
        {
            var node = Find(map, "source") ?? throw Error(map, path + ".source", "missing source: every overlay value must say where it came from");
            var s = Str(node, path + ".source");
            return string.IsNullOrWhiteSpace(s) ? throw Error(node, path + ".source", "empty source") : s;
        }

        public DateOnly AsOf(YamlMappingNode map, string path)
        {
            var node = Find(map, "as_of") ?? throw Error(map, path + ".as_of", "missing as_of: every overlay value must carry the date it was read (YYYY-MM-DD)");
            return DateOnly.TryParseExact(Str(node, path + ".as_of"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d
                : throw Error(node, path + ".as_of", $"expected a date YYYY-MM-DD, got '{Str(node, path + ".as_of")}'");
        }
    }
}
