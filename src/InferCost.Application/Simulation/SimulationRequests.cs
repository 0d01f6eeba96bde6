using InferCost.Application.Validation;

namespace InferCost.Application.Simulation;

/// <summary><c>infercost simulate</c>: Monte Carlo cost and margin per user and per plan.</summary>
public sealed record SimulateRequest : IValidatable
{
    /// <summary>Gets the scenario.</summary>
    public ScenarioInput Scenario { get; init; } = new();

    /// <summary>Gets the simulated users.</summary>
    public int Users { get; init; } = 100_000;

    /// <summary>Gets the random seed: same seed, same result on any number of threads.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Gets the scenario field overrides, e.g. <c>segments.pro.sessions.median=40</c>.</summary>
    public IReadOnlyList<string> Set { get; init; } = [];

    /// <summary>Gets the most threads to use (null: all cores).</summary>
    public int? Threads { get; init; }

    /// <inheritdoc/>
    public IReadOnlyList<FieldError> Validate() => new Validator()
        .Check(Users < 1, "users", $"--users must be at least 1 (got {Users})")
        .Check(Threads is < 1, "threads", $"--threads must be at least 1 (got {Threads})")
        .Errors;
}

/// <summary><c>infercost diff</c>: two scenarios (or one with overrides) side by side.</summary>
public sealed record DiffRequest : IValidatable
{
    /// <summary>Gets scenario A.</summary>
    public ScenarioInput A { get; init; } = new();

    /// <summary>Gets scenario B (null: A with the overrides).</summary>
    public ScenarioInput? B { get; init; }

    /// <summary>Gets the simulated users.</summary>
    public int Users { get; init; } = 50_000;

    /// <summary>Gets the random seed.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Gets the overrides: applied to B (a second file, or a copy of A when B is null).</summary>
    public IReadOnlyList<string> Set { get; init; } = [];

    /// <inheritdoc/>
    public IReadOnlyList<FieldError> Validate() => new Validator()
        .Check(B is null && Set.Count == 0, "b", "diff needs a second scenario B or at least one --set override")
        .Check(Users < 1, "users", $"--users must be at least 1 (got {Users})")
        .Errors;
}

/// <summary><c>infercost sensitivity</c>: which input moves gross margin most when each is moved ±X %.</summary>
public sealed record SensitivityRequest : IValidatable
{
    /// <summary>Gets the scenario.</summary>
    public ScenarioInput Scenario { get; init; } = new();

    /// <summary>Gets the simulated users.</summary>
    public int Users { get; init; } = 20_000;

    /// <summary>Gets the random seed.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Gets the scenario field overrides.</summary>
    public IReadOnlyList<string> Set { get; init; } = [];

    /// <summary>Gets the relative change of each input (0.2 = ±20 %).</summary>
    public double Change { get; init; } = 0.2;

    /// <inheritdoc/>
    public IReadOnlyList<FieldError> Validate() => new Validator()
        .Check(Users < 1, "users", $"--users must be at least 1 (got {Users})")
        .Check(!(Change is >= 0 and < 1), "change", "--change must be at least 0 and below 1 (0.2 = ±20 %; 0 = no change)")
        .Errors;
}

/// <summary><c>infercost price-plan</c>: the lowest monthly price, or the usage cap, at which the pN user keeps a margin.</summary>
public sealed record PricePlanRequest : IValidatable
{
    /// <summary>Gets the scenario.</summary>
    public ScenarioInput Scenario { get; init; } = new();

    /// <summary>Gets the plan to design.</summary>
    public string Plan { get; init; } = "";

    /// <summary>Gets the user percentile that must keep the margin (e.g. 95).</summary>
    public double Percentile { get; init; } = 95;

    /// <summary>Gets the target gross margin for that user (0.6 = 60 %).</summary>
    public double Margin { get; init; } = 0.6;

    /// <summary>Gets the simulated users.</summary>
    public int Users { get; init; } = 100_000;

    /// <summary>Gets the random seed.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Gets the scenario field overrides.</summary>
    public IReadOnlyList<string> Set { get; init; } = [];

    /// <inheritdoc/>
    public IReadOnlyList<FieldError> Validate() => new Validator()
        .Required(Plan, "plan", "--plan")
        .Check(!(Percentile is > 0 and <= 100), "percentile", "--percentile must be in (0, 100]")
        .Check(!(Margin is >= 0 and < 1), "margin", "--margin must be at least 0 and below 1 (0.6 = 60 %)")
        .Check(Users < 1, "users", $"--users must be at least 1 (got {Users})")
        .Errors;
}
