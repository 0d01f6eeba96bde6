using System.Globalization;
using System.Text;
using InferCost.UsageAnalytics;

namespace InferCost.Data.UsageLogs;

/// <summary>
/// Writes fitted segments as a scenario YAML for the simulation engine (<c>infercost usage fit --out</c>).
/// The layout (segments with share, log-normal sessions per month, steps per session, tokens per call, model)
/// must be kept aligned with the scenario schema of the simulation engine.
/// </summary>
public static class ScenarioYamlWriter
{
    /// <summary>The YAML text.</summary>
    public static string Write(IReadOnlyList<FittedSegment> segments, string name, DateTimeOffset? from, DateTimeOffset? to, long records)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var sb = new StringBuilder();
        sb.AppendLine("# Fitted by `infercost usage fit` from imported usage logs.");
        sb.AppendLine(Inv($"# {records} records{(from is null ? string.Empty : ", from " + from.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}{(to is null ? string.Empty : ", to " + to.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}."));
        sb.AppendLine("# Distributions are log-normal, given by median and p90 (sigma = ln(p90/median) / 1.2816).");
        sb.AppendLine(Inv($"name: {Quote(name)}"));
        sb.AppendLine("months: 12");
        sb.AppendLine(Inv($"users: {segments.Sum(s => s.Users)}"));
        sb.AppendLine("segments:");
        foreach (var s in segments)
        {
            sb.AppendLine(Inv($"  - name: {Quote(s.Name)}"));
            sb.AppendLine(Inv($"    share: {R(s.Share)}"));
            sb.AppendLine(Inv($"    model: {Quote(s.Model)}"));
            Dist(sb, "sessions_per_month", s.SessionsPerMonth);
            Dist(sb, "steps_per_session", s.StepsPerSession);
            Dist(sb, "input_tokens_per_call", s.InputTokensPerCall);
            Dist(sb, "output_tokens_per_call", s.OutputTokensPerCall);
            sb.AppendLine(Inv($"    cache_hit_rate: {R(s.CacheReadShare)}"));
            sb.AppendLine(Inv($"    observed_users: {s.Users}"));
        }

        return sb.ToString();
    }

    private static void Dist(StringBuilder sb, string key, LogNormalFit fit)
    {
        sb.AppendLine(Inv($"    {key}:"));
        sb.AppendLine("      distribution: lognormal");
        sb.AppendLine(Inv($"      median: {R(fit.Median)}"));
        sb.AppendLine(Inv($"      p90: {R(fit.P90)}"));
        sb.AppendLine(Inv($"      samples: {fit.Samples}"));
    }

    private static string R(double v) => Math.Round(v, 4).ToString("0.####", CultureInfo.InvariantCulture);

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
