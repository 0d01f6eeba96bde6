using System.Globalization;
using System.Text.Json;
using InferCost.Data.Scenarios;
using InferCost.Data.UsageLogs;
using InferCost.Workloads;
using static InferCost.Cli.Tests.CliRunner;

namespace InferCost.Cli.Tests.Usage;

/// <summary><c>usage fit --out</c> writes a scenario the simulation loads, checks and runs, with the logs' medians.</summary>
public sealed class UsageFitRoundTripTests
{
    private static readonly TimeSpan Gap = TimeSpan.FromMinutes(30);

    [Fact]
    public void Fit_writes_a_scenario_that_checks_simulates_and_keeps_the_logs_medians()
    {
        var dir = Path.Combine(Path.GetTempPath(), "infercost-usage-fit", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var log = Path.Combine(dir, "traffic.jsonl");
        using (var s = File.Create(log))
        {
            // 3 days of traffic from 60 users, one call every ~13 s.
            SyntheticUsageLog.WriteOpenAiJsonl(s, 20_000, seed: 11, users: 60);
        }

        Stretch(log, 6.5);
        var db = Path.Combine(dir, "u.duckdb");
        var import = Run("usage", "import", log, "--db", db);
        Assert.True(import.Code == 0, import.Err);

        var scenarioPath = Path.Combine(dir, "scenario.yaml");
        var fit = Run("usage", "fit", "--out", scenarioPath, "--db", db);
        Assert.True(fit.Code == 0, fit.Err);

        var check = Run("scenario", "check", scenarioPath);
        Assert.True(check.Code == 0, check.Out + check.Err + File.ReadAllText(scenarioPath));
        var simulate = Run("simulate", scenarioPath, "--users", "200", "--json");
        Assert.True(simulate.Code == 0, simulate.Err);

        var scenario = ScenarioLoader.Load(scenarioPath);
        Assert.False(scenario.Agent.ResendHistory);
        var expected = Expected(log);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), scenario.Segments.Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.Equal(1.0, scenario.Segments.Sum(s => s.Share), 9);
        foreach (var segment in scenario.Segments)
        {
            var e = expected[segment.Id];
            AssertMedian(e.Sessions, segment.Sessions);
            AssertMedian(e.Steps, segment.Steps);
            AssertMedian(e.Input, segment.InputTokens);
            AssertMedian(e.VisibleOutput, segment.OutputTokens);
        }
    }

    // Spread the synthetic log's ~2 s spacing over a longer span so users have several sessions.
    private static void Stretch(string path, double factor)
    {
        var lines = File.ReadAllLines(path);
        long? t0 = null;
        for (var i = 0; i < lines.Length; i++)
        {
            using var doc = JsonDocument.Parse(lines[i]);
            var created = doc.RootElement.GetProperty("created").GetInt64();
            t0 ??= created;
            var stretched = t0.Value + (long)((created - t0.Value) * factor);
            lines[i] = lines[i].Replace("\"created\":" + created.ToString(CultureInfo.InvariantCulture), "\"created\":" + stretched.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        File.WriteAllLines(path, lines);
    }

    private static void AssertMedian(List<double> observed, Distribution fitted)
    {
        var median = Median(observed);
        var actual = fitted switch
        {
            Distribution.LogNormal l => l.Median,
            Distribution.Fixed f => f.Value,
            _ => double.NaN,
        };
        Assert.True(Math.Abs(actual - median) <= 1e-4 * Math.Max(1, median), $"median {actual} in the scenario, {median} in the logs");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        var h = (sorted.Length - 1) / 2.0;
        var lo = (int)Math.Floor(h);
        return sorted[lo] + ((h - lo) * (sorted[Math.Min(lo + 1, sorted.Length - 1)] - sorted[lo]));
    }

    // Straight from the JSONL: per feature, sessions per user per 30 days (a user's calls to the feature split at
    // gaps over 30 minutes), calls per session, input tokens and visible output tokens per call.
    private static Dictionary<string, (List<double> Sessions, List<double> Steps, List<double> Input, List<double> VisibleOutput)> Expected(string log)
    {
        var calls = new List<(string Feature, string User, long Time, double Input, double Visible)>();
        foreach (var line in File.ReadLines(log))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var usage = root.GetProperty("usage");
            var output = usage.GetProperty("completion_tokens").GetInt64();
            var reasoning = usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt64();
            calls.Add((root.GetProperty("metadata").GetProperty("feature").GetString()!, root.GetProperty("user").GetString()!,
                root.GetProperty("created").GetInt64(), usage.GetProperty("prompt_tokens").GetInt64(), output - reasoning));
        }

        var result = new Dictionary<string, (List<double>, List<double>, List<double>, List<double>)>(StringComparer.Ordinal);
        foreach (var feature in calls.GroupBy(c => c.Feature, StringComparer.Ordinal))
        {
            List<double> sessions = [], steps = [];
            foreach (var user in feature.GroupBy(c => c.User, StringComparer.Ordinal))
            {
                var times = user.Select(c => c.Time).Order().ToArray();
                var count = 1;
                var run = 1;
                for (var i = 1; i < times.Length; i++)
                {
                    if (times[i] - times[i - 1] > Gap.TotalSeconds)
                    {
                        steps.Add(run);
                        count++;
                        run = 0;
                    }

                    run++;
                }

                steps.Add(run);
                var days = (times[^1] - times[0]) / 86_400.0;
                sessions.Add(count * 30.0 / Math.Max(days, 30.0));
            }

            result[feature.Key] = (sessions, steps, [.. feature.Select(c => c.Input)], [.. feature.Select(c => c.Visible)]);
        }

        return result;
    }
}
