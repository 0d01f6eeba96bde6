using BenchmarkDotNet.Running;

namespace InferCost.Benchmarks;

/// <summary>
/// Entry point. BenchmarkDotNet: <c>dotnet run -c Release --project benchmarks/InferCost.Benchmarks -- --filter *</c>.
/// Peer comparison (used by ./bench): <c>-- export-cases FILE</c> (the records the JS peer prices), then
/// <c>-- peer PEER.json [repeats]</c> (InferCost on the same records, against the peer's result).
/// Fuzzing: <c>-- fuzz [inputs per reader, default 100000] [seed]</c> (docs/benchmarks.md).
/// YAML fuzzing: <c>-- fuzz-yaml [inputs-per-reader] [seed] [reader]</c>.
/// </summary>
public static class BenchmarkProgram
{
    public static int Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "export-cases")
        {
            return PeerComparison.ExportCases(args[1]);
        }

        if (args.Length >= 1 && args[0] == "fuzz")
        {
            return FuzzProgram.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000,
                args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : Environment.TickCount);
        }

        if (args.Length >= 1 && args[0] == "fuzz-yaml")
        {
            return YamlFuzzProgram.Run(args);
        }

        if (args.Length >= 1 && args[0] == "profile")
        {
            return PriceProfile.Run();
        }

        if (args.Length >= 2 && args[0] == "peer")
        {
            return PeerComparison.Run(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 7);
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
