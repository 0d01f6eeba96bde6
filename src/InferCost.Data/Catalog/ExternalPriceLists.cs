using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using InferCost.Errors;
using InferCost.Pricing;

namespace InferCost.Data.Catalog;

/// <summary>
/// Reads other price lists into <see cref="ExternalPrice"/> entries for <c>infercost catalog check</c>: LiteLLM's
/// <c>model_prices_and_context_window.json</c>, and genai-prices feeds of other dates.
/// </summary>
public static class ExternalPriceLists
{
    // LiteLLM's litellm_provider values → our provider ids (those we carry).
    private static readonly FrozenDictionary<string, string> LiteLlmProviders = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["openai"] = "openai",
        ["text-completion-openai"] = "openai",
        ["azure"] = "azure",
        ["azure_ai"] = "azure",
        ["anthropic"] = "anthropic",
        ["bedrock"] = "aws",
        ["bedrock_converse"] = "aws",
        ["gemini"] = "google",
        ["vertex_ai-language-models"] = "google",
        ["vertex_ai-anthropic_models"] = "google",
        ["mistral"] = "mistral",
        ["codestral"] = "mistral",
        ["deepseek"] = "deepseek",
        ["xai"] = "x-ai",
        ["groq"] = "groq",
        ["together_ai"] = "together",
        ["fireworks_ai"] = "fireworks",
        ["cohere"] = "cohere",
        ["cohere_chat"] = "cohere",
        ["perplexity"] = "perplexity",
        ["openrouter"] = "openrouter",
        ["cerebras"] = "cerebras",
        ["moonshot"] = "moonshotai",
        ["novita"] = "novita",
        ["minimax"] = "minimax",
        ["zai"] = "zai",
        ["cloudflare"] = "cloudflare",
        ["ovhcloud"] = "ovhcloud",
        ["voyage"] = "voyageai",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // LiteLLM price fields (USD per token) → our price keys (USD per 1M tokens).
    private static readonly (string Field, string PriceKey)[] LiteLlmPrices =
    [
        ("input_cost_per_token", "input_mtok"),
        ("output_cost_per_token", "output_mtok"),
        ("cache_read_input_token_cost", "cache_read_mtok"),
        ("cache_creation_input_token_cost", "cache_write_mtok"),
    ];

    /// <summary>
    /// Reads LiteLLM's map: chat, completion and responses entries with a token price (embeddings, images, audio and
    /// <c>sample_spec</c> are left out). The <c>route/</c> prefix of a key (<c>azure/</c>, <c>bedrock/</c>, a region) is
    /// dropped to get the model id.
    /// </summary>
    /// <exception cref="InputFileException">The file is not a JSON object of entries.</exception>
    public static ImmutableArray<ExternalPrice> ReadLiteLlm(ReadOnlyMemory<byte> utf8Json, string fileName)
    {
        using var doc = Parse(utf8Json, fileName);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InputFileException(fileName, null, "$", "expected LiteLLM's model_prices_and_context_window.json: an object of model entries");
        }

        var result = ImmutableArray.CreateBuilder<ExternalPrice>();
        foreach (var entry in doc.RootElement.EnumerateObject())
        {
            var e = entry.Value;
            if (entry.Name == "sample_spec" || e.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var mode = e.TryGetProperty("mode", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : "chat";
            if (mode is not ("chat" or "completion" or "responses"))
            {
                continue;
            }

            var prices = ImmutableDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
            foreach (var (field, key) in LiteLlmPrices)
            {
                if (e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var perToken))
                {
                    prices[key] = perToken * 1_000_000m;
                }
            }

            if (!prices.ContainsKey("input_mtok") && !prices.ContainsKey("output_mtok"))
            {
                continue;
            }

            var litellmProvider = e.TryGetProperty("litellm_provider", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : string.Empty;
            var provider = LiteLlmProviders.GetValueOrDefault(litellmProvider)
                ?? (litellmProvider.StartsWith("vertex_ai", StringComparison.Ordinal) ? "google" : null);
            long? window = e.TryGetProperty("max_input_tokens", out var w) && w.ValueKind == JsonValueKind.Number && w.TryGetInt64(out var l) ? l : null;
            result.Add(new ExternalPrice(entry.Name, provider, ModelIdOf(entry.Name), prices.ToImmutable(), window));
        }

        return result.ToImmutable();
    }

    /// <summary>Every model of another genai-prices feed (or InferCost catalog) as in force at <paramref name="at"/>, base prices of each unit.</summary>
    public static ImmutableArray<ExternalPrice> FromCatalog(PriceCatalog theirs, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(theirs);
        return [.. theirs.AllModels
            .GroupBy(m => m.QualifiedId, StringComparer.Ordinal)
            .Select(g => g.First())
            .Select(m => new ExternalPrice(
                m.QualifiedId,
                m.Provider.Id,
                m.Model.Id,
                m.Model.RatesAt(at).Prices.ToImmutableDictionary(p => p.Unit.PriceKey, p => p.Price.Base, StringComparer.Ordinal),
                m.Model.EffectiveContextWindow))];
    }

    // "bedrock/us-east-1/anthropic.claude…" → "anthropic.claude…"; "azure/gpt-4o" → "gpt-4o"; "together_ai/meta-llama/X" → "meta-llama/X".
    private static string ModelIdOf(string key)
    {
        var parts = key.Split('/');
        var i = 0;
        while (i < parts.Length - 1 && (IsRoute(parts[i]) || IsRegion(parts[i])))
        {
            i++;
        }

        return string.Join('/', parts[i..]);
    }

    private static bool IsRoute(string segment)
        => LiteLlmProviders.ContainsKey(segment) || segment is "vertex_ai" or "converse" or "invoke" or "xai" or "fireworks_ai" or "together_ai";

    private static bool IsRegion(string segment)
        => System.Text.RegularExpressions.Regex.IsMatch(segment, "^[a-z]{2}(-gov)?-[a-z]+-[0-9]$|^(global|us|eu|apac)$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    private static JsonDocument Parse(ReadOnlyMemory<byte> utf8Json, string fileName)
    {
        try
        {
            return JsonDocument.Parse(utf8Json);
        }
        catch (JsonException ex)
        {
            throw new InputFileException(fileName, (int?)(ex.LineNumber + 1), null, "not valid JSON: " + ex.Message);
        }
    }
}
