namespace InferCost.Data.UsageLogs;

/// <summary>The usage log formats InferCost reads.</summary>
public enum UsageLogFormat
{
    /// <summary>Detect from the file name and first line.</summary>
    Auto,

    /// <summary>OpenAI Chat Completions or Responses objects, one per line (JSONL), optionally in a log envelope.</summary>
    OpenAi,

    /// <summary>OpenAI Batch API output JSONL (<c>custom_id</c>, <c>response.body</c>); priced with the batch discount.</summary>
    OpenAiBatch,

    /// <summary>Anthropic Messages responses, one per line, optionally in a log envelope.</summary>
    Anthropic,

    /// <summary>Anthropic Message Batches results (<c>custom_id</c>, <c>result.type</c>, <c>result.message</c>); priced with the batch discount.</summary>
    AnthropicBatch,

    /// <summary>Google Gemini <c>GenerateContentResponse</c> objects (<c>usageMetadata</c>), one per line (<c>createTime</c> when present).</summary>
    Gemini,

    /// <summary>OpenTelemetry OTLP/JSON trace exports (one <c>ExportTraceServiceRequest</c> per line) with <c>gen_ai.*</c> span attributes.</summary>
    Otel,

    /// <summary>LiteLLM proxy spend logs (<c>LiteLLM_SpendLogs</c> rows as JSONL).</summary>
    LiteLlm,

    /// <summary>CSV with a header row and a column mapping.</summary>
    Csv,

    /// <summary>Parquet with a column mapping.</summary>
    Parquet,
}
