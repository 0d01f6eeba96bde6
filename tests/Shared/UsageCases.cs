using System.Globalization;
using System.Text;
using System.Text.Json;
using InferCost.Pricing;

namespace InferCost.Testing;

/// <summary>One generated usage to price: a provider, a model id, a time and a usage (genai-prices keys).</summary>
internal sealed record UsageCase(string Provider, string Model, DateTimeOffset Timestamp, IReadOnlyDictionary<string, long> Usage)
{
    public Usage ToUsage()
    {
        var b = default(UsageBuilder);
        foreach (var (key, value) in Usage)
        {
            if (UsageUnits.TryGetByUsageKey(key, out var unit))
            {
                b.Set(unit, value);
            }
        }

        return b.ToUsage();
    }

    public string ToJson()
    {
        var sb = new StringBuilder();
        sb.Append("{\"provider\":").Append(JsonSerializer.Serialize(Provider))
          .Append(",\"model\":").Append(JsonSerializer.Serialize(Model))
          .Append(",\"timestamp\":\"").Append(Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)).Append('"')
          .Append(",\"usage\":{");
        var first = true;
        foreach (var (key, value) in Usage)
        {
            if (!first) sb.Append(',');
            first = false;
            sb.Append('"').Append(key).Append("\":").Append(value.ToString(CultureInfo.InvariantCulture));
        }

        return sb.Append("}}").ToString();
    }
}

/// <summary>
/// Generates usages across every provider and model of a catalog: every priced unit gets a value, nested units
/// stay within their parents (cache reads and writes within input, reasoning within output), input sizes cross the
/// long-context tiers, and timestamps span the dated and time-of-day price versions.
/// </summary>
internal static class UsageCaseGenerator
{
    public static List<UsageCase> Generate(PriceCatalog catalog, int perModel, int seed)
    {
        var random = new Random(seed);
        var cases = new List<UsageCase>();
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var provider in catalog.Providers)
        {
            foreach (var model in provider.Models)
            {
                for (var i = 0; i < perModel; i++)
                {
                    var at = start.AddSeconds(random.NextInt64(0, 3L * 365 * 24 * 3600));
                    var units = model.Versions.SelectMany(v => v.Rates.Prices).Select(p => p.Unit).Where(u => u != UsageUnits.Requests).Distinct()
                        .Append(UsageUnits.InputTokens).Append(UsageUnits.OutputTokens).Distinct()
                        .OrderBy(u => u.Dimensions.Length).ThenBy(u => u.UsageKey, StringComparer.Ordinal).ToList();
                    var values = new Dictionary<string, long>(StringComparer.Ordinal);
                    foreach (var unit in units)
                    {
                        // Roots get sizes that straddle tier boundaries (100k–400k) or small sizes; children a share of the smallest parent.
                        var parents = units.Where(p => (unit.AncestorMask & p.Bit) != 0 && values.ContainsKey(p.UsageKey)).Select(p => values[p.UsageKey]).ToList();
                        long value = parents.Count == 0
                            ? random.Next(4) switch
                            {
                                0 => random.NextInt64(0, 5_000),
                                1 => random.NextInt64(150_000, 400_000),
                                2 => random.NextInt64(190_000, 290_000),
                                _ => random.NextInt64(0, 2_000_000),
                            }
                            : (long)(parents.Min() * random.NextDouble() * 0.3);
                        if (unit.Family() is "tool_calls" or "requests" or "document_pages" or "messages" or "rerank")
                        {
                            value = random.NextInt64(0, 20);
                        }

                        values[unit.UsageKey] = value;
                    }

                    // Use an id the model answers to: its own id (genai-prices may still pick an earlier match).
                    cases.Add(new UsageCase(provider.Id, model.Id, at, values));
                }
            }
        }

        // Ids no model matches, and providers given by a different spelling.
        cases.Add(new UsageCase("openai", "no-such-model-xyz", start, new Dictionary<string, long> { ["input_tokens"] = 10, ["output_tokens"] = 5 }));
        cases.Add(new UsageCase("anthropic", "claude-opus-4-7-20990101", start.AddYears(2), new Dictionary<string, long> { ["input_tokens"] = 1000, ["cache_read_tokens"] = 400, ["output_tokens"] = 5 }));
        return cases;
    }

    private static string? Family(this UsageUnit unit) => unit.Dimension("family");
}
