using System.Text;
using InferCost.Data.Catalog;
using InferCost.Pricing;
using InferCost.Testing;

namespace InferCost.Benchmarks;

/// <summary>The records every pricing benchmark uses: the same generated usages the conformance test checks.</summary>
public static class PricingWorkload
{
    /// <summary>Usage cases across every model of the shipped catalog.</summary>
    internal static List<UsageCase> Cases(int perModel = 3) =>
        UsageCaseGenerator.Generate(CatalogLoader.LoadBase(), perModel, seed: 20261123);

    /// <summary>JSONL of OpenAI Chat Completions bodies (what `infercost price --provider openai --api-flavor chat` reads).</summary>
    public static byte[] ChatCompletionsJsonl(int records)
    {
        string[] models = ["gpt-5.4", "gpt-5.4-mini", "gpt-5.4-nano", "gpt-4o", "gpt-5-mini", "gpt-4.1"];
        var random = new Random(7);
        var sb = new StringBuilder(records * 260);
        for (var i = 0; i < records; i++)
        {
            var prompt = random.Next(50, 300_000);
            var cached = random.Next(0, prompt / 2);
            var completion = random.Next(1, 4_000);
            var reasoning = random.Next(0, completion);
            sb.Append("{\"id\":\"chatcmpl-").Append(i).Append("\",\"object\":\"chat.completion\",\"created\":1763900000,\"model\":\"")
              .Append(models[i % models.Length]).Append("\",\"usage\":{\"prompt_tokens\":").Append(prompt)
              .Append(",\"completion_tokens\":").Append(completion).Append(",\"total_tokens\":").Append(prompt + completion)
              .Append(",\"prompt_tokens_details\":{\"cached_tokens\":").Append(cached).Append(",\"audio_tokens\":0}")
              .Append(",\"completion_tokens_details\":{\"reasoning_tokens\":").Append(reasoning).Append(",\"audio_tokens\":0}}}\n");
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>Pre-resolved rate cards and usages: pricing alone.</summary>
    internal static (RateCard[] Rates, Usage[] Usages) Resolved(PriceCatalog catalog, List<UsageCase> cases)
    {
        var rates = new List<RateCard>();
        var usages = new List<Usage>();
        foreach (var c in cases)
        {
            if (catalog.TryResolve(c.Model, c.Provider) is { } m)
            {
                var card = m.Model.RatesAt(c.Timestamp);
                var usage = m.Model.ApplyBillingRules(c.ToUsage());
                try
                {
                    card.CalculateTotals(usage);
                }
                catch (PricingException)
                {
                    continue;
                }

                rates.Add(card);
                usages.Add(usage);
            }
        }

        return ([.. rates], [.. usages]);
    }
}
