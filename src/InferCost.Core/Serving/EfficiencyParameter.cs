namespace InferCost.Serving;

/// <summary>One fitted efficiency factor: its name in profiles, its bounds, and how to read and set it.</summary>
/// <param name="Name">The profile key (snake_case).</param>
/// <param name="Lower">The smallest value the fit may choose.</param>
/// <param name="Upper">The largest value the fit may choose.</param>
/// <param name="LogScale">Whether the fit searches the parameter on a log scale (for ranges over orders of magnitude).</param>
/// <param name="Get">Reads the value from factors.</param>
/// <param name="Set">Returns factors with the value set.</param>
public sealed record EfficiencyParameter(
    string Name, double Lower, double Upper, bool LogScale, Func<EfficiencyFactors, double> Get, Func<EfficiencyFactors, double, EfficiencyFactors> Set)
{
    /// <summary>Gets the parameters <c>perf calibrate --from</c> fits, with their bounds.</summary>
    public static IReadOnlyList<EfficiencyParameter> Fitted { get; } =
    [
        new("memory_bandwidth", 0.40, 0.95, false, f => f.MemoryBandwidth, (f, v) => f with { MemoryBandwidth = v }),
        new("bandwidth_half_saturation_mb", 0.01, 30, true, f => f.BandwidthHalfSaturationMegabytes, (f, v) => f with { BandwidthHalfSaturationMegabytes = v }),
        new("bf16_compute", 0.25, 0.95, false, f => f.Bf16Compute, (f, v) => f with { Bf16Compute = v }),
        new("fp8_compute", 0.20, 0.95, false, f => f.Fp8Compute, (f, v) => f with { Fp8Compute = v }),
        new("attention_compute", 0.10, 0.95, false, f => f.AttentionCompute, (f, v) => f with { AttentionCompute = v }),
        new("decode_overhead_per_layer_us", 0.5, 200, true, f => f.DecodeOverheadPerLayerMicroseconds, (f, v) => f with { DecodeOverheadPerLayerMicroseconds = v }),
        new("decode_overhead_per_sequence_us", 0.1, 80, true, f => f.DecodeOverheadPerSequenceMicroseconds, (f, v) => f with { DecodeOverheadPerSequenceMicroseconds = v }),
        new("prefill_overhead_per_layer_us", 1, 500, true, f => f.PrefillOverheadPerLayerMicroseconds, (f, v) => f with { PrefillOverheadPerLayerMicroseconds = v }),
        new("all_reduce_latency_us", 1, 150, true, f => f.AllReduceLatencyMicroseconds, (f, v) => f with { AllReduceLatencyMicroseconds = v }),
        new("decode_all_reduce_latency_us", 1, 100, true, f => f.DecodeAllReduceLatencyMicroseconds, (f, v) => f with { DecodeAllReduceLatencyMicroseconds = v }),
        new("interconnect_bandwidth", 0.20, 1.0, false, f => f.InterconnectBandwidth, (f, v) => f with { InterconnectBandwidth = v }),
        new("kv_read_half_efficiency_tokens", 1_000, 1e8, true, f => f.KvReadHalfEfficiencyTokens, (f, v) => f with { KvReadHalfEfficiencyTokens = v }),
    ];

    /// <summary>Maps a value into the fit's unbounded search space.</summary>
    public double ToSearch(double value)
    {
        var (lo, hi, x) = LogScale ? (Math.Log(Lower), Math.Log(Upper), Math.Log(Math.Clamp(value, Lower, Upper))) : (Lower, Upper, Math.Clamp(value, Lower, Upper));
        var t = Math.Clamp((x - lo) / (hi - lo), 1e-6, 1 - 1e-6);
        return Math.Log(t / (1 - t));
    }

    /// <summary>Maps a point of the search space back to a value within the bounds.</summary>
    public double FromSearch(double u)
    {
        var t = 1.0 / (1.0 + Math.Exp(-u));
        return LogScale ? Math.Exp(Math.Log(Lower) + (t * (Math.Log(Upper) - Math.Log(Lower)))) : Lower + (t * (Upper - Lower));
    }
}
