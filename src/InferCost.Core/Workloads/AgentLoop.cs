namespace InferCost.Workloads;

/// <summary>What happens when a session's context outgrows the cap.</summary>
public enum ContextPolicy
{
    /// <summary>Drop the oldest history so the prompt fits (breaks the cached prefix every step once full).</summary>
    Truncate,

    /// <summary>Replace the history with a summary (one extra call that reads the history and writes the summary).</summary>
    Summarize,
}

/// <summary>
/// The shape of a session's model calls: a fixed prefix (system prompt and tool definitions), per-step tool results
/// and tool calls, reasoning, and whether step k re-sends the history of steps 1..k-1 (context growth).
/// </summary>
public sealed record AgentLoop
{
    /// <summary>Gets a single-call chat shape: no system prompt, no tools, history re-sent.</summary>
    public static AgentLoop Default { get; } = new();

    /// <summary>Gets the system prompt tokens sent on every call.</summary>
    public double SystemPromptTokens { get; init; }

    /// <summary>
    /// Gets the per-user context tokens sent on every call after the system prompt and tools (the user's profile,
    /// memory or documents): the same for one user's calls, different between users, so its cache hit rate follows
    /// that user's own call rate.
    /// </summary>
    public double UserContextTokens { get; init; }

    /// <summary>Gets the tool definition tokens sent on every call.</summary>
    public double ToolDefinitionTokens { get; init; }

    /// <summary>Gets the tool-result tokens each step adds to the context of the next step.</summary>
    public Distribution ToolResultTokens { get; init; } = new Distribution.Fixed(0);

    /// <summary>Gets the mean number of paid tool calls (web searches) per step.</summary>
    public double ToolCallsPerStep { get; init; }

    /// <summary>Gets the fee per 1,000 tool calls; <see langword="null"/> uses the model's catalog price for web searches.</summary>
    public double? ToolFeePer1000 { get; init; }

    /// <summary>Gets the share of billed output tokens that are reasoning (0 ≤ share &lt; 1); visible output is the rest.</summary>
    public double ReasoningShare { get; init; }

    /// <summary>Gets whether each step re-sends the history of earlier steps (chat and agents: yes; independent batch calls: no).</summary>
    public bool ResendHistory { get; init; } = true;

    /// <summary>Gets the most input tokens a call may carry; <see langword="null"/> uses the model's context window.</summary>
    public double? ContextCap { get; init; }

    /// <summary>Gets what happens when the context reaches the cap.</summary>
    public ContextPolicy ContextPolicy { get; init; } = ContextPolicy.Truncate;

    /// <summary>Gets the summary size in tokens (for <see cref="ContextPolicy.Summarize"/>).</summary>
    public double SummaryTokens { get; init; } = 2000;

    /// <summary>Gets the mean time between consecutive steps of a session, in seconds (drives the cache hit model).</summary>
    public double StepGapSeconds { get; init; } = 30;

    /// <summary>Gets the product-wide part of the prefix: system prompt plus tool definitions.</summary>
    public double SharedPrefixTokens => SystemPromptTokens + ToolDefinitionTokens;

    /// <summary>Gets the fixed prefix every call starts with: system prompt, tool definitions and the user's context.</summary>
    public double PrefixTokens => SystemPromptTokens + ToolDefinitionTokens + UserContextTokens;
}
