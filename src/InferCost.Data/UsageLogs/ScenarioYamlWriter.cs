using System.Globalization;
using System.Text;
using InferCost.UsageAnalytics;

namespace InferCost.Data.UsageLogs;

/// <summary>
/// Writes fitted segments as a scenario in the simulation engine's schema (<c>examples/scenario.schema.json</c>,
/// read by <c>ScenarioLoader</c>) for <c>infercost usage fit --out</c>.
/// </summary>
/// <remarks>
/// The logs record what each call sent, history and system prompt included, so the scenario describes every call as
/// independent (<c>resend_history: false</c>, no fixed prefix): <c>input_tokens</c> is the logged input per call and
/// <c>output_tokens</c> the visible output (reasoning is <c>reasoning_share</c> of billed output). Segments are
/// features; each routes to the model most of its calls used (<see cref="FittedSegment.Model"/> and
/// <see cref="FittedSegment.Provider"/> should be catalog ids). One plan, <c>observed</c>, priced at 0: set prices.
/// </remarks>
public static class ScenarioYamlWriter
{
    /// <summary>The YAML text; <paramref name="start"/> (usually the last record's time) sets <c>horizon.start</c>.</summary>
    public static string Write(IReadOnlyList<FittedSegment> segments, string name, DateTimeOffset? from, DateTimeOffset? to, long records,
        DateTimeOffset? start = null, double cacheReadShare = 0)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Count == 0)
        {
            throw new ArgumentException("at least one segment is needed", nameof(segments));
        }

        var aliases = Aliases(segments);
        var sb = new StringBuilder();
        sb.AppendLine("# yaml-language-server: $schema=./scenario.schema.json");
        sb.AppendLine("# Fitted by `infercost usage fit` from imported usage logs.");
        sb.AppendLine(Inv($"# {records} records{(from is null ? string.Empty : ", from " + Day(from.Value))}{(to is null ? string.Empty : ", to " + Day(to.Value))}."));
        sb.AppendLine("# Distributions are log-normal by median and p90 of the observations. Set the plan prices before reading margins.");
        sb.AppendLine(Inv($"name: {Quote(name)}"));
        sb.AppendLine("description: \"Fitted from usage logs: calls as logged (history and system prompt inside input_tokens).\"");
        sb.AppendLine(Inv($"users: {Math.Max(1, segments.Sum(s => s.Users))}"));
        sb.AppendLine("horizon:");
        sb.AppendLine("  months: 12");
        if (start is { } s0)
        {
            sb.AppendLine(Inv($"  start: {s0.UtcDateTime:yyyy-MM}"));
        }

        sb.AppendLine("  growth: 0");
        sb.AppendLine("  churn: 0");
        sb.AppendLine("models:");
        foreach (var (key, alias) in aliases.OrderBy(a => a.Value, StringComparer.Ordinal))
        {
            sb.Append(Inv($"  {Quote(alias)}: {{ id: {Quote(key.Model)}"));
            if (key.Provider is not null)
            {
                sb.Append(Inv($", provider: {Quote(key.Provider)}"));
            }

            sb.AppendLine(" }");
        }

        sb.AppendLine(Inv($"routing: {Quote(aliases[(segments[0].Provider, segments[0].Model)])}"));
        sb.AppendLine("agent:");
        sb.AppendLine("  system_prompt_tokens: 0");
        sb.AppendLine("  resend_history: false        # logged input already holds the history");
        sb.AppendLine("caching:");
        if (cacheReadShare > 0)
        {
            sb.AppendLine("  enabled: true");
            sb.AppendLine(Inv($"  hit_rate: {R(Math.Clamp(cacheReadShare, 0, 1))}          # cache reads / input tokens in the logs"));
        }
        else
        {
            sb.AppendLine("  enabled: false                # no cache reads in the logs");
        }

        sb.AppendLine("plans:");
        sb.AppendLine("  observed: { price: 0, meter: calls }");
        sb.AppendLine("segments:");
        var shares = Shares(segments);
        for (var i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            sb.AppendLine(Inv($"  {Quote(s.Name)}:                 # {s.Users} users"));
            sb.AppendLine(Inv($"    share: {shares[i].ToString("0.######", CultureInfo.InvariantCulture)}"));
            sb.AppendLine("    plan: observed");
            sb.AppendLine(Inv($"    routing: {Quote(aliases[(s.Provider, s.Model)])}"));
            Dist(sb, "sessions", s.SessionsPerMonth);
            Dist(sb, "steps", s.StepsPerSession);
            Dist(sb, "input_tokens", s.InputTokensPerCall);
            Dist(sb, "output_tokens", s.VisibleOutputTokensPerCall);
            var reasoning = Math.Min(s.ReasoningShare, 0.99);
            if (reasoning > 0 || s.StepGapSeconds > 0)
            {
                sb.AppendLine("    agent:");
                sb.AppendLine("      system_prompt_tokens: 0");
                sb.AppendLine("      resend_history: false");
                if (reasoning > 0)
                {
                    sb.AppendLine(Inv($"      reasoning_share: {R(reasoning)}"));
                }

                if (s.StepGapSeconds > 0)
                {
                    sb.AppendLine(Inv($"      step_gap_seconds: {R(s.StepGapSeconds)}"));
                }
            }
        }

        return sb.ToString();
    }

    // One alias per (provider, model): the model id, with the provider appended when two providers serve the same id.
    private static Dictionary<(string? Provider, string Model), string> Aliases(IReadOnlyList<FittedSegment> segments)
    {
        var keys = segments.Select(s => (s.Provider, s.Model)).Distinct().ToList();
        var map = new Dictionary<(string? Provider, string Model), string>();
        foreach (var k in keys)
        {
            var alias = keys.Count(o => string.Equals(o.Model, k.Model, StringComparison.Ordinal)) > 1 && k.Provider is not null ? k.Model + "@" + k.Provider : k.Model;
            map[k] = alias.Length == 0 ? "model" : alias;
        }

        return map;
    }

    // Shares rounded to 6 places, the rounding remainder on the largest, so they sum to 1 exactly as written.
    private static decimal[] Shares(IReadOnlyList<FittedSegment> segments)
    {
        var total = segments.Sum(s => s.Users);
        var shares = segments.Select(s => total == 0 ? 1m / segments.Count : Math.Round((decimal)s.Users / total, 6)).ToArray();
        var largest = Array.IndexOf(shares, shares.Max());
        shares[largest] += 1m - shares.Sum();
        return shares;
    }

    private static void Dist(StringBuilder sb, string key, LogNormalFit fit)
    {
        if (fit.Median > 0)
        {
            sb.AppendLine(Inv($"    {key}: {{ median: {R(fit.Median)}, p90: {R(Math.Max(fit.P90, fit.Median))} }}   # {fit.Samples} samples"));
        }
        else if (fit.P90 > 0)
        {
            // Half or more of the observations are 0: a log-normal cannot say so; an empirical table can.
            sb.AppendLine(Inv($"    {key}: {{ table: [[0, 5], [{R(fit.P90)}, 5]] }}   # median 0, {fit.Samples} samples"));
        }
        else
        {
            sb.AppendLine(Inv($"    {key}: 0   # {fit.Samples} samples"));
        }
    }

    private static string Day(DateTimeOffset d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string R(double v) => Math.Round(v, 4).ToString("0.####", CultureInfo.InvariantCulture);

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
