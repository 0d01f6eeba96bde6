namespace InferCost.Application.Store;

/// <summary>A saved scenario.</summary>
/// <param name="Id">Its short id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Yaml">The scenario YAML, exactly as saved.</param>
/// <param name="CreatedAt">When it was first saved (UTC).</param>
/// <param name="UpdatedAt">When it was last saved (UTC).</param>
/// <param name="Page">The scenario page that loads it.</param>
public sealed record SavedScenarioResult(string Id, string Name, string Yaml, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Page);

/// <summary>One saved scenario in a list (without its text).</summary>
/// <param name="Id">Its short id.</param>
/// <param name="Name">Its name.</param>
/// <param name="UpdatedAt">When it was last saved (UTC).</param>
/// <param name="Page">The scenario page that loads it.</param>
public sealed record SavedScenarioItem(string Id, string Name, DateTimeOffset UpdatedAt, string Page);

/// <summary>The saved scenarios, newest first.</summary>
/// <param name="Scenarios">The scenarios.</param>
public sealed record SavedScenarioList(IReadOnlyList<SavedScenarioItem> Scenarios);

/// <summary>A named comparison.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Models">The models, in order.</param>
/// <param name="Shape"><c>volume</c> or <c>request</c>.</param>
/// <param name="Input">Input tokens.</param>
/// <param name="Output">Output tokens.</param>
/// <param name="Cached">Cached input tokens.</param>
/// <param name="Requests">Requests, when given.</param>
/// <param name="Batch">Whether the batch discount applies.</param>
/// <param name="UpdatedAt">When it was last saved (UTC).</param>
/// <param name="Page">The compare page that shows it.</param>
public sealed record ComparisonResult(string Name, IReadOnlyList<string> Models, string Shape, long Input, long Output, long Cached, long? Requests, bool Batch, DateTimeOffset UpdatedAt, string Page);

/// <summary>The named comparisons, by name.</summary>
/// <param name="Comparisons">The comparisons.</param>
public sealed record ComparisonList(IReadOnlyList<ComparisonResult> Comparisons);

/// <summary>A short link.</summary>
/// <param name="Code">The short code.</param>
/// <param name="Path">The short path, <c>/s/{code}</c>.</param>
/// <param name="Target">The page address it stands for.</param>
/// <param name="Url">The full short URL, when the server knows its own address.</param>
public sealed record ShareLinkResult(string Code, string Path, string Target, string? Url = null);
