namespace InferCost.Simulation;

/// <summary>How to run a simulation: how many users, which seed, how parallel, and price what-ifs.</summary>
public sealed record SimulationOptions
{
    /// <summary>Gets the number of simulated users (a sample of the scenario's population).</summary>
    public int Users { get; init; } = 100_000;

    /// <summary>Gets the seed: the same seed and users give the same result on any number of threads.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Gets the most threads to use; <see langword="null"/> for all cores.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Gets the month the horizon starts in when the scenario sets none.</summary>
    public DateOnly Today { get; init; } = new(2026, 7, 1);

    /// <summary>Gets a multiplier on every input-side price (sensitivity analysis).</summary>
    public double InputPriceFactor { get; init; } = 1;

    /// <summary>Gets a multiplier on every output-side price (sensitivity analysis).</summary>
    public double OutputPriceFactor { get; init; } = 1;

    /// <summary>
    /// Gets a price path: a multiplier on a model's prices in a month (0-based), e.g. a yearly decline; <see langword="null"/>
    /// for the catalog's dated prices as they are.
    /// </summary>
    public Func<int, Pricing.ResolvedModel, double>? PriceFactor { get; init; }

    /// <summary>Gets whether every user's cost in every month is kept (for per-month percentiles; memory users × months).</summary>
    public bool KeepMonthlyCosts { get; init; }

    /// <summary>
    /// Gets the most users whose percentiles are computed exactly (every user's outcome kept in memory, about 70 bytes
    /// each). Above it the run streams: users are simulated in fixed blocks whose summaries (a
    /// <see cref="QuantileSketch"/> per group, exact sums) merge in block order, so memory stays flat and the result
    /// is the same on any number of threads. Runs that keep per-user data (<see cref="KeepMonthlyCosts"/>,
    /// <see cref="KeepUserOutcomes"/>) never stream.
    /// </summary>
    public int ExactPercentileUsers { get; init; } = DefaultExactPercentileUsers;

    /// <summary>Gets whether per-user outcomes must be kept for plan design or optimisation (the run never streams).</summary>
    public bool KeepUserOutcomes { get; init; }

    /// <summary>The default of <see cref="ExactPercentileUsers"/>: 10 million users (about 1 GB kept in memory).</summary>
    public const int DefaultExactPercentileUsers = 10_000_000;

    /// <summary>Gets a receiver of progress (0–1), or <see langword="null"/>.</summary>
    public IProgress<double>? Progress { get; init; }

    /// <summary>Gets a token that stops the run.</summary>
    public CancellationToken Cancellation { get; init; }
}
