namespace InferCost.Application;

/// <summary>Decimal helpers for results.</summary>
public static class Decimals
{
    /// <summary>Drops trailing zeros so JSON shows <c>17.5</c>, not <c>17.500000</c>.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>Drops trailing zeros of a value that may be missing.</summary>
    public static decimal? Normalize(decimal? value) => value is { } v ? Normalize(v) : null;
}
