using BenchmarkDotNet.Attributes;
using InferCost.Application.PriceStream;
using InferCost.Data.UsageLogs;
using InferCost.Data.Catalog;
using InferCost.Pricing;
using InferCost.Testing;

namespace InferCost.Benchmarks;

/// <summary>
/// Pricing speed: exact pricing of pre-resolved usages, the same work as genai-prices' calcPrice (resolve the model,
/// pick the price version, price), and `infercost price` end to end from JSONL bytes to JSONL bytes.
/// </summary>
[MemoryDiagnoser]
public class PricingBenchmarks
{
    private PriceCatalog _catalog = null!;
    private List<UsageCase> _cases = null!;
    private Usage[] _caseUsages = null!;
    private RateCard[] _rates = null!;
    private Usage[] _usages = null!;
    private byte[] _jsonl = null!;

    /// <summary>Records in the JSONL input.</summary>
    public const int JsonlRecords = 100_000;

    [GlobalSetup]
    public void Setup()
    {
        _catalog = CatalogLoader.LoadBase();
        _cases = PricingWorkload.Cases();
        _caseUsages = [.. _cases.Select(c => c.ToUsage())];
        (_rates, _usages) = PricingWorkload.Resolved(_catalog, _cases);
        _jsonl = PricingWorkload.ChatCompletionsJsonl(JsonlRecords);
    }

    /// <summary>Exact decimal pricing of resolved usages (records = usages priced).</summary>
    [Benchmark(OperationsPerInvoke = 1)]
    public decimal PriceResolvedUsages()
    {
        var total = 0m;
        for (var i = 0; i < _usages.Length; i++)
        {
            total += _rates[i].CalculateTotals(_usages[i]).TotalCost;
        }

        return total;
    }

    /// <summary>calcPrice's work per record: find provider and model, pick the version in force, price.</summary>
    [Benchmark]
    public decimal ResolveAndPrice()
    {
        var total = 0m;
        for (var i = 0; i < _cases.Count; i++)
        {
            var c = _cases[i];
            if (_catalog.TryResolve(c.Model, c.Provider) is not { } m)
            {
                continue;
            }

            try
            {
                total += m.Model.RatesAt(c.Timestamp).CalculateTotals(m.Model.ApplyBillingRules(_caseUsages[i])).TotalCost;
            }
            catch (PricingException)
            {
            }
        }

        return total;
    }

    /// <summary>`infercost price --provider openai --api-flavor chat --jsonl` on 100,000 Chat Completions bodies.</summary>
    [Benchmark]
    public long PriceJsonlEndToEnd()
    {
        var pricer = new ResponsePricer(_catalog, "openai", "chat", null, new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        using var input = new MemoryStream(_jsonl, writable: false);
        using var output = new MemoryStream(_jsonl.Length / 2);
        return StreamPricer.Run(pricer, input, output).Priced;
    }
}
