using System.Globalization;
using InferCost.Errors;
using InferCost.Pricing;
using InferCost.Web.Adapters;
using Microsoft.AspNetCore.Http;
using static InferCost.Web.Pages.Html;

namespace InferCost.Web.Pages;

/// <summary><c>/catalog</c>: search and filter models; one model's prices, tiers, sources and dated history as a chart.</summary>
internal static class CatalogPage
{
    private const int MaxRows = 200;

    public static IResult Render(PageQuery q, PricingOperations ops)
    {
        var search = q.Str("q", "");
        var provider = q.Str("provider", "");
        var tier = q.Str("tier", "");
        var sort = q.Str("sort", "blended");
        var modelId = q.Str("model");
        var providers = ops.Catalog.Providers.Select(p => (p.Id, p.Name)).OrderBy(p => p.Id, StringComparer.Ordinal).Prepend(("", "all providers"));
        var fields = Text("q", "Search models", search, "part of a model id or name") +
                     Select("provider", "Provider", provider, providers) +
                     Select("tier", "Market tier", tier, [("", "all tiers"), ("commodity", "commodity"), ("mid", "mid"), ("upper", "upper"), ("premium", "premium")]) +
                     Select("sort", "Sort by", sort, [("blended", "blended price"), ("input", "input price"), ("output", "output price"), ("id", "provider and id")]);
        string body;
        try
        {
            MarketTier? t = tier.Length == 0 ? null : Enum.TryParse<MarketTier>(tier, true, out var parsed) ? parsed : throw new InferCostException($"tier: unknown market tier '{tier}'");
            var list = ops.Models(provider.Length == 0 ? null : provider, t, null, sort, false);
            var rows = list.Models.Where(m => search.Length == 0 || m.Id.Contains(search, StringComparison.OrdinalIgnoreCase) || (m.Name?.Contains(search, StringComparison.OrdinalIgnoreCase) ?? false)).ToList();
            body = (modelId is null ? "" : Detail(ops, modelId, q.Str("model_provider"))) +
                   $"<p id=\"match-count\">{rows.Count:N0} models match{(rows.Count > MaxRows ? $"; the first {MaxRows} are shown" : "")}.</p>" +
                   Table("Models and their current prices (USD per 1M tokens)", ["model", "provider", "input", "cached input", "output", "tier", "context"],
                       rows.Take(MaxRows).Select(m => new[]
                       {
                           $"<a href=\"/catalog?{E(Link(search, provider, tier, sort))}&amp;model={Uri.EscapeDataString(m.Id)}&amp;model_provider={Uri.EscapeDataString(m.Provider)}\">{E(m.Id)}</a>",
                           E(m.Provider), P(m.InputPerMillion) + (m.Tiered ? "*" : ""), P(m.CachedInputPerMillion), P(m.OutputPerMillion),
                           E(m.MarketTier?.ToString().ToLowerInvariant()), m.ContextWindow?.ToString("N0", CultureInfo.InvariantCulture) ?? "",
                       }), "models-table") +
                   "<p class=\"note\">* long-context tiers: open the model to see them.</p>";
        }
        catch (InferCostException ex)
        {
            body = Error(ex.Message);
        }

        return Page("Catalog", "/catalog", Form("/catalog", fields, "Search") + body,
            "Real, dated, sourced prices: the genai-prices database plus InferCost's overlay.");
    }

    private static string Link(string search, string provider, string tier, string sort) =>
        $"q={Uri.EscapeDataString(search)}&provider={Uri.EscapeDataString(provider)}&tier={Uri.EscapeDataString(tier)}&sort={Uri.EscapeDataString(sort)}";

    private static string P(decimal? d) => d is { } v ? v.ToString(CultureInfo.InvariantCulture) : "";

    private static string Detail(PricingOperations ops, string id, string? provider)
    {
        var d = ops.Model(id, provider);
        var facts = Table("Facts", ["fact", "value"],
        [
            ["context window", d.ContextWindow?.ToString("N0", CultureInfo.InvariantCulture) ?? "unknown"],
            ["max output tokens", d.MaxOutputTokens?.ToString("N0", CultureInfo.InvariantCulture) ?? "unknown"],
            ["market tier", E(d.MarketTier?.ToString().ToLowerInvariant() ?? "unknown")],
            ["batch multiplier", d.BatchMultiplier?.ToString(CultureInfo.InvariantCulture) ?? "none known"],
            ["open weights", d.OpenWeights is { } ow ? (ow ? "yes" : "no") : "unknown"],
        ], numericFromSecond: false);
        var versions = string.Concat(d.Versions.Select(v => Table($"Prices {v.When}{(v.InForceNow ? " (in force now)" : "")}", ["price key", "per", "base USD", "long-context tiers", "source"],
            v.Prices.Select(p => new[]
            {
                E(p.PriceKey), E(p.Per), p.Base.ToString(CultureInfo.InvariantCulture),
                E(string.Join(", ", p.Tiers.Select(t => $">{t.Start:N0} tokens: {t.Price}"))), E(p.Source + (p.AsOf is { } a ? $" ({a:yyyy-MM-dd})" : "")),
            }), numericFromSecond: false)));
        var history = d.Versions.Select(v => (v.When, Input: Price(v, "input_mtok"), Output: Price(v, "output_mtok"))).ToList();
        var option = new
        {
            grid = new { left = 60, right = 20, top = 40, bottom = 60 },
            tooltip = new { trigger = "axis" },
            legend = new { top = 0 },
            xAxis = new { type = "category", data = history.Select(h => h.When).ToArray(), axisLabel = new { interval = 0, rotate = history.Count > 2 ? 20 : 0 } },
            yAxis = new { type = "value", name = "USD / 1M tokens" },
            series = new object[]
            {
                new { type = "line", step = "end", name = "input", data = history.Select(h => h.Input).ToArray() },
                new { type = "line", step = "end", name = "output", data = history.Select(h => h.Output).ToArray() },
            },
        };
        var historyTable = Table("Price history (USD per 1M tokens)", ["in force", "input", "output"],
            history.Select(h => new[] { E(h.When), h.Input?.ToString(CultureInfo.InvariantCulture) ?? "", h.Output?.ToString(CultureInfo.InvariantCulture) ?? "" }));
        return $"<section class=\"detail\" aria-labelledby=\"model-title\"><h2 id=\"model-title\">{E(d.Provider)}/{E(d.Model)} {E(d.Name)}</h2>" + facts +
               Chart("history-chart", $"Dated input and output prices of {d.Model}", option, historyTable) + versions +
               $"<p class=\"note\">Sources: {E(string.Join(", ", d.Sources))}</p></section>";
    }

    private static decimal? Price(VersionDetail v, string key) => v.Prices.FirstOrDefault(p => p.PriceKey == key)?.Base;
}
