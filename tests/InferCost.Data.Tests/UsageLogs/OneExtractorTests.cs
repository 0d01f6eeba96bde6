using System.Text.Json.Nodes;
using InferCost.Data.UsageLogs;
using InferCost.Pricing;
using Xunit.Abstractions;

namespace InferCost.Data.Tests.UsageLogs;

/// <summary>
/// <c>price</c> and <c>usage import</c> read usage from a body with the same extractor: for every extractor an import
/// can reach (a provider's chat, responses, default or anthropic flavor, bare or behind a gateway naming the
/// provider), the same body costs the same from <see cref="ResponsePricer"/> and from the store.
/// </summary>
public sealed class OneExtractorTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset At = new(2025, 9, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_same_body_gets_the_same_price_from_price_and_usage_import_over_every_reachable_extractor()
    {
        var catalog = UsageFixtures.Catalog;
        var random = new Random(11);
        var dir = UsageFixtures.TempDir();
        var cases = new List<(string Provider, string Flavor, string Body, decimal Price)>();
        foreach (var provider in catalog.Providers)
        {
            foreach (var extractor in provider.Extractors.Where(e => e.ApiFlavor is "chat" or "responses" or "default" or "anthropic"))
            {
                // A model of this provider the pricer can price (some rate cards price only audio or requests).
                foreach (var model in provider.Models.Take(40))
                {
                    var body = Body(extractor, model.Id, random);
                    if (UsageLogDetector.DetectRecord(System.Text.Encoding.UTF8.GetBytes(body)) is null)
                    {
                        break; // a shape import does not recognize (Bedrock's camelCase inputTokens): not reachable
                    }

                    var priced = new ResponsePricer(catalog, provider.Id, extractor.ApiFlavor, null, At).Price(System.Text.Encoding.UTF8.GetBytes(body));
                    if (priced.Succeeded && priced.Totals.TotalCost > 0)
                    {
                        cases.Add((provider.Id, extractor.ApiFlavor, body, priced.Totals.TotalCost));
                        break;
                    }
                }
            }
        }

        // One log, one line per extractor, one import: each line's stored cost against its `price` result.
        var log = Path.Combine(dir, "bodies.jsonl");
        File.WriteAllLines(log, cases.Select(c => new JsonObject { ["timestamp"] = At.ToString("O"), ["provider"] = c.Provider, ["response"] = JsonNode.Parse(c.Body) }.ToJsonString()));
        using var store = UsageStore.Open(Path.Combine(dir, "u.duckdb"));
        var result = store.Import(log, UsageLogFormat.Auto, catalog, Path.Combine(dir, "rejects.jsonl"));
        var stored = new Dictionary<long, decimal>();
        using (var command = store.Connection.CreateCommand())
        {
            command.CommandText = "SELECT source_line, cost FROM usage_records";
            using var r = command.ExecuteReader();
            while (r.Read())
            {
                stored[r.GetInt64(0)] = r.GetDecimal(1);
            }
        }

        var mismatches = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var (provider, flavor, body, price) = cases[i];
            if (!stored.TryGetValue(i + 1, out var cost) || cost != price)
            {
                var why = stored.ContainsKey(i + 1) ? cost.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Join("; ", result.FirstRejects.Where(r => r.Line == i + 1).Select(r => r.Problem));
                mismatches.Add($"{provider}/{flavor}: price {price}, import {why} — {body}");
            }
        }

        output.WriteLine($"{cases.Count} extractors compared: {string.Join(", ", cases.Select(c => c.Provider + "/" + c.Flavor))}");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {cases.Count} differ:\n" + string.Join("\n", mismatches));
        Assert.True(cases.Count >= 15, $"only {cases.Count} extractors reachable");
    }

    // A well-formed body: the model, every mapping set (input-side totals large, details small, so cache ≤ input).
    private static string Body(UsageExtractor extractor, string model, Random random)
    {
        var body = new JsonObject();
        Set(body, extractor.ModelPath.Select(Name).ToList(), JsonValue.Create(model));
        foreach (var mapping in extractor.Mappings)
        {
            if (mapping.Path.Any(s => s is PathStep.ArrayMatch))
            {
                continue;
            }

            var total = mapping.Destination.UsageKey is "input_tokens" or "output_tokens";
            Set(body, extractor.Root.Select(Name).Concat(mapping.Path.Select(Name)).ToList(), JsonValue.Create(total ? random.Next(20_000, 40_000) : random.Next(0, 900)));
        }

        return body.ToJsonString();
    }

    private static string Name(PathStep step) => ((PathStep.Property)step).Name;

    private static void Set(JsonObject start, List<string> path, JsonNode? value)
    {
        var current = start;
        foreach (var name in path.Take(path.Count - 1))
        {
            if (current[name] is not JsonObject next)
            {
                next = new JsonObject();
                current[name] = next;
            }

            current = next;
        }

        if (!current.ContainsKey(path[^1]))
        {
            current[path[^1]] = value;
        }
    }
}
