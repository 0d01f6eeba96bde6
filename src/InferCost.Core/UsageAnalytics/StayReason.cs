namespace InferCost.UsageAnalytics;

/// <summary>Why a recorded call cannot move to an alternative model when traffic is re-priced.</summary>
public enum StayReason
{
    /// <summary>The alternative serves another kind of call (an embedding on a chat model, chat on an embedding model).</summary>
    Modality,

    /// <summary>The call's prompt (input tokens, cache included) exceeds the alternative's context window.</summary>
    ContextWindow,
}
