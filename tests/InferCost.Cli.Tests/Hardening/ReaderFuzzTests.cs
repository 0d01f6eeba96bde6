using InferCost.Data.Catalog;
using InferCost.Fuzzing;
using Xunit.Abstractions;

namespace InferCost.Cli.Tests.Hardening;

/// <summary>
/// Bounded fuzzing of the two JSON readers on mutated real response bodies (tests/Fuzz/ResponseFuzzer.cs): 10,000
/// inputs per reader per run. The seed is fixed so a failure reproduces; INFERCOST_FUZZ_SEED picks another.
/// <c>dotnet run -c Release --project benchmarks/InferCost.Benchmarks -- fuzz 100000</c> runs the long version.
/// </summary>
public sealed class ReaderFuzzTests(ITestOutputHelper output)
{
    private const int Inputs = 10_000;

    private static readonly string Fixtures = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "InferCost.Data.Tests", "Fixtures", "usage"));

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("INFERCOST_FUZZ_SEED"), out var s) ? s : 20261202;

    [Fact]
    public void Ten_thousand_mutated_bodies_each_get_exactly_one_price_line_and_no_negative_cost()
    {
        var fuzzer = new ResponseFuzzer(CatalogLoader.LoadBuiltIn(), ResponseFuzzer.LoadSeeds(Fixtures));
        var report = fuzzer.FuzzPrice(Inputs, Seed, maxLineBytes: 64 << 10, threads: 2);
        output.WriteLine($"seed {Seed}: {report}");
        Assert.Equal(Inputs, report.Inputs);
        Assert.True(report.Lines >= Inputs, report.ToString());
        Assert.True(report.Accepted > Inputs / 10, report.ToString()); // the unmutated share still prices
        Assert.Contains("invalid UTF-8", report.RejectsByKind.Keys);
        Assert.Contains("line too long", report.RejectsByKind.Keys);
        Assert.Contains("count out of bounds", report.RejectsByKind.Keys);
        Assert.Contains("mistyped count", report.RejectsByKind.Keys);
    }

    [Fact]
    public void Ten_thousand_mutated_log_lines_import_with_one_answer_each_and_the_store_stays_readable()
    {
        var folder = Path.Combine(Path.GetTempPath(), "infercost-fuzz", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var fuzzer = new ResponseFuzzer(CatalogLoader.LoadBuiltIn(), ResponseFuzzer.LoadSeeds(Fixtures));
            var report = fuzzer.FuzzImport(Inputs, Seed, folder);
            output.WriteLine($"seed {Seed}: {report}");
            Assert.True(report.Accepted > Inputs / 10, report.ToString());
            Assert.Contains("invalid UTF-8", report.RejectsByKind.Keys);
            Assert.Contains("line too long", report.RejectsByKind.Keys);
            Assert.Contains("count out of bounds", report.RejectsByKind.Keys);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
