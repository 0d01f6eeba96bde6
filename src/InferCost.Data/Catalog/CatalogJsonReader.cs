using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using InferCost.Errors;
using InferCost.Pricing;

namespace InferCost.Data.Catalog;

/// <summary>
/// Reads a price catalog from JSON: either the genai-prices v2 data format (a top-level array of providers, as in
/// <c>@pydantic/genai-prices</c>) or InferCost's own catalog format (an object with <c>format</c>,
/// <c>attribution</c> and <c>providers</c>, where each model has <c>versions</c>). Errors name the file and the
/// JSON path of the bad field.
/// </summary>
public static class CatalogJsonReader
{
    /// <summary>The <c>format</c> value of InferCost's own catalog files.</summary>
    public const string FormatId = "infercost.catalog/1";

    /// <summary>Reads a catalog from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The file's bytes.</param>
    /// <param name="fileName">The file name for error messages.</param>
    /// <exception cref="InputFileException">The JSON is malformed or a field is invalid.</exception>
    public static PriceCatalog Read(ReadOnlyMemory<byte> utf8Json, string fileName)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new InputFileException(fileName, (int?)(ex.LineNumber + 1), null, "not valid JSON: " + ex.Message);
        }

        using (doc)
        {
            var reader = new Reader(fileName);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                var providers = reader.Providers(root, "$");
                var attribution = new CatalogAttribution("genai-prices", fileName, "MIT, Copyright (c) 2025 Pydantic Services Inc.", "imported");
                return new PriceCatalog(providers, [attribution]);
            }

            if (root.ValueKind == JsonValueKind.Object)
            {
                var format = reader.OptionalString(root, "format", "$");
                if (format != FormatId)
                {
                    throw reader.Error("$.format", $"expected \"{FormatId}\" (or a genai-prices array), got {format ?? "nothing"}");
                }

                var attributions = root.TryGetProperty("attribution", out var a)
                    ? reader.Array(a, "$.attribution").Select((e, i) => reader.Attribution(e, $"$.attribution[{i}]")).ToImmutableArray()
                    : [];
                var providers = reader.Providers(reader.Required(root, "providers", "$"), "$.providers");
                return new PriceCatalog(providers, attributions);
            }

            throw reader.Error("$", "expected an array of providers (genai-prices) or an InferCost catalog object");
        }
    }

    private sealed class Reader(string fileName)
    {
        public InputFileException Error(string path, string problem) => new(fileName, null, path, problem);

        public ImmutableArray<CatalogProvider> Providers(JsonElement array, string path)
        {
            var providers = Array(array, path).Select((p, i) => Provider(p, $"{path}[{i}]")).ToImmutableArray();
            var duplicate = providers.GroupBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw Error(path, $"provider id '{duplicate.Key}' appears more than once");
            }

            return providers;
        }

        public CatalogAttribution Attribution(JsonElement e, string path) => new(
            RequiredString(e, "name", path), RequiredString(e, "source", path), RequiredString(e, "license", path), RequiredString(e, "version", path));

        private CatalogProvider Provider(JsonElement e, string path)
        {
            var id = RequiredString(e, "id", path);
            return new CatalogProvider
            {
                Id = id,
                Name = RequiredString(e, "name", path),
                PricingUrls = e.TryGetProperty("pricing_urls", out var urls) ? [.. Array(urls, path + ".pricing_urls").Select((u, i) => StringValue(u, $"{path}.pricing_urls[{i}]"))] : [],
                ApiPattern = OptionalString(e, "api_pattern", path),
                ModelMatch = e.TryGetProperty("model_match", out var mm) ? Match(mm, path + ".model_match") : null,
                ProviderMatch = e.TryGetProperty("provider_match", out var pm) ? Match(pm, path + ".provider_match") : null,
                FallbackModelProviders = e.TryGetProperty("fallback_model_providers", out var fb) ? [.. Array(fb, path + ".fallback_model_providers").Select((u, i) => StringValue(u, $"{path}.fallback_model_providers[{i}]"))] : [],
                PriceComments = OptionalString(e, "price_comments", path),
                Extractors = e.TryGetProperty("extractors", out var ex) ? [.. Array(ex, path + ".extractors").Select((x, i) => Extractor(x, $"{path}.extractors[{i}]"))] : [],
                Models = [.. Array(Required(e, "models", path), path + ".models").Select((m, i) => Model(m, $"{path}.models[{i}]"))],
            };
        }

        private CatalogModel Model(JsonElement e, string path)
        {
            ImmutableArray<PriceVersion> versions;
            if (e.TryGetProperty("versions", out var v))
            {
                versions = [.. Array(v, path + ".versions").Select((x, i) => Version(x, $"{path}.versions[{i}]"))];
            }
            else
            {
                var prices = Required(e, "prices", path);
                versions = prices.ValueKind == JsonValueKind.Array
                    ? [.. Array(prices, path + ".prices").Select((x, i) => Version(x, $"{path}.prices[{i}]"))]
                    : [new PriceVersion(null, Rates(prices, path + ".prices"))];
            }

            if (versions.IsEmpty)
            {
                throw Error(path + ".prices", "expected at least one price version");
            }

            return new CatalogModel
            {
                Id = RequiredString(e, "id", path),
                Name = OptionalString(e, "name", path),
                Description = OptionalString(e, "description", path),
                Match = Match(Required(e, "match", path), path + ".match"),
                ContextWindow = e.TryGetProperty("context_window", out var cw) && cw.ValueKind != JsonValueKind.Null ? Long(cw, path + ".context_window") : null,
                Deprecated = e.TryGetProperty("deprecated", out var d) && d.ValueKind == JsonValueKind.True,
                PriceComments = OptionalString(e, "price_comments", path),
                Versions = versions,
            };
        }

        private PriceVersion Version(JsonElement e, string path)
        {
            var rates = Rates(Required(e, "prices", path), path + ".prices");
            if (!e.TryGetProperty("constraint", out var c) || c.ValueKind == JsonValueKind.Null)
            {
                return new PriceVersion(null, rates);
            }

            var cpath = path + ".constraint";
            if (c.ValueKind != JsonValueKind.Object)
            {
                throw Error(cpath, "expected a start-date or time-of-day constraint object");
            }

            var keys = c.EnumerateObject().Select(p => p.Name).Where(n => n != "type").OrderBy(n => n, StringComparer.Ordinal).ToArray();
            var type = OptionalString(c, "type", cpath);
            if (keys.SequenceEqual(["start_date"]) && type is null or "start_date")
            {
                var text = RequiredString(c, "start_date", cpath);
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    throw Error(cpath + ".start_date", $"expected a date YYYY-MM-DD, got '{text}'");
                }

                return new PriceVersion(new PriceConstraint.StartingOn(date), rates);
            }

            if (keys.SequenceEqual(["end_time", "start_time"]) && type is null or "time_of_date")
            {
                var (start, end) = (RequiredString(c, "start_time", cpath), RequiredString(c, "end_time", cpath));
                try
                {
                    return new PriceVersion(new PriceConstraint.TimeOfDay(PriceConstraint.TimeOfDay.ParseUtcSecond(start), PriceConstraint.TimeOfDay.ParseUtcSecond(end), start, end), rates);
                }
                catch (FormatException ex)
                {
                    throw Error(cpath, ex.Message + " (expected HH:MM:SS with Z or ±HH:MM)");
                }
            }

            throw Error(cpath, $"expected a start-date or time-of-day price constraint, got: {c.GetRawText()}");
        }

        public RateCard Rates(JsonElement e, string path)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw Error(path, "expected an object of prices keyed by price key (input_mtok, output_mtok, …)");
            }

            var prices = new List<UnitPrice>();
            var ignored = new List<string>();
            foreach (var p in e.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                var price = Price(p.Value, $"{path}.{p.Name}");
                if (UsageUnits.TryGetByPriceKey(p.Name, out var unit))
                {
                    prices.Add(new UnitPrice(unit, price));
                }
                else
                {
                    ignored.Add(p.Name);
                }
            }

            return new RateCard(prices, ignored);
        }

        private TieredPrice Price(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.Number)
            {
                return TieredPrice.Flat(NonNegativeDecimal(e, path));
            }

            if (e.ValueKind != JsonValueKind.Object)
            {
                throw Error(path, "expected a finite non-negative number or valid tiered prices");
            }

            var basePrice = NonNegativeDecimal(Required(e, "base", path), path + ".base");
            var tiers = Array(Required(e, "tiers", path), path + ".tiers").Select((t, i) =>
            {
                var tpath = $"{path}.tiers[{i}]";
                return new PriceTier(Long(Required(t, "start", tpath), tpath + ".start"), NonNegativeDecimal(Required(t, "price", tpath), tpath + ".price"));
            });
            return new TieredPrice(basePrice, tiers);
        }

        private UsageExtractor Extractor(JsonElement e, string path)
        {
            var mappings = ImmutableArray.CreateBuilder<UsageMapping>();
            foreach (var (m, i) in Array(Required(e, "mappings", path), path + ".mappings").Select((m, i) => (m, i)))
            {
                var mpath = $"{path}.mappings[{i}]";
                var dest = RequiredString(m, "dest", mpath);
                if (!UsageUnits.TryGetByUsageKey(dest, out var unit) || unit == UsageUnits.Requests)
                {
                    continue; // genai-prices warns and skips destinations it cannot price
                }

                mappings.Add(new UsageMapping(Path(Required(m, "path", mpath), mpath + ".path"), unit, m.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True));
            }

            return new UsageExtractor
            {
                ApiFlavor = RequiredString(e, "api_flavor", path),
                Root = Path(Required(e, "root", path), path + ".root"),
                ModelPath = Path(Required(e, "model_path", path), path + ".model_path"),
                Mappings = mappings.ToImmutable(),
            };
        }

        private ImmutableArray<PathStep> Path(JsonElement e, string path)
        {
            PathStep Step(JsonElement s, string spath) => s.ValueKind switch
            {
                JsonValueKind.String => new PathStep.Property(s.GetString()!),
                JsonValueKind.Object when OptionalString(s, "type", spath) == "array-match" =>
                    new PathStep.ArrayMatch(RequiredString(s, "field", spath), Match(Required(s, "match", spath), spath + ".match")),
                _ => throw Error(spath, "expected a property name or an array-match step"),
            };

            var steps = e.ValueKind == JsonValueKind.Array
                ? [.. e.EnumerateArray().Select((s, i) => Step(s, $"{path}[{i}]"))]
                : ImmutableArray.Create(Step(e, path));
            if (steps.IsEmpty || steps[^1] is not PathStep.Property)
            {
                throw Error(path, "expected the last step of a path to be a property name");
            }

            return steps;
        }

        public ModelMatch Match(JsonElement e, string path)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw Error(path, "expected a match clause object (equals, starts_with, ends_with, contains, regex, or, and)");
            }

            if (e.TryGetProperty("or", out var or))
            {
                return new ModelMatch.AnyClause([.. Array(or, path + ".or").Select((c, i) => Match(c, $"{path}.or[{i}]"))]);
            }

            if (e.TryGetProperty("and", out var and))
            {
                return new ModelMatch.AllClause([.. Array(and, path + ".and").Select((c, i) => Match(c, $"{path}.and[{i}]"))]);
            }

            foreach (var p in e.EnumerateObject())
            {
                var value = StringValue(p.Value, $"{path}.{p.Name}");
                switch (p.Name)
                {
                    case "equals": return new ModelMatch.EqualsClause(value);
                    case "starts_with": return new ModelMatch.StartsWithClause(value);
                    case "ends_with": return new ModelMatch.EndsWithClause(value);
                    case "contains": return new ModelMatch.ContainsClause(value);
                    case "regex":
                        try
                        {
                            return new ModelMatch.RegexClause(value);
                        }
                        catch (ArgumentException ex)
                        {
                            throw Error($"{path}.regex", "invalid regular expression: " + ex.Message);
                        }
                }
            }

            throw Error(path, "expected one of equals, starts_with, ends_with, contains, regex, or, and");
        }

        public JsonElement Required(JsonElement e, string name, string path)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw Error(path, "expected an object");
            }

            return e.TryGetProperty(name, out var v) ? v : throw Error($"{path}.{name}", "missing required field");
        }

        public string RequiredString(JsonElement e, string name, string path) => StringValue(Required(e, name, path), $"{path}.{name}");

        public string? OptionalString(JsonElement e, string name, string path)
            => e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? StringValue(v, $"{path}.{name}") : null;

        private string StringValue(JsonElement e, string path)
            => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Error(path, $"expected a string, got {e.ValueKind.ToString().ToLowerInvariant()}");

        public JsonElement[] Array(JsonElement e, string path)
            => e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().ToArray() : throw Error(path, $"expected an array, got {e.ValueKind.ToString().ToLowerInvariant()}");

        private decimal NonNegativeDecimal(JsonElement e, string path)
            => e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out var d) && d >= 0
                ? d
                : throw Error(path, $"expected a finite non-negative number, got {e.GetRawText()}");

        private long Long(JsonElement e, string path)
            => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var l) && l >= 0
                ? l
                : throw Error(path, $"expected a non-negative integer, got {e.GetRawText()}");
    }
}
