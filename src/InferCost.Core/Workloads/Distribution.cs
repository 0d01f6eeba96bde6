using System.Collections.Immutable;
using System.Globalization;
using InferCost.Simulation;

namespace InferCost.Workloads;

/// <summary>
/// How a quantity varies across users (sessions per month, steps per session, tokens per call): fixed, normal,
/// lognormal (median and p90, as people think), Pareto, or an empirical table; optionally capped.
/// Values are never negative.
/// </summary>
public abstract record Distribution
{
    private protected Distribution()
    {
    }

    /// <summary>Gets the mean (analytic where one exists; numeric for capped and empirical forms).</summary>
    public abstract double Mean { get; }

    /// <summary>Draws one value.</summary>
    public virtual double Sample(ref Xoshiro256 rng) => Quantile(rng.NextDouble());

    /// <summary>The value at a standard normal <paramref name="z"/> (used to correlate two quantities with a Gaussian copula).</summary>
    public virtual double FromStandardNormal(double z) => Quantile(NormalMath.Cdf(z));

    /// <summary>The inverse CDF at <paramref name="u"/> in [0, 1).</summary>
    public abstract double Quantile(double u);

    /// <summary>The same shape with every value multiplied by <paramref name="factor"/>.</summary>
    public abstract Distribution Scale(double factor);

    /// <summary>A fixed value.</summary>
    /// <param name="Value">The value.</param>
    public sealed record Fixed(double Value) : Distribution
    {
        /// <inheritdoc/>
        public override double Mean => Value;

        /// <inheritdoc/>
        public override double Sample(ref Xoshiro256 rng) => Value;

        /// <inheritdoc/>
        public override double FromStandardNormal(double z) => Value;

        /// <inheritdoc/>
        public override double Quantile(double u) => Value;

        /// <inheritdoc/>
        public override Distribution Scale(double factor) => new Fixed(Value * factor);

        /// <inheritdoc/>
        public override string ToString() => Value.ToString("G6", CultureInfo.InvariantCulture);
    }

    /// <summary>A normal distribution truncated at zero (negative draws become zero).</summary>
    /// <param name="Mu">The mean before truncation.</param>
    /// <param name="Sd">The standard deviation.</param>
    public sealed record Normal(double Mu, double Sd) : Distribution
    {
        /// <inheritdoc/>
        public override double Mean
        {
            get
            {
                if (Sd <= 0)
                {
                    return Math.Max(0, Mu);
                }

                // E[max(0, X)] = μΦ(μ/σ) + σφ(μ/σ).
                var a = Mu / Sd;
                return (Mu * NormalMath.Cdf(a)) + (Sd * Math.Exp(-0.5 * a * a) / Math.Sqrt(2 * Math.PI));
            }
        }

        /// <inheritdoc/>
        public override double Sample(ref Xoshiro256 rng) => Math.Max(0, Mu + (Sd * rng.NextGaussian()));

        /// <inheritdoc/>
        public override double FromStandardNormal(double z) => Math.Max(0, Mu + (Sd * z));

        /// <inheritdoc/>
        public override double Quantile(double u) => Math.Max(0, Mu + (Sd * NormalMath.InverseCdf(u)));

        /// <inheritdoc/>
        public override Distribution Scale(double factor) => new Normal(Mu * factor, Sd * factor);

        /// <inheritdoc/>
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"normal(mean {Mu:G6}, sd {Sd:G6})");
    }

    /// <summary>A lognormal given as median and 90th percentile.</summary>
    /// <param name="Median">The median (e^μ).</param>
    /// <param name="P90">The 90th percentile; at least the median.</param>
    public sealed record LogNormal(double Median, double P90) : Distribution
    {
        /// <summary>Gets μ of the underlying normal.</summary>
        public double Mu => Math.Log(Median);

        /// <summary>Gets σ of the underlying normal: ln(p90 / median) / z₀.₉.</summary>
        public double Sigma => Math.Log(P90 / Median) / NormalMath.Z90;

        /// <inheritdoc/>
        public override double Mean => Median * Math.Exp(0.5 * Sigma * Sigma);

        /// <inheritdoc/>
        public override double Sample(ref Xoshiro256 rng) => Median * Math.Exp(Sigma * rng.NextGaussian());

        /// <inheritdoc/>
        public override double FromStandardNormal(double z) => Median * Math.Exp(Sigma * z);

        /// <inheritdoc/>
        public override double Quantile(double u) => Median * Math.Exp(Sigma * NormalMath.InverseCdf(u));

        /// <inheritdoc/>
        public override Distribution Scale(double factor) => new LogNormal(Median * factor, P90 * factor);

        /// <inheritdoc/>
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"lognormal(median {Median:G6}, p90 {P90:G6})");
    }

    /// <summary>A Pareto (power-law) tail: P(X &gt; x) = (min / x)^α for x ≥ min.</summary>
    /// <param name="Min">The scale (smallest value).</param>
    /// <param name="Alpha">The tail index; the mean is finite only above 1.</param>
    public sealed record Pareto(double Min, double Alpha) : Distribution
    {
        /// <inheritdoc/>
        public override double Mean => Alpha > 1 ? Alpha * Min / (Alpha - 1) : double.PositiveInfinity;

        /// <inheritdoc/>
        public override double Quantile(double u) => Min / Math.Pow(1 - u, 1 / Alpha);

        /// <inheritdoc/>
        public override Distribution Scale(double factor) => new Pareto(Min * factor, Alpha);

        /// <inheritdoc/>
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"pareto(min {Min:G6}, alpha {Alpha:G4})");
    }

    /// <summary>An empirical table: values with weights (normalised), drawn as a discrete distribution.</summary>
    public sealed record Empirical : Distribution
    {
        private readonly double[] _cumulative;

        /// <summary>Initializes a table.</summary>
        /// <exception cref="ArgumentException">The table is empty, or a value or weight is negative, or all weights are zero.</exception>
        public Empirical(ImmutableArray<EmpiricalPoint> points)
        {
            if (points.IsDefaultOrEmpty || points.Any(p => p.Value < 0 || p.Weight < 0) || points.Sum(p => p.Weight) <= 0)
            {
                throw new ArgumentException("An empirical table needs at least one value; values and weights must be non-negative with a positive total weight.", nameof(points));
            }

            Points = points;
            var total = points.Sum(p => p.Weight);
            _cumulative = new double[points.Length];
            var acc = 0.0;
            for (var i = 0; i < points.Length; i++)
            {
                acc += points[i].Weight / total;
                _cumulative[i] = acc;
            }

            _cumulative[^1] = 1.0;
        }

        /// <summary>Gets the values and their weights.</summary>
        public ImmutableArray<EmpiricalPoint> Points { get; }

        /// <inheritdoc/>
        public override double Mean => Points.Sum(p => p.Value * p.Weight) / Points.Sum(p => p.Weight);

        /// <inheritdoc/>
        public override double Quantile(double u)
        {
            var i = Array.BinarySearch(_cumulative, u);
            i = i < 0 ? ~i : i + 1;
            return Points[Math.Min(i, Points.Length - 1)].Value;
        }

        /// <inheritdoc/>
        public override Distribution Scale(double factor) => new Empirical([.. Points.Select(p => p with { Value = p.Value * factor })]);

        /// <inheritdoc/>
        public bool Equals(Empirical? other) => other is not null && Points.SequenceEqual(other.Points);

        /// <inheritdoc/>
        public override int GetHashCode() => Points.Length;

        /// <inheritdoc/>
        public override string ToString() => $"table({Points.Length} values)";
    }

    /// <summary>Another distribution with values above <paramref name="Max"/> clamped to it.</summary>
    /// <param name="Inner">The distribution.</param>
    /// <param name="Max">The largest value.</param>
    public sealed record Capped(Distribution Inner, double Max) : Distribution
    {
        /// <inheritdoc/>
        public override double Mean
        {
            get
            {
                const int Bins = 4096;
                var sum = 0.0;
                for (var i = 0; i < Bins; i++)
                {
                    sum += Math.Min(Max, Inner.Quantile((i + 0.5) / Bins));
                }

                return sum / Bins;
            }
        }

        /// <inheritdoc/>
        public override double Sample(ref Xoshiro256 rng) => Math.Min(Max, Inner.Sample(ref rng));

        /// <inheritdoc/>
        public override double FromStandardNormal(double z) => Math.Min(Max, Inner.FromStandardNormal(z));

        /// <inheritdoc/>
        public override double Quantile(double u) => Math.Min(Max, Inner.Quantile(u));

        /// <inheritdoc/>
        public override Distribution Scale(double factor) => new Capped(Inner.Scale(factor), Max * factor);

        /// <inheritdoc/>
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Inner} capped at {Max:G6}");
    }
}

/// <summary>One row of an empirical table.</summary>
/// <param name="Value">The value.</param>
/// <param name="Weight">Its relative frequency.</param>
public readonly record struct EmpiricalPoint(double Value, double Weight);
