using static InferCost.Data.UsageLogs.FieldSlot;

namespace InferCost.Data.UsageLogs;

/// <summary>
/// The fields each JSON format reads. Every record may be the provider's response body alone or wrapped in a gateway
/// envelope (<c>timestamp</c>, <c>request</c>, <c>response</c>, <c>user</c>, <c>metadata</c>); the envelope fields
/// (listed first, so they win) are documented in docs/usage.md. The model the request asked for
/// (<c>request.model</c>) is read last: the model the response names wins.
/// </summary>
internal static class JsonLogFormats
{
    /// <summary>Envelope fields every JSON format understands (time, request id, user/customer, feature/tag, provider).</summary>
    private static readonly (string, FieldSlot[])[] Envelope =
    [
        ("timestamp", [Time]),
        ("time", [Time]),
        ("request_id", [RequestId]),
        ("user", [User]),
        ("user_id", [User]),
        ("customer", [User]),
        ("customer_id", [User]),
        ("metadata.user_id", [User]),
        ("metadata.user", [User]),
        ("metadata.customer", [User]),
        ("request.user", [User]),
        ("request.safety_identifier", [User]),
        ("request.metadata.user_id", [User]),
        ("request.metadata.user", [User]),
        ("request.metadata.customer", [User]),
        ("feature", [Feature]),
        ("metadata.feature", [Feature]),
        ("request.metadata.feature", [Feature]),
        ("tags[]", [Feature]),
        ("metadata.tags[]", [Feature]),
        ("request.metadata.tags[]", [Feature]),
        ("provider", [Provider]),
        ("status_code", [StatusCode]),
        ("response.status_code", [StatusCode]),
    ];

    /// <summary>Read last: the model the request named, when the response names none.</summary>
    private static readonly (string, FieldSlot[])[] Fallback =
    [
        ("request.model", [Model]),
        ("request.body.model", [Model]),
    ];

    /// <summary>Gets OpenAI Chat Completions / Responses bodies, bare, in an envelope (<c>response</c>) or as Batch output lines (<c>response.body</c>).</summary>
    public static JsonFieldMap OpenAi { get; } = JsonFieldMap.Build(
        [.. Envelope, ("custom_id", [CustomId]), ("error", [Error]), ("response.error", [Error]), ("id", [RequestId])],
        [
            ("id", [RequestId]),
            ("model", [Model]),
            ("created", [Time]),
            ("created_at", [Time]),
            ("user", [User]),
            ("safety_identifier", [User]),
            ("metadata.user_id", [User]),
            ("metadata.feature", [Feature]),
            ("usage.prompt_tokens", [Input]),
            ("usage.input_tokens", [Input]),
            ("usage.prompt_tokens_details.cached_tokens", [CacheRead]),
            ("usage.input_tokens_details.cached_tokens", [CacheRead]),
            ("usage.prompt_tokens_details.cache_write_tokens", [CacheWriteTotal]),
            ("usage.input_tokens_details.cache_write_tokens", [CacheWriteTotal]),
            ("usage.completion_tokens", [Output]),
            ("usage.output_tokens", [Output]),
            ("usage.completion_tokens_details.reasoning_tokens", [Reasoning]),
            ("usage.output_tokens_details.reasoning_tokens", [Reasoning]),
            ("output[].type", [OutputItemType]),
            ("usage.billed_units.input_tokens", [Input]),
            ("usage.billed_units.output_tokens", [Output]),
        ],
        ["response.body.", "response.result.", "response.", "body.", "result.", string.Empty],
        Fallback);

    private static readonly (string, FieldSlot[])[] AnthropicBody =
    [
        ("id", [RequestId]),
        ("model", [Model]),
        ("usage.input_tokens", [Input]),
        ("usage.cache_creation_input_tokens", [Input, CacheWriteTotal]),
        ("usage.cache_read_input_tokens", [Input, CacheRead]),
        ("usage.cache_creation.ephemeral_5m_input_tokens", [CacheWrite5m]),
        ("usage.cache_creation.ephemeral_1h_input_tokens", [CacheWrite1h]),
        ("usage.output_tokens", [Output]),
        ("usage.server_tool_use.web_search_requests", [WebSearches]),
    ];

    /// <summary>Gets Anthropic Messages responses (input_tokens excludes cache reads and writes: they are added).</summary>
    public static JsonFieldMap Anthropic { get; } = JsonFieldMap.Build(
        [.. Envelope, ("error", [Error]), ("response.error", [Error])],
        AnthropicBody,
        ["response.body.", "response.", "body.", string.Empty],
        Fallback);

    /// <summary>Gets Anthropic Message Batches results: <c>result.type</c> is <c>succeeded</c> (usage in <c>result.message</c>) or a failure.</summary>
    public static JsonFieldMap AnthropicBatch { get; } = JsonFieldMap.Build(
        [.. Envelope, ("custom_id", [CustomId]), ("result.type", [Status]), ("result.error", [Error])],
        AnthropicBody,
        ["result.message."]);

    /// <summary>Gets Gemini <c>GenerateContentResponse</c> bodies (thoughts and tool-use prompts are billed: added to output and input).</summary>
    public static JsonFieldMap Gemini { get; } = JsonFieldMap.Build(
        [.. Envelope, ("labels.user", [User]), ("labels.feature", [Feature]), ("error", [Error]), ("response.error", [Error])],
        [
            ("responseId", [RequestId]),
            ("modelVersion", [Model]),
            ("model", [Model]),
            ("createTime", [Time]),
            ("usageMetadata.promptTokenCount", [Input]),
            ("usageMetadata.toolUsePromptTokenCount", [Input]),
            ("usageMetadata.cachedContentTokenCount", [CacheRead]),
            ("usageMetadata.candidatesTokenCount", [Output]),
            ("usageMetadata.thoughtsTokenCount", [Output, Reasoning]),
        ],
        ["response.body.", "response.", "body.", string.Empty],
        Fallback);

    /// <summary>
    /// Gets LiteLLM <c>LiteLLM_SpendLogs</c> rows (OpenAI-style counts; Anthropic cache details from
    /// <c>metadata.usage_object</c>). The customer is <c>end_user</c> (blank means none; <c>user</c> is LiteLLM's own
    /// internal user); <c>status: failure</c> marks a failed call; <c>metadata.model_map_information</c> names the
    /// cost-map model a deployment name stands for.
    /// </summary>
    public static JsonFieldMap LiteLlm { get; } = JsonFieldMap.Build(
        [
            ("request_id", [RequestId]),
            ("startTime", [Time]),
            ("start_time", [Time]),
            ("metadata.model_map_information.model_map_value.key", [Model]),
            ("model", [Model]),
            ("model_group", [Model]),
            ("custom_llm_provider", [Provider]),
            ("metadata.model_map_information.model_map_value.litellm_provider", [Provider]),
            ("end_user", [User]),
            ("metadata.user_api_key_end_user_id", [User]),
            ("request_tags[]", [Feature]),
            ("metadata.tags[]", [Feature]),
            ("status", [Status]),
            ("prompt_tokens", [Input]),
            ("completion_tokens", [Output]),
            ("metadata.usage_object.prompt_tokens_details.cached_tokens", [CacheRead]),
            ("metadata.usage_object.cache_creation_input_tokens", [CacheWriteTotal]),
            ("metadata.usage_object.completion_tokens_details.reasoning_tokens", [Reasoning]),
        ],
        [],
        []);
}
