using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using InferCost.Application.PriceStream;
using InferCost.Data.UsageLogs;
using InferCost.Data.Catalog;
using InferCost.Pricing;

namespace InferCost.Benchmarks;

/// <summary>
/// `bench` script mode: prices the same records as the @pydantic/genai-prices JS calculator in the same run and
/// prints a table of records/s and ratios (median of repeats, after warm-up).
/// </summary>
public static class PeerComparison
{
    public static int Run(string peerJson, int repeats)
    {
        var catalog = CatalogLoader.LoadBase();
        var cases = PricingWorkload.Cases();
        var usages = cases.Select(c => c.ToUsage()).ToArray();
        var (rates, resolvedUsages) = PricingWorkload.Resolved(catalog, cases);
        var jsonl = PricingWorkload.ChatCompletionsJsonl(PricingBenchmarks.JsonlRecords);

        double Median(Func<long> body)
        {
            body();
            var times = new List<double>();
            for (var i = 0; i < repeats; i++)
            {
                var sw = Stopwatch.StartNew();
                body();
                times.Add(sw.Elapsed.TotalSeconds);
            }

            times.Sort();
            return times[times.Count / 2];
        }

        var resolveAndPrice = Median(() =>
        {
            long n = 0;
            for (var i = 0; i < cases.Count; i++)
            {
                var c = cases[i];
                if (catalog.TryResolve(c.Model, c.Provider) is not { } m) continue;
                try { m.Model.RatesAt(c.Timestamp).CalculateTotals(m.Model.ApplyBillingRules(usages[i])); n++; }
                catch (PricingException) { }
            }

            return n;
        });
        var priceOnly = Median(() =>
        {
            for (var i = 0; i < rates.Length; i++) rates[i].CalculateTotals(resolvedUsages[i]);
            return rates.Length;
        });
        var endToEnd = Median(() =>
        {
            var pricer = new ResponsePricer(catalog, "openai", "chat", null, new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
            using var input = new MemoryStream(jsonl, writable: false);
            using var output = new MemoryStream(jsonl.Length / 2);
            return StreamPricer.Run(pricer, input, output).Priced;
        });

        var peer = JsonDocument.Parse(File.ReadAllText(peerJson)).RootElement;
        var peerRate = peer.GetProperty("records_per_second").GetDouble();
        var ours = cases.Count / resolveAndPrice;
        string F(double d) => d.ToString("N0", CultureInfo.InvariantCulture);
        Console.WriteLine($"| what | records | records/s | vs peer |");
        Console.WriteLine($"|---|---:|---:|---:|");
        Console.WriteLine($"| genai-prices JS calcPrice ({peer.GetProperty("node").GetString()}) | {peer.GetProperty("records").GetInt32()} | {F(peerRate)} | 1.0× |");
        Console.WriteLine($"| InferCost resolve + price (same work as calcPrice) | {cases.Count} | {F(ours)} | {ours / peerRate:0.0}× |");
        Console.WriteLine($"| InferCost exact pricing of resolved usages | {rates.Length} | {F(rates.Length / priceOnly)} | {rates.Length / priceOnly / peerRate:0.0}× |");
        Console.WriteLine($"| `infercost price` JSONL → JSONL (OpenAI chat bodies, 1 core) | {PricingBenchmarks.JsonlRecords} | {F(PricingBenchmarks.JsonlRecords / endToEnd)} | |");
        return 0;
    }

    public static int ExportCases(string path)
    {
        File.WriteAllLines(path, PricingWorkload.Cases().Select(c => c.ToJson()));
        return 0;
    }
}

/// <summary>Splits `infercost price` end-to-end time into its stages (for tuning).</summary>
public static class PriceProfile
{
    public static int Run()
    {
        var catalog = CatalogLoader.LoadBase();
        var jsonl = PricingWorkload.ChatCompletionsJsonl(PricingBenchmarks.JsonlRecords);
        var lines = new List<ReadOnlyMemory<byte>>();
        using (var s = new MemoryStream(jsonl)) { foreach (var l in JsonLines.Read(s)) lines.Add(l.Bytes.ToArray()); }
        var pricer = new ResponsePricer(catalog, "openai", "chat", null, new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        for (var round = 0; round < 3; round++)
        {
            var sw = Stopwatch.StartNew();
            using (var s = new MemoryStream(jsonl)) { foreach (var l in JsonLines.Read(s)) { } }
            var split = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            var ok = 0;
            foreach (var l in lines) if (pricer.Price(l).Succeeded) ok++;
            var price = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            using (var s = new MemoryStream(jsonl)) using (var o = new MemoryStream()) StreamPricer.Run(pricer, s, o);
            var all = sw.Elapsed.TotalMilliseconds;
            var scanner = FastUsageScanner.For(catalog.GetProvider("openai")!.ExtractorFor("chat"))!;
            var b = default(UsageBuilder);
            sw.Restart();
            foreach (var l in lines) scanner.TryScan(l.Span, ref b, out _);
            var scan = sw.Elapsed.TotalMilliseconds;
            var rates = catalog.Resolve("gpt-5.4", "openai").Model.RatesAt(DateTimeOffset.UtcNow);
            scanner.TryScan(lines[0].Span, ref b, out _);
            var u = b.ToUsage();
            sw.Restart();
            foreach (var l in lines) rates.CalculateTotals(u);
            var calc = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            foreach (var l in lines) { var x = b.ToUsage(); }
            var copy = sw.Elapsed.TotalMilliseconds;
            Console.WriteLine($"scan {scan:F1} ms, calc {calc:F1} ms, copy {copy:F1} ms");
            Console.WriteLine($"split {split:F1} ms, scan+price {price:F1} ms ({ok} ok), end-to-end {all:F1} ms for {lines.Count} lines");
        }

        return 0;
    }
}
