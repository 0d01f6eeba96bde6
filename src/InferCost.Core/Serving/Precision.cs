using InferCost.Errors;

namespace InferCost.Serving;

/// <summary>The number format weights (or the KV cache) are stored in.</summary>
public enum Precision
{
    /// <summary>16-bit brain float (FP16 is treated the same: 2 bytes a value).</summary>
    Bf16,

    /// <summary>8-bit floating point (1 byte a value); FP8 tensor cores where the GPU has them.</summary>
    Fp8,

    /// <summary>8-bit integer (1 byte a value).</summary>
    Int8,

    /// <summary>4-bit integer, weight-only (half a byte a value); matrix math runs at BF16 rate.</summary>
    Int4,

    /// <summary>4-bit floating point (NVFP4/MXFP4, half a byte a value); FP4 tensor cores where the GPU has them (Blackwell).</summary>
    Fp4,
}

/// <summary>Bytes and parsing for <see cref="Precision"/>.</summary>
public static class PrecisionExtensions
{
    /// <summary>Bytes one stored value takes.</summary>
    public static double BytesPerValue(this Precision precision) => precision switch
    {
        Precision.Bf16 => 2.0,
        Precision.Fp8 => 1.0,
        Precision.Int8 => 1.0,
        Precision.Int4 => 0.5,
        Precision.Fp4 => 0.5,
        _ => throw new ArgumentOutOfRangeException(nameof(precision)),
    };

    /// <summary>The lower-case name used on the command line and in files (<c>bf16</c>, <c>fp8</c>, ...).</summary>
    public static string ToId(this Precision precision) => precision switch
    {
        Precision.Bf16 => "bf16",
        Precision.Fp8 => "fp8",
        Precision.Int8 => "int8",
        Precision.Int4 => "int4",
        Precision.Fp4 => "fp4",
        _ => throw new ArgumentOutOfRangeException(nameof(precision)),
    };

    /// <summary>Parses <c>bf16</c>, <c>fp16</c>, <c>fp8</c>, <c>int8</c>, <c>int4</c> or <c>fp4</c> (case-insensitive).</summary>
    /// <exception cref="InferCostException">The text names no precision.</exception>
    public static Precision Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().ToUpperInvariant() switch
        {
            "BF16" or "FP16" or "BFLOAT16" or "FLOAT16" => Precision.Bf16,
            "FP8" or "FP8_E4M3" => Precision.Fp8,
            "INT8" or "W8A8" => Precision.Int8,
            "INT4" or "AWQ" or "GPTQ" or "W4A16" => Precision.Int4,
            "FP4" or "NVFP4" or "MXFP4" => Precision.Fp4,
            _ => throw new InferCostException($"unknown precision '{text}': use bf16, fp16, fp8, int8, int4 or fp4"),
        };
    }
}
