using System.Text.Json;
using System.Text.Json.Nodes;
using InferCost.Data.Catalog;
using InferCost.Pricing;
using InferCost.Testing;
using Xunit.Abstractions;

namespace InferCost.Data.Tests.Catalog;

/// <summary>
/// Builds response bodies for every provider's every API flavor from the extractors in the data, and requires the
/// same model and usage (or an error on both sides) from the genai-prices peer's extractUsage, from InferCost's
/// extractor, and from InferCost's streaming fast path. Three differences are deliberate and listed (docs/catalog.md,
/// "Where InferCost deliberately differs"): a value of the wrong type at an optional usage path (a string
/// <c>candidatesTokenCount</c>), which genai-prices ignores and bills as zero; a fraction of a token (10.5); and a
/// count above 10^12. InferCost rejects all three (docs/usage.md, "Bounds on usage values").
/// </summary>
public class ExtractionConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_provider_flavor_extracts_like_the_genai_prices_peer()
    {
        var catalog = CatalogJsonReader.Read(CatalogLoader.ReadResource(CatalogLoader.BaseResource), CatalogLoader.BaseResource);
        var random = new Random(5);
        var cases = new List<(string Provider, UsageExtractor Extractor, JsonObject Body, bool MistypedOptional)>();
        foreach (var provider in catalog.Providers)
        {
            foreach (var extractor in provider.Extractors)
            {
                for (var variant = 0; variant < 14; variant++)
                {
                    var body = Body(extractor, variant, random, out var mistypedOptional);
                    cases.Add((provider.Id, extractor, body, mistypedOptional));
                }
            }
        }

        var peer = PeerRunner.Run("extract.mjs", cases.Select(c => new JsonObject { ["provider"] = c.Provider, ["flavor"] = c.Extractor.ApiFlavor, ["body"] = c.Body.DeepClone() }.ToJsonString()));
        Assert.Equal(cases.Count, peer.Count);
        var mismatches = new List<string>();
        int agreed = 0, errors = 0, fast = 0, differences = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            var (provider, extractor, body, mistypedOptional) = cases[i];
            var json = body.ToJsonString();
            string? ours;
            try
            {
                using var doc = JsonDocument.Parse(json);
                var (model, usage) = extractor.Extract(doc.RootElement);
                ours = Describe(model, usage);
            }
            catch (PricingException)
            {
                ours = null;
            }

            var theirs = peer[i].TryGetProperty("error", out _) ? null : Describe(peer[i]);
            if (mistypedOptional && theirs is not null)
            {
                // A listed difference: genai-prices ignores a mistyped optional count and prices fractions and counts
                // above 10^12; InferCost rejects the body.
                if (ours is not null) mismatches.Add($"{provider}/{extractor.ApiFlavor} listed difference accepted: {json}");
                differences++;
                continue;
            }

            if (ours != theirs)
            {
                mismatches.Add($"{provider}/{extractor.ApiFlavor} {json}: peer {theirs ?? peer[i].ToString()} ours {ours ?? "error"}");
                continue;
            }

            if (ours is null) errors++;
            else agreed++;

            // The streaming scanner either agrees exactly or declines (and the full extractor runs).
            if (FastUsageScanner.For(extractor) is { } scanner)
            {
                var b = default(UsageBuilder);
                if (scanner.TryScan(System.Text.Encoding.UTF8.GetBytes(json), ref b, out var modelBytes))
                {
                    fast++;
                    var scanned = Describe(modelBytes.IsEmpty ? null : System.Text.Encoding.UTF8.GetString(modelBytes), b.ToUsage());
                    if (scanned != ours) mismatches.Add($"{provider}/{extractor.ApiFlavor} fast path {scanned} vs {ours ?? "error"}: {json}");
                }
            }
        }

        output.WriteLine($"{cases.Count} bodies over {catalog.Providers.Sum(p => p.Extractors.Length)} extractors: {agreed} extracted identically, {errors} rejected by both, {fast} by the fast path, {differences} mistyped optional, fractional or over-10^12 counts rejected by InferCost only (the listed differences)");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} mismatches:\n" + string.Join("\n", mismatches.Take(15)));
        Assert.True(agreed > cases.Count / 2);
        Assert.True(differences > 0);
    }

    private static string Describe(string? model, Usage usage)
        => (model ?? "-") + " " + string.Join(",", usage.Entries().Select(e => $"{e.Key.UsageKey}={e.Value}").Order(StringComparer.Ordinal));

    private static string Describe(JsonElement peer)
    {
        var model = peer.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        var usage = peer.GetProperty("usage").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetDecimal()}").Order(StringComparer.Ordinal);
        return (model ?? "-") + " " + string.Join(",", usage);
    }

    // Variants: 0–7 well-formed with optional fields dropped at random; 8 a required field missing; 9 a string where a
    // number goes; 10 a null; 11 no usage root; 12 a fraction (10.5); 13 a count above 10^12.
    private static JsonObject Body(UsageExtractor extractor, int variant, Random random, out bool mistypedOptional)
    {
        mistypedOptional = false;
        var body = new JsonObject();
        if (variant != 11)
        {
            Set(body, extractor.ModelPath, JsonValue.Create("model-" + random.Next(3)));
        }

        var root = variant == 11 ? new JsonObject() : Ensure(body, extractor.Root);
        var dropRequired = variant == 8;
        foreach (var (mapping, index) in extractor.Mappings.Select((m, i) => (m, i)))
        {
            if (!mapping.Required && random.Next(3) == 0) continue;
            if (mapping.Required && dropRequired) { dropRequired = false; continue; }
            JsonNode? value = JsonValue.Create(random.Next(0, 5000));
            if (variant == 9 && index == 0)
            {
                value = JsonValue.Create("12");
                mistypedOptional = !mapping.Required;
            }

            if (variant == 10 && index == 0) value = null;
            if (variant is 12 or 13 && index == 0)
            {
                value = variant == 12 ? JsonValue.Create(10.5m) : JsonValue.Create(10_000_000_000_000L);
                mistypedOptional = variant == 13 || UsageLimits.MustBeWhole(mapping.Destination); // a listed difference, required field or not
            }

            Set(root, mapping.Path, value);
        }

        if (variant == 11)
        {
            body["unrelated"] = root;
        }

        return body;
    }

    private static JsonObject Ensure(JsonObject start, IReadOnlyList<PathStep> path)
    {
        var current = start;
        for (var i = 0; i < path.Count; i++)
        {
            var name = ((PathStep.Property)path[i]).Name;
            if (i + 1 < path.Count && path[i + 1] is PathStep.ArrayMatch am)
            {
                // An array of objects under `name`; the item whose field matches is the next container.
                if (current[name] is not JsonArray array)
                {
                    array = [];
                    current[name] = array;
                }

                var wanted = am.Match is ModelMatch.EqualsClause eq ? eq.Value : "x";
                var item = array.OfType<JsonObject>().FirstOrDefault(o => (string?)o[am.Field] == wanted);
                if (item is null)
                {
                    item = new JsonObject { [am.Field] = wanted };
                    array.Add(item);
                }

                current = item;
                i++;
                continue;
            }

            if (current[name] is not JsonObject o2)
            {
                o2 = new JsonObject();
                current[name] = o2;
            }

            current = o2;
        }

        return current;
    }

    private static void Set(JsonObject start, IReadOnlyList<PathStep> path, JsonNode? value)
    {
        var parent = Ensure(start, path.Take(path.Count - 1).ToList());
        var last = ((PathStep.Property)path[^1]).Name;
        if (!parent.ContainsKey(last)) parent[last] = value;
    }
}
