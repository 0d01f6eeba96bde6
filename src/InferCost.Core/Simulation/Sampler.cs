using System.Runtime.CompilerServices;
using InferCost.Workloads;

namespace InferCost.Simulation;

/// <summary>
/// A <see cref="Distribution"/> compiled for the inner loop: fixed, normal and lognormal forms (optionally capped) are
/// drawn without a virtual call and with their parameters (σ of a lognormal: two logarithms) computed once. Each draw
/// evaluates the same expression as the distribution's own method, so values are the same to the bit; other forms fall
/// back to the distribution.
/// </summary>
internal readonly struct Sampler
{
    private readonly Kind _kind;
    private readonly double _a;
    private readonly double _b;
    private readonly double _max;
    private readonly Distribution _fallback;

    private Sampler(Kind kind, double a, double b, double max, Distribution fallback)
    {
        _kind = kind;
        _a = a;
        _b = b;
        _max = max;
        _fallback = fallback;
    }

    private enum Kind : byte
    {
        Fallback,
        Fixed,
        Normal,
        LogNormal,
    }

    public static Sampler For(Distribution d)
    {
        var (inner, max) = d is Distribution.Capped c ? (c.Inner, c.Max) : (d, double.PositiveInfinity);
        return inner switch
        {
            Distribution.Fixed f => new Sampler(Kind.Fixed, f.Value, 0, max, d),
            Distribution.Normal nd => new Sampler(Kind.Normal, nd.Mu, nd.Sd, max, d),
            Distribution.LogNormal ln => new Sampler(Kind.LogNormal, ln.Median, ln.Sigma, max, d),
            _ => new Sampler(Kind.Fallback, 0, 0, double.PositiveInfinity, d),
        };
    }

    /// <summary>Draws one value (as <see cref="Distribution.Sample"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Sample(ref Xoshiro256 rng) => _kind switch
    {
        Kind.Fixed => Math.Min(_max, _a),
        Kind.Normal => Math.Min(_max, Math.Max(0, _a + (_b * rng.NextGaussian()))),
        Kind.LogNormal => Math.Min(_max, _a * Math.Exp(_b * rng.NextGaussian())),
        _ => _fallback.Sample(ref rng),
    };

    /// <summary>The value at a standard normal <paramref name="z"/> (as <see cref="Distribution.FromStandardNormal"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double FromStandardNormal(double z) => _kind switch
    {
        Kind.Fixed => Math.Min(_max, _a),
        Kind.Normal => Math.Min(_max, Math.Max(0, _a + (_b * z))),
        Kind.LogNormal => Math.Min(_max, _a * Math.Exp(_b * z)),
        _ => _fallback.FromStandardNormal(z),
    };
}
