namespace InferCost.Data.UsageLogs;

/// <summary>Maps the provider names logs use (OpenTelemetry <c>gen_ai.provider.name</c>, LiteLLM providers) to catalog ids.</summary>
public static class ProviderNames
{
    /// <summary>The catalog provider id for a logged provider name (unknown names pass through, lower-cased).</summary>
    public static string? Normalize(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "gcp.gemini" or "gcp.vertex_ai" or "gcp.gen_ai" or "gemini" or "vertex_ai" or "vertex_ai_beta" or "google_genai" or "vertexai" => "google",
        "azure.ai.openai" or "azure.ai.inference" or "az.ai.openai" or "az.ai.inference" or "azure_ai" => "azure",
        "aws.bedrock" or "bedrock" or "bedrock_converse" => "aws",
        "x_ai" or "xai" => "x-ai",
        "mistral_ai" => "mistral",
        "together_ai" => "together",
        "fireworks_ai" => "fireworks",
        var other => other,
    };
}
