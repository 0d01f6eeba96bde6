namespace InferCost.Serving;

/// <summary>The result of fitting efficiency factors to measurements.</summary>
/// <param name="Factors">The fitted factors.</param>
/// <param name="FitError">Mean absolute relative error on the points fitted on (MAPE).</param>
/// <param name="FitMedianError">Median absolute relative error on the points fitted on.</param>
/// <param name="HeldOutError">Mean absolute relative error of k-fold cross-validation (each point predicted by a fit without it), or NaN with too few points.</param>
/// <param name="Folds">The folds used for <paramref name="HeldOutError"/> (0 when not computed).</param>
/// <param name="Points">How many points were fitted.</param>
public sealed record EfficiencyFitResult(EfficiencyFactors Factors, double FitError, double FitMedianError, double HeldOutError, int Folds, int Points);

/// <summary>
/// Fits <see cref="EfficiencyFactors"/> to measured points: bounded least squares on the log of predicted / measured
/// (Nelder–Mead in a logit-transformed space, so every parameter stays within its bounds), with a weak pull towards the
/// starting preset so parameters the data cannot identify stay where the preset put them.
/// </summary>
public static class EfficiencyFit
{
    private const double PriorWeight = 2e-4;

    /// <summary>Fits the factors to <paramref name="points"/>, starting from <paramref name="start"/>.</summary>
    /// <param name="points">Measured points with their deployments.</param>
    /// <param name="start">The starting factors (an engine preset).</param>
    /// <param name="parameters">The parameters to fit (default: <see cref="EfficiencyParameter.Fitted"/>).</param>
    /// <param name="maxEvaluations">Objective evaluations allowed.</param>
    public static EfficiencyFactors Fit(
        IReadOnlyList<(CalibrationPoint Point, Deployment Deployment)> points,
        EfficiencyFactors start,
        IReadOnlyList<EfficiencyParameter>? parameters = null,
        int maxEvaluations = 3000)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(start);
        var ps = parameters ?? EfficiencyParameter.Fitted;
        var u0 = ps.Select(p => p.ToSearch(p.Get(start))).ToArray();
        EfficiencyFactors Build(double[] u)
        {
            var f = start;
            for (var i = 0; i < ps.Count; i++)
            {
                f = ps[i].Set(f, ps[i].FromSearch(u[i]));
            }

            return f;
        }

        double Objective(double[] u)
        {
            var model = new PerformanceModel(Build(u));
            var sum = 0.0;
            foreach (var (point, deployment) in points)
            {
                var predicted = CalibrationReport.Predict(point, deployment, model);
                var e = Math.Log(predicted / point.Measured);
                sum += double.IsFinite(e) ? e * e : 100;
            }

            var prior = 0.0;
            for (var i = 0; i < u.Length; i++)
            {
                prior += (u[i] - u0[i]) * (u[i] - u0[i]);
            }

            return sum + (PriorWeight * prior);
        }

        var best = NelderMead(Objective, u0, 1.0, maxEvaluations / 2);
        best = NelderMead(Objective, best, 0.3, maxEvaluations / 2);
        return Build(best);
    }

    /// <summary>Fits, then measures the fit error and the k-fold held-out error.</summary>
    public static EfficiencyFitResult FitAndValidate(
        IReadOnlyList<(CalibrationPoint Point, Deployment Deployment)> points, EfficiencyFactors start, int folds = 5, int maxEvaluations = 3000)
    {
        ArgumentNullException.ThrowIfNull(points);
        var factors = Fit(points, start, null, maxEvaluations);
        var model = new PerformanceModel(factors);
        var errors = points.Select(p => Math.Abs((CalibrationReport.Predict(p.Point, p.Deployment, model) / p.Point.Measured) - 1)).ToArray();
        var k = Math.Min(folds, points.Count);
        var heldOut = double.NaN;
        if (k >= 2 && points.Count >= 4)
        {
            var total = 0.0;
            for (var fold = 0; fold < k; fold++)
            {
                var train = points.Where((_, i) => i % k != fold).ToList();
                var test = points.Where((_, i) => i % k == fold).ToList();
                var foldModel = new PerformanceModel(Fit(train, start, null, maxEvaluations / 2));
                total += test.Sum(p => Math.Abs((CalibrationReport.Predict(p.Point, p.Deployment, foldModel) / p.Point.Measured) - 1));
            }

            heldOut = total / points.Count;
        }
        else
        {
            k = 0;
        }

        return new EfficiencyFitResult(factors, errors.Average(), Median(errors), heldOut, k, points.Count);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    private static double[] NelderMead(Func<double[], double> f, double[] start, double step, int maxEvaluations)
    {
        var n = start.Length;
        var simplex = new double[n + 1][];
        var values = new double[n + 1];
        simplex[0] = (double[])start.Clone();
        for (var i = 0; i < n; i++)
        {
            var v = (double[])start.Clone();
            v[i] += step;
            simplex[i + 1] = v;
        }

        for (var i = 0; i <= n; i++)
        {
            values[i] = f(simplex[i]);
        }

        var evaluations = n + 1;
        while (evaluations < maxEvaluations)
        {
            var order = Enumerable.Range(0, n + 1).OrderBy(i => values[i]).ToArray();
            simplex = order.Select(i => simplex[i]).ToArray();
            values = order.Select(i => values[i]).ToArray();
            if (values[n] - values[0] < 1e-10)
            {
                break;
            }

            var centroid = new double[n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    centroid[j] += simplex[i][j] / n;
                }
            }

            double[] Along(double t) => centroid.Select((c, j) => c + (t * (simplex[n][j] - c))).ToArray();
            var reflected = Along(-1);
            var fr = f(reflected);
            evaluations++;
            if (fr < values[0])
            {
                var expanded = Along(-2);
                var fe = f(expanded);
                evaluations++;
                (simplex[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr);
            }
            else if (fr < values[n - 1])
            {
                (simplex[n], values[n]) = (reflected, fr);
            }
            else
            {
                var contracted = fr < values[n] ? Along(-0.5) : Along(0.5);
                var fc = f(contracted);
                evaluations++;
                if (fc < Math.Min(fr, values[n]))
                {
                    (simplex[n], values[n]) = (contracted, fc);
                }
                else
                {
                    for (var i = 1; i <= n; i++)
                    {
                        simplex[i] = simplex[i].Select((x, j) => simplex[0][j] + (0.5 * (x - simplex[0][j]))).ToArray();
                        values[i] = f(simplex[i]);
                        evaluations++;
                    }
                }
            }
        }

        return simplex[Array.IndexOf(values, values.Min())];
    }
}
