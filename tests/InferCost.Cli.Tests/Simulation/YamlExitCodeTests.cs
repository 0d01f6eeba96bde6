using InferCost.Testing;

namespace InferCost.Cli.Tests.Simulation;

/// <summary>Bad YAML reaches every command that reads it as exit 1 with file:line:column, never exit 2 or a stack trace.</summary>
public sealed class YamlExitCodeTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("infercost-yaml-");

    public static TheoryData<string, string> BadScenarios() => new()
    {
        { "unclosed-brace", "name: x\nmodels: { main: gpt-5.4\nsegments: {\n  a: 1\n" },
        { "mapping-key", "models: {{a: 1}: x}\n" },
        { "sequence-key", "segments: {[a]: 1}\n" },
        { "huge-median", File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "chat-assistant.yaml")).Replace("median: 6,", "median: 1e308,", StringComparison.Ordinal) },
        { "fractional-users", File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "chat-assistant.yaml")).Replace("\nusers: ", "\nusers: 2.5 #", StringComparison.Ordinal) },
    };

    [Theory]
    [MemberData(nameof(BadScenarios))]
    public void Every_scenario_command_answers_bad_yaml_with_exit_1_and_a_located_message(string name, string yaml)
    {
        var file = Path.Combine(_dir.FullName, name + ".yaml");
        File.WriteAllText(file, yaml);
        string[][] commands =
        [
            ["scenario", "check", file],
            ["simulate", file, "--users", "100"],
            ["diff", file, file, "--users", "100"],
            ["sensitivity", file, "--users", "100"],
            ["price-plan", file, "--plan", "pro", "--users", "100"],
        ];
        foreach (var args in commands)
        {
            var (code, output, error) = CliRunner.Run(args);
            Assert.True(code == 1, $"{string.Join(' ', args)}: exit {code}\n{output}{error}");
            Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
            Assert.Matches(@$"{System.Text.RegularExpressions.Regex.Escape(name)}\.yaml:\d+:\d+: ", output + error);
        }
    }

    [Theory]
    [InlineData("providers: [\n  { id: openai, facts: {\n")]
    [InlineData("providers:\n  - id: openai\n    model: []\n")]
    [InlineData("providers:\n  - id: openai\n    models:\n      - id: gpt-5.4\n        prices:\n          input_mtok: { value: 1e308, source: x, as_of: 2026-01-01 }\n")]
    public void A_bad_overlay_is_exit_1_with_a_located_message(string yaml)
    {
        var file = Path.Combine(_dir.FullName, "overlay.yaml");
        File.WriteAllText(file, yaml);
        var (code, output, error) = CliRunner.Run("models", "--catalog-overlay", file);
        Assert.True(code == 1, $"exit {code}\n{output}{error}");
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        Assert.Matches(@"overlay\.yaml:\d+:\d+: ", error);
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
