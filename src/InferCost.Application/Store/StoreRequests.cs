using InferCost.Application.Validation;

namespace InferCost.Application.Store;

/// <summary>Save a scenario's YAML under a name (a new one, or the one an id names).</summary>
public sealed record SaveScenarioRequest : IValidatable
{
    /// <summary>The most characters a name may have.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The most characters a saved scenario's YAML may have.</summary>
    public const int MaxYamlLength = 256 * 1024;

    /// <summary>Gets the name to save it under.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the scenario YAML (checked by the scenario reader before it is saved).</summary>
    public string? Yaml { get; init; }

    /// <inheritdoc/>
    public IReadOnlyList<FieldError> Validate() => new Validator()
        .Required(Name, "name", "name")
        .Check(Name is { Length: > MaxNameLength }, "name", $"name: at most {MaxNameLength} characters")
        .Required(Yaml, "yaml", "yaml")
        .Check(Yaml is { Length: > MaxYamlLength }, "yaml", $"yaml: at most {MaxYamlLength / 1024} KiB")
        .Errors;
}

/// <summary>Save the models and volume of a comparison under a name (replacing one saved under it).</summary>
public sealed record SaveComparisonRequest : IValidatable
{
    /// <summary>The most models one comparison may hold.</summary>
    public const int MaxModels = 25;

    /// <summary>Gets the name (the key).</summary>
    public string? Name { get; init; }

    /// <summary>Gets the model ids, in order.</summary>
    public IReadOnlyList<string>? Models { get; init; }

    /// <summary>Gets <c>volume</c> (the tokens are totals, the default) or <c>request</c> (one request's tokens).</summary>
    public string Shape { get; init; } = "volume";

    /// <summary>Gets the input tokens.</summary>
    public long Input { get; init; }

    /// <summary>Gets the output tokens.</summary>
    public long Output { get; init; }

    /// <summary>Gets the cached input tokens.</summary>
    public long Cached { get; init; }

    /// <summary>Gets the requests, or null.</summary>
    public long? Requests { get; init; }

    /// <summary>Gets a value indicating whether the batch discount applies.</summary>
    public bool Batch { get; init; }

    /// <inheritdoc/>
    public IReadOnlyList<FieldError> Validate() => new Validator()
        .Required(Name, "name", "name")
        .Check(Name is { Length: > SaveScenarioRequest.MaxNameLength }, "name", $"name: at most {SaveScenarioRequest.MaxNameLength} characters")
        .Check(Models is null || Models.Count == 0, "models", "models: name at least one model")
        .Check(Models is { Count: > MaxModels }, "models", $"models: at most {MaxModels}")
        .Check(Models is not null && Models.Any(m => string.IsNullOrWhiteSpace(m) || m.Contains(',', StringComparison.Ordinal)), "models", "models: each is a model id (no blanks, no commas)")
        .Check(Shape is not ("volume" or "request"), "shape", $"shape: expected volume or request (got '{Shape}')")
        .Check(Input < 0, "input", "input: expected 0 or more tokens")
        .Check(Output < 0, "output", "output: expected 0 or more tokens")
        .Check(Cached < 0, "cached", "cached: expected 0 or more tokens")
        .Check(Requests is < 1, "requests", "requests: expected 1 or more")
        .Errors;
}

/// <summary>Make a short link for a page address.</summary>
public sealed record CreateLinkRequest : IValidatable
{
    /// <summary>The longest address a link may stand for.</summary>
    public const int MaxPathLength = 8 * 1024;

    /// <summary>Gets the page's path and query, e.g. <c>/pnl?users=10000000</c>.</summary>
    public string? Path { get; init; }

    /// <inheritdoc/>
    public IReadOnlyList<FieldError> Validate() => new Validator()
        .Required(Path, "path", "path")
        .Check(Path is { Length: > MaxPathLength }, "path", $"path: at most {MaxPathLength} characters")
        .Check(Path is { Length: > 0 } p && !IsLocal(p), "path", "path: expected a page of this site, starting with one '/' (e.g. /pnl?users=10), not a full URL")
        .Errors;

    /// <summary>Whether the address stays on this site: one leading slash, no scheme, no backslash, no control character.</summary>
    public static bool IsLocal(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) && !path.Contains('\\', StringComparison.Ordinal)
            && !path.Any(char.IsControl) && !path.Contains('#', StringComparison.Ordinal);
    }
}
