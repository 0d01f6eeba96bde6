using InferCost.Data.Catalog;
using InferCost.Fuzzing;

namespace InferCost.Benchmarks;

/// <summary>
/// <c>fuzz N [SEED]</c>: N mutated real response bodies through each JSON reader (the <c>price --jsonl</c> stream at
/// a 1 MiB line limit, and <c>usage import</c> into DuckDB); prints inputs, rejects by kind and time. Exits 1
/// when a check fails (an escaped exception, a line without exactly one answer, a negative cost, an unreadable store).
/// </summary>
internal static class FuzzProgram
{
    public static int Run(int inputs, int seed)
    {
        var fixtures = Path.Combine(FindRoot(), "tests", "InferCost.Data.Tests", "Fixtures", "usage");
        var fuzzer = new ResponseFuzzer(CatalogLoader.LoadBuiltIn(), ResponseFuzzer.LoadSeeds(fixtures));
        var folder = Path.Combine(Path.GetTempPath(), "infercost-fuzz-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            Console.WriteLine($"seed {seed}, {inputs:N0} inputs per reader");
            // Long lines at 1 MiB here (the 64 MiB default is pinned by PriceStreamHardeningTests; 100,000 inputs at 64 MiB would not fit in memory).
            Console.WriteLine(fuzzer.FuzzPrice(inputs, seed, maxLineBytes: 1 << 20, threads: Environment.ProcessorCount));
            Console.WriteLine(fuzzer.FuzzImport(inputs, seed, folder));
            return 0;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine(ex);
            return 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(Environment.CurrentDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "InferCost.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("run from inside the repository");
    }
}
