namespace InferCost.Workloads;

/// <summary>Standard normal CDF and quantile, accurate to about 1e-7 (enough for sampling and copulas).</summary>
public static class NormalMath
{
    /// <summary>The standard normal quantile at 0.9 (p90 = median · e^(σ·this) for a lognormal).</summary>
    public const double Z90 = 1.2815515655446004;

    /// <summary>Φ(z): the standard normal CDF (Abramowitz &amp; Stegun 7.1.26 on erfc; |error| &lt; 1.5e-7).</summary>
    public static double Cdf(double z)
    {
        var x = Math.Abs(z) / Math.Sqrt(2.0);
        var t = 1.0 / (1.0 + (0.3275911 * x));
        var poly = t * (0.254829592 + (t * (-0.284496736 + (t * (1.421413741 + (t * (-1.453152027 + (t * 1.061405429))))))));
        var erfc = poly * Math.Exp(-x * x);
        return z >= 0 ? 1.0 - (0.5 * erfc) : 0.5 * erfc;
    }

    private const double A1 = -3.969683028665376e+01, A2 = 2.209460984245205e+02, A3 = -2.759285104469687e+02,
        A4 = 1.383577518672690e+02, A5 = -3.066479806614716e+01, A6 = 2.506628277459239e+00;

    private const double B1 = -5.447609879822406e+01, B2 = 1.615858368580409e+02, B3 = -1.556989798598866e+02,
        B4 = 6.680131188771972e+01, B5 = -1.328068155288572e+01;

    private const double C1 = -7.784894002430293e-03, C2 = -3.223964580411365e-01, C3 = -2.400758277161838e+00,
        C4 = -2.549671010115819e+00, C5 = 4.374664141464968e+00, C6 = 2.938163982698783e+00;

    private const double D1 = 7.784695709041462e-03, D2 = 3.224671290700398e-01, D3 = 2.445134137142996e+00,
        D4 = 3.754408661907416e+00;

    /// <summary>Φ⁻¹(p): the standard normal quantile (Acklam's rational approximation; relative error &lt; 1.2e-9).</summary>
    public static double InverseCdf(double p)
    {
        if (p <= 0)
        {
            return double.NegativeInfinity;
        }

        if (p >= 1)
        {
            return double.PositiveInfinity;
        }

        const double PLow = 0.02425;
        if (p < PLow)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return Tail(q);
        }

        if (p > 1 - PLow)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -Tail(q);
        }

        var c = p - 0.5;
        var r = c * c;
        var num = (((((A1 * r) + A2) * r + A3) * r + A4) * r + A5) * r + A6;
        var den = (((((B1 * r) + B2) * r + B3) * r + B4) * r + B5) * r + 1;
        return num * c / den;

        static double Tail(double q)
            => ((((((((((C1 * q) + C2) * q) + C3) * q) + C4) * q) + C5) * q) + C6)
               / ((((((((D1 * q) + D2) * q) + D3) * q) + D4) * q) + 1);
    }
}
