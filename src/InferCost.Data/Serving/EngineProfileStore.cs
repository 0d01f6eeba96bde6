using System.Globalization;
using InferCost.Errors;
using InferCost.Serving;
using YamlDotNet.RepresentationModel;

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
        var root = YamlFields.LoadRoot(file, reader);
        var top = new YamlFields(file, "profile", root);
        RejectUnknown(file, root, "", TopKeys);
        var engine = top.OptionalString("engine") ?? EnginePresets.Default.Id;
        EnginePreset preset;
        try
        {
            preset = EnginePresets.Find(engine);
        }
        catch (InferCostException ex) when (ex is not InputFileException)
        {
            throw top.Error("engine", ex.Message);
        }

        var factorsNode = top.Node("factors") ?? throw top.Error("factors", "missing: expected a mapping of factor: value");
        var f = new YamlFields(file, "factors", factorsNode);
        RejectUnknown(file, factorsNode, "factors.", [.. EfficiencyParameter.Fitted.Select(p => p.Name), .. Flags.Select(x => x.Key), "memory_utilization"]);
        var factors = preset.Factors;
        foreach (var p in EfficiencyParameter.Fitted)
        {
            if (f.OptionalDouble(p.Name) is { } value)
            {
                if (value < p.Lower || value > p.Upper)
                {
                    throw f.Error(p.Name, $"{value.ToString(CultureInfo.InvariantCulture)} is outside [{p.Lower.ToString(CultureInfo.InvariantCulture)}, {p.Upper.ToString(CultureInfo.InvariantCulture)}]");
                }

                factors = p.Set(factors, value);
            }
        }

        foreach (var (key, _, set) in Flags)
        {
            if (f.OptionalString(key) is { } text)
            {
                factors = set(factors, text.ToUpperInvariant() switch
                {
                    "TRUE" => true,
                    "FALSE" => false,
                    _ => throw f.Error(key, $"expected true or false (got '{text}')"),
                });
            }
        }

        if (f.OptionalDouble("memory_utilization") is { } utilization)
        {
            factors = factors with { MemoryUtilization = utilization is > 0 and <= 1 ? utilization : throw f.Error("memory_utilization", "expected a share in (0, 1]") };
        }

        return new EngineProfile(
            preset.Id, factors, top.OptionalInt("points") ?? 0, top.OptionalDouble("fit_error") ?? double.NaN, top.OptionalDouble("held_out_error") ?? double.NaN,
            top.OptionalString("source") ?? file);
    }

    private static void RejectUnknown(string file, YamlNode node, string prefix, IReadOnlyCollection<string> known)
    {
        if (node is not YamlMappingNode map)
        {
            return;
        }

        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(name))
            {
                throw new InputFileException(file, (int)key.Start.Line, prefix + name, $"unknown key: expected one of {string.Join(", ", known)}");
            }
        }
    }
}
