namespace InferCost.Pricing;

/// <summary>How a requested model id was matched to the catalog entry that prices it.</summary>
public enum MatchKind
{
    /// <summary>The id is the entry's own id (case-insensitive), possibly provider-qualified.</summary>
    Exact,

    /// <summary>The id is one the entry declares: an <c>equals</c> clause of its match rule or an overlay alias (dates read as dates).</summary>
    Alias,

    /// <summary>The id only fits a pattern of the entry (starts with, contains, regex): a guess.</summary>
    Pattern,

    /// <summary>The id was found at a fallback provider whose prices stand in: a guess.</summary>
    ProviderFallback,
}

/// <summary>Helpers on <see cref="MatchKind"/>.</summary>
public static class MatchKinds
{
    /// <summary>Whether the match is a guess (pattern or provider fallback) rather than an exact id or a declared alias.</summary>
    public static bool IsGuess(this MatchKind kind) => kind is MatchKind.Pattern or MatchKind.ProviderFallback;

    /// <summary>A few words for messages: "prefix/pattern match", "provider fallback", …</summary>
    public static string Describe(this MatchKind kind) => kind switch
    {
        MatchKind.Exact => "exact id",
        MatchKind.Alias => "declared alias",
        MatchKind.Pattern => "pattern (prefix) match",
        _ => "provider fallback",
    };
}
