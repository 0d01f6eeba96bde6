using InferCost.Testing;
using Xunit.Abstractions;

namespace InferCost.Data.Tests.Yaml;

/// <summary>
/// Every YAML reader survives 10,000 mutated shipped files per run (seeded, so a failure reproduces): only our input
/// error escapes, and it names the file, a line and a column. <c>dotnet run --project benchmarks/InferCost.Benchmarks
/// -- fuzz-yaml</c> runs 100,000 per reader.
/// </summary>
public class YamlFuzzTests(ITestOutputHelper output)
{
    private const int InputsPerReader = 10_000;

    public static TheoryData<string> ReaderNames() => ["scenario", "overlay", "gpus", "open-models", "calibration"];

    [Theory]
    [MemberData(nameof(ReaderNames))]
    public void Ten_thousand_mutated_files_get_an_answer_or_an_error_with_file_line_and_column(string reader)
    {
        var (name, seeds, read) = YamlFuzz.Readers(RepoPaths.Root).Single(r => r.Name == reader);
        var report = YamlFuzz.Run(name, seeds, read, InputsPerReader, seed: 20261202);
        output.WriteLine(report.ToString());
        Assert.True(report.Failures.Count == 0, string.Join("\n\n", report.Failures.Take(3)));
        Assert.Equal(InputsPerReader, report.Accepted + report.Rejected);

        // The mutations reach past the parser: some inputs are still accepted and the readers' own checks reject others.
        Assert.InRange(report.Accepted, 1, InputsPerReader - 1);
        Assert.True(report.RejectedByKind.Keys.Count(k => k != "syntax") >= 3, report.ToString());
    }
}
