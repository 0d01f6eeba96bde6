namespace InferCost.Data.Store;

/// <summary>A scenario saved in the store: its YAML text exactly as given.</summary>
/// <param name="Id">The short id the store gave it.</param>
/// <param name="Name">The name it was saved under.</param>
/// <param name="Yaml">The scenario YAML.</param>
/// <param name="CreatedAt">When it was first saved (UTC).</param>
/// <param name="UpdatedAt">When it was last saved (UTC).</param>
public sealed record SavedScenario(string Id, string Name, string Yaml, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A saved scenario without its text, for lists.</summary>
/// <param name="Id">The short id.</param>
/// <param name="Name">The name.</param>
/// <param name="UpdatedAt">When it was last saved (UTC).</param>
public sealed record SavedScenarioSummary(string Id, string Name, DateTimeOffset UpdatedAt);
