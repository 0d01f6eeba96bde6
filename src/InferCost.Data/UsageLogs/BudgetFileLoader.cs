using InferCost.Data.Yaml;
using InferCost.Errors;
using InferCost.UsageAnalytics;

namespace InferCost.Data.UsageLogs;

/// <summary>A budgets file: monthly budgets per user, team, feature, model or for all usage, and the alert thresholds.</summary>
/// <param name="Budgets">The budgets, in file order.</param>
/// <param name="Thresholds">The alert thresholds as shares (0.5 = 50 %), ascending.</param>
public sealed record BudgetFile(IReadOnlyList<Budget> Budgets, IReadOnlyList<decimal> Thresholds);

/// <summary>
/// Reads <c>budgets.yaml</c> (schema: <c>examples/usage/budgets.schema.json</c>) through the one YAML layer: unknown
/// keys are errors with the closest known key, and every problem names the file, line, column and field.
/// </summary>
public static class BudgetFileLoader
{
    /// <summary>The keys of one budget.</summary>
    internal static readonly string[] BudgetKeys = ["name", "all", "user", "team", "users", "feature", "model", "usd"];

    private static readonly string[] ScopeKeys = ["all", "user", "team", "feature", "model"];

    /// <summary>Reads a budgets file from disk.</summary>
    /// <exception cref="InputFileException">The file is missing or a value is missing, unknown, out of range or malformed.</exception>
    public static BudgetFile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(path, null, null, "no such file");
        }

        using var reader = new StreamReader(path);
        return Load(path, reader);
    }

    /// <summary>Parses a budgets file; errors name <paramref name="file"/>, the line, the column and the field.</summary>
    /// <exception cref="InputFileException">A value is missing, unknown, out of range or malformed.</exception>
    public static BudgetFile Load(string file, TextReader reader)
    {
        var yaml = YamlReader.StopAtFirst(file);
        var root = yaml.Root(yaml.Load(reader), "expected budgets: [ … ] (and optionally thresholds: [50, 75, 90, 100])")!;
        root.Known("budgets", "thresholds");
        var thresholds = new List<decimal>();
        if (root.List("thresholds") is { } levels)
        {
            for (var i = 0; i < levels.Count; i++)
            {
                thresholds.Add(yaml.AsDecimal(levels[i], $"thresholds[{i}]", 1, 1000)!.Value / 100m);
            }

            if (thresholds.Count == 0)
            {
                root.Report("thresholds", "expected at least one threshold in percent, such as [50, 75, 90, 100]");
            }
        }

        var list = root.List("budgets", required: true)!;
        if (list.Count == 0)
        {
            root.Report("budgets", "expected at least one budget");
        }

        var budgets = new List<Budget>(list.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"budgets[{i}]";
            var b = yaml.AsMap(list[i], path)!;
            b.Known(BudgetKeys);
            var scopes = ScopeKeys.Where(b.Has).ToList();
            if (scopes.Count != 1)
            {
                yaml.Report(list[i], path, scopes.Count == 0
                    ? "expected one of all: true, user: ID, team: NAME (with users: [...]), feature: NAME or model: NAME"
                    : $"expected one of all, user, team, feature, model; found {string.Join(" and ", scopes)}");
                continue;
            }

            var usd = b.Decimal("usd", 0, 1_000_000_000_000m, required: true)!.Value;
            var scope = scopes[0];
            if (scope != "team" && b.Has("users"))
            {
                b.Report("users", "users: belongs to a team: budget");
            }

            Budget budget;
            switch (scope)
            {
                case "all":
                    if (b.Bool("all") != true)
                    {
                        b.Report("all", "expected all: true");
                    }

                    budget = new Budget(b.Text("name") ?? "all", BudgetScope.Total, [], usd);
                    break;
                case "team":
                    var team = b.Text("team")!;
                    var users = b.Texts("users");
                    if (users.Count == 0)
                    {
                        b.Report("users", "a team budget needs users: [id, …]");
                    }

                    budget = new Budget(b.Text("name") ?? "team " + team, BudgetScope.Team, users, usd);
                    break;
                default:
                    var member = b.Text(scope)!;
                    var kind = scope switch { "user" => BudgetScope.User, "feature" => BudgetScope.Feature, _ => BudgetScope.Model };
                    budget = new Budget(b.Text("name") ?? scope + " " + member, kind, [member], usd);
                    break;
            }

            if (!names.Add(budget.Name))
            {
                yaml.Report(list[i], path, $"a second budget named '{budget.Name}'; give each a different name:");
            }

            budgets.Add(budget);
        }

        yaml.ThrowIfAny();
        return new BudgetFile(budgets, thresholds.Count > 0 ? [.. thresholds.Order()] : BudgetChecker.DefaultThresholds);
    }
}
