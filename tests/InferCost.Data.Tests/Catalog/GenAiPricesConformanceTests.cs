using System.Text.Json;
using InferCost.Data.Catalog;
using InferCost.Pricing;
using InferCost.Testing;
using Xunit.Abstractions;

namespace InferCost.Data.Tests.Catalog;

/// <summary>
/// Runs the real <c>@pydantic/genai-prices</c> calculator (npm 0.1.8, installed by ./test.sh into tools/peer) and
/// InferCost on the same generated usages, across every provider and model, and requires the same model, the same
/// errors and the same input, output and total prices (1e-9 relative: the peer computes in binary floating point).
/// </summary>
public class GenAiPricesConformanceTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Built_in_catalog_prices_like_the_genai_prices_peer_on_thousands_of_usages()
    {
        // The shipped conversion, not the reference file: this also proves the conversion loses nothing.
        var catalog = CatalogJsonReader.Read(CatalogLoader.ReadResource(CatalogLoader.BaseResource), CatalogLoader.BaseResource);
        var cases = UsageCaseGenerator.Generate(catalog, perModel: 3, seed: 20261123);
        Assert.True(cases.Count > 5000, $"only {cases.Count} cases");
        var peer = PeerRunner.Run("conformance.mjs", cases.Select(c => c.ToJson()));
        Assert.Equal(cases.Count, peer.Count);

        int priced = 0, bothNone = 0, bothError = 0;
        var mismatches = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var p = peer[i];
            var ours = PriceOurs(catalog, c);
            if (p.TryGetProperty("none", out _))
            {
                if (ours.Resolved is not null) mismatches.Add($"{c.ToJson()}: peer found no model, we found {ours.Resolved}");
                else bothNone++;
                continue;
            }

            if (p.TryGetProperty("error", out var perr))
            {
                if (ours.Error is null) mismatches.Add($"{c.ToJson()}: peer error '{perr.GetString()}', we priced {ours.Totals}");
                else bothError++;
                continue;
            }

            if (ours.Error is not null || ours.Resolved is null)
            {
                mismatches.Add($"{c.ToJson()}: peer priced {p}, we failed: {ours.Error ?? "no model"}");
                continue;
            }

            var peerModel = p.GetProperty("provider").GetString() + "/" + p.GetProperty("model").GetString();
            if (peerModel != ours.Resolved)
            {
                mismatches.Add($"{c.ToJson()}: peer resolved {peerModel}, we resolved {ours.Resolved}");
                continue;
            }

            foreach (var (name, mine) in new[] { ("input", ours.Totals.InputCost), ("output", ours.Totals.OutputCost), ("total", ours.Totals.TotalCost) })
            {
                var theirs = p.GetProperty(name).GetDouble();
                var diff = Math.Abs((double)mine - theirs);
                if (diff > Tolerance * Math.Max(1e-12, Math.Abs(theirs)) && diff > 1e-15)
                {
                    mismatches.Add($"{c.ToJson()}: {name} peer {theirs:R} ours {mine}");
                }
            }

            priced++;
        }

        output.WriteLine($"{cases.Count} usages: {priced} priced identically, {bothNone} unknown to both, {bothError} rejected by both");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} mismatches of {cases.Count}:\n" + string.Join("\n", mismatches.Take(20)));
        Assert.True(priced > 4000, $"priced {priced}, none {bothNone}, errors {bothError}");
    }

    [Fact]
    public void Shipped_catalog_is_the_conversion_of_the_reference_snapshot()
    {
        var reference = CatalogLoader.ReadFile(RepoPaths.GenAiPricesData);
        var shipped = CatalogJsonReader.Read(CatalogLoader.ReadResource(CatalogLoader.BaseResource), CatalogLoader.BaseResource);
        Assert.Equal(43, shipped.Providers.Length);
        Assert.Equal(1694, shipped.AllModels.Count());
        foreach (var at in new[] { new DateTimeOffset(2024, 6, 1, 3, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero) })
        {
            var diff = CatalogDiff.Between(reference, shipped, at);
            Assert.True(diff.IsEmpty, $"shipped catalog differs from the reference: +{diff.Added.Length} -{diff.Removed.Length} ~{diff.Changed.Length}; run `infercost catalog update --from tests/Fixtures/genai-prices/data.json --out catalog/genai-prices.catalog.json`");
        }

        Assert.Contains(shipped.Attributions, a => a.Name == "genai-prices" && a.License.Contains("MIT", StringComparison.Ordinal));
    }

    private static (string? Resolved, PriceTotals Totals, string? Error) PriceOurs(PriceCatalog catalog, UsageCase c)
    {
        var resolved = catalog.TryResolve(c.Model, c.Provider);
        if (resolved is null)
        {
            return (null, default, null);
        }

        var rates = resolved.Model.RatesAt(c.Timestamp);
        var usage = resolved.Model.ApplyBillingRules(c.ToUsage());

        try
        {
            return (resolved.QualifiedId, rates.CalculateTotals(usage), null);
        }
        catch (PricingException ex)
        {
            return (resolved.QualifiedId, default, ex.Message);
        }
    }
}
