using System.Globalization;
using InferCost.Testing;

namespace InferCost.Benchmarks;

/// <summary>
/// <c>fuzz-yaml [inputs-per-reader] [seed] [reader]</c>: feeds every YAML reader mutated shipped files (100,000 each by
/// default) and prints, per reader, inputs, accepted, rejected by kind and time; exit 1 when any input made a reader
/// throw anything but an input error naming file, line and column.
/// </summary>
internal static class YamlFuzzProgram
{
    public static int Run(string[] args)
    {
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var seed = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20261202;
        var only = args.Length > 3 ? args[3] : null;
        var failed = false;
        foreach (var (name, seeds, read) in YamlFuzz.Readers(RepoPaths.Root))
        {
            if (only is not null && name != only)
            {
                continue;
            }

            var report = YamlFuzz.Run(name, seeds, read, count, seed);
            Console.WriteLine(report);
            foreach (var failure in report.Failures.Take(3))
            {
                Console.WriteLine(failure);
            }

            failed |= report.Failures.Count > 0;
        }

        return failed ? 1 : 0;
    }
}
