namespace InferCost.Serving;

/// <summary>Efficiency factors fitted to a user's own measurements (<c>perf calibrate --out</c>), read back with <c>--profile</c>.</summary>
/// <param name="Engine">The engine preset the fit started from.</param>
/// <param name="Factors">The fitted factors.</param>
/// <param name="Points">How many points were fitted.</param>
/// <param name="FitError">Mean absolute relative error on the fitted points.</param>
/// <param name="HeldOutError">k-fold held-out mean absolute relative error (NaN when not computed).</param>
/// <param name="Source">Where the points came from.</param>
public sealed record EngineProfile(string Engine, EfficiencyFactors Factors, int Points, double FitError, double HeldOutError, string Source);
