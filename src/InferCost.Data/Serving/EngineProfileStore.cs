using System.Globalization;
using InferCost.Errors;
using InferCost.Serving;
using InferCost.Data.Yaml;

namespace InferCost.Data.Serving;

/// <summary>Reads and writes engine profiles (YAML): the fitted efficiency factors under <c>factors:</c>, keys as in <see cref="EfficiencyParameter"/>.</summary>
public static class EngineProfileStore
{
    private static readonly string[] TopKeys = ["engine", "source", "points", "fit_error", "held_out_error", "factors"];

    private static readonly (string Key, Func<EfficiencyFactors, bool> Get, Func<EfficiencyFactors, bool, EfficiencyFactors> Set)[] Flags =
    [
        ("fp8_attention", f => f.Fp8Attention, (f, v) => f with { Fp8Attention = v }),
        ("shared_kv_reads_in_decode", f => f.SharedKvReadsInDecode, (f, v) => f with { SharedKvReadsInDecode = v }),
        ("chunked_prefill", f => f.ChunkedPrefill, (f, v) => f with { ChunkedPrefill = v }),
    ];

    /// <summary>Writes <paramref name="profile"/> as YAML.</summary>
    public static void Write(TextWriter writer, EngineProfile profile)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(profile);
        static string N(double v) => double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : "null";
        writer.WriteLine("# InferCost engine profile: efficiency factors fitted by `infercost perf calibrate --from`.");
        writer.WriteLine("# Use with --profile on perf, serve-cost, plan and capacity.");
        writer.WriteLine($"engine: {profile.Engine}");
        writer.WriteLine($"source: \"{profile.Source.Replace("\"", "'", StringComparison.Ordinal)}\"");
        writer.WriteLine($"points: {profile.Points}");
        writer.WriteLine($"fit_error: {N(profile.FitError)}");
        writer.WriteLine($"held_out_error: {N(profile.HeldOutError)}");
        writer.WriteLine("factors:");
        foreach (var p in EfficiencyParameter.Fitted)
        {
            writer.WriteLine($"  {p.Name}: {N(p.Get(profile.Factors))}");
        }

        foreach (var (key, get, _) in Flags)
        {
            writer.WriteLine($"  {key}: {(get(profile.Factors) ? "true" : "false")}");
        }

        writer.WriteLine($"  memory_utilization: {N(profile.Factors.MemoryUtilization)}");
    }

    /// <summary>Reads a profile; unknown keys and out-of-bounds values are errors naming the file, line and key.</summary>
    public static EngineProfile Read(string file, TextReader reader)
    {
        var yaml = YamlReader.StopAtFirst(file);
        var top = yaml.Root(yaml.Load(reader), "expected engine:, factors: ...")!;
        top.Known(TopKeys);
        var engine = top.Text("engine") ?? EnginePresets.Default.Id;
        var preset = EnginePresets.All.FirstOrDefault(p => string.Equals(p.Id, engine, StringComparison.OrdinalIgnoreCase));
        if (preset is null)
        {
            yaml.Report("engine", $"unknown engine '{engine}': use {string.Join(", ", EnginePresets.All.Select(p => p.Id))}");
            throw new InferCostException($"unknown engine '{engine}'");
        }

        var f = top.Map("factors", required: true)!;
        f.Known([.. EfficiencyParameter.Fitted.Select(p => p.Name), .. Flags.Select(x => x.Key), "memory_utilization"]);
        var factors = preset.Factors;
        foreach (var p in EfficiencyParameter.Fitted)
        {
            if (f.Number(p.Name, p.Lower, p.Upper) is { } value)
            {
                factors = p.Set(factors, value);
            }
        }

        foreach (var (key, _, set) in Flags)
        {
            if (f.Bool(key) is { } flag)
            {
                factors = set(factors, flag);
            }
        }

        if (f.Number("memory_utilization", 0.01, 1) is { } utilization)
        {
            factors = factors with { MemoryUtilization = utilization };
        }

        yaml.ThrowIfAny();
        return new EngineProfile(
            preset.Id, factors, top.Int("points", 0, int.MaxValue) ?? 0, top.Number("fit_error", 0, double.MaxValue) ?? double.NaN,
            top.Number("held_out_error", 0, double.MaxValue) ?? double.NaN, top.Text("source") ?? file);
    }
}
