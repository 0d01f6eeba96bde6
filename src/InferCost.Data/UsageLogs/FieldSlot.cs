namespace InferCost.Data.UsageLogs;

/// <summary>Where a JSON value read from a log line goes in a usage record.</summary>
internal enum FieldSlot
{
    // Strings (the first path listed for a slot wins when several are present).
    Time,
    RequestId,
    User,
    Feature,
    Provider,
    Model,
    CustomId,
    Error,

    // A call's outcome as the log states it (LiteLLM `status`, Anthropic batch `result.type`): failed unless a success word.
    Status,

    // Counts (values add up; a path may feed several slots).
    Input,
    CacheRead,
    CacheWriteTotal,
    CacheWrite5m,
    CacheWrite1h,
    Output,
    Reasoning,
    WebSearches,
    StatusCode,

    // A string that counts one web search when it equals "web_search_call" (OpenAI Responses output items).
    OutputItemType,
}
