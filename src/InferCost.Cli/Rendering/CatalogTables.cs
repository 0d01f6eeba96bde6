using System.Globalization;
using InferCost.Application.Catalogs;
using Spectre.Console;

namespace InferCost.Cli.Rendering;

/// <summary>Tables for models, model and catalog info results.</summary>
public static class CatalogTables
{
    /// <summary>Renders the model list.</summary>
    public static void Models(IAnsiConsole c, ModelListResult result)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(result);
        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("provider", "model", "input $/1M", "cached $/1M", "output $/1M", "tier", "context");
        foreach (var r in result.Models)
        {
            table.AddRow(Markup.Escape(r.Provider), Markup.Escape(r.Id), Fmt(r.InputPerMillion) + (r.Tiered ? "*" : ""), Fmt(r.CachedInputPerMillion), Fmt(r.OutputPerMillion),
                r.MarketTier?.ToString().ToLowerInvariant() ?? "", r.ContextWindow?.ToString("N0", CultureInfo.InvariantCulture) ?? "");
        }

        c.Write(table);
        c.MarkupLine($"[grey]{result.Count} models. * = long-context tiers (see `infercost model ID`). Prices: genai-prices database + InferCost overlay.[/]");
    }

    /// <summary>Renders one model: facts, each dated price version, alternatives and sources.</summary>
    public static void Model(IAnsiConsole c, ModelDetail detail)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(detail);
        c.Write(new Rule($"[bold]{Markup.Escape(detail.Provider + "/" + detail.Model)}[/] {Markup.Escape(detail.Name ?? "")}").LeftJustified());
        var facts = new Table().Border(TableBorder.None).HideHeaders().AddColumns("k", "v");
        facts.AddRow("context window", detail.ContextWindow?.ToString("N0", CultureInfo.InvariantCulture) ?? "unknown");
        facts.AddRow("max output", detail.MaxOutputTokens?.ToString("N0", CultureInfo.InvariantCulture) ?? "unknown");
        facts.AddRow("market tier", detail.MarketTier?.ToString().ToLowerInvariant() ?? "unknown");
        facts.AddRow("batch multiplier", detail.BatchMultiplier?.ToString(CultureInfo.InvariantCulture) ?? "none known");
        if (detail.CacheStoragePerMillionHour is { } st)
        {
            facts.AddRow("cache storage", string.Create(CultureInfo.InvariantCulture, $"${st}/1M tokens·hour"));
        }

        if (detail.FreeWebSearchesPerMonth is { } fw)
        {
            facts.AddRow("free web searches", string.Create(CultureInfo.InvariantCulture, $"{fw:N0}/month"));
        }

        if (detail.OpenWeights is { } ow)
        {
            facts.AddRow("open weights", ow ? "yes" : "no");
        }

        if (detail.Deprecated)
        {
            facts.AddRow("deprecated", "yes");
        }

        c.Write(facts);
        foreach (var v in detail.Versions)
        {
            var t = new Table().Border(TableBorder.Simple).Title($"prices {Markup.Escape(v.When)}{(v.InForceNow ? " [green](in force now)[/]" : "")}")
                .AddColumns("price key", "per", "base", "long-context tiers", "source");
            foreach (var p in v.Prices)
            {
                t.AddRow(p.PriceKey, p.Per, p.Base.ToString(CultureInfo.InvariantCulture),
                    string.Join(", ", p.Tiers.Select(x => string.Create(CultureInfo.InvariantCulture, $">{x.Start:N0} tokens: {x.Price}"))),
                    Markup.Escape(p.Source + (p.AsOf is { } d ? string.Create(CultureInfo.InvariantCulture, $" ({d:yyyy-MM-dd})") : "")));
            }

            c.Write(t);
        }

        foreach (var a in detail.Alternatives)
        {
            c.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"alternative: {Markup.Escape(a.Label)}: ${a.InputMtok}/${a.OutputMtok} per 1M ([grey]{Markup.Escape(a.Source)}, {a.AsOf:yyyy-MM-dd}[/])"));
        }

        c.MarkupLine($"[grey]sources: {Markup.Escape(string.Join(", ", detail.Sources))}[/]");
    }

    /// <summary>Renders the catalog's counts and attribution.</summary>
    public static void Info(IAnsiConsole c, CatalogInfoResult info)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(info);
        c.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[bold]{info.Providers}[/] providers, [bold]{info.Models:N0}[/] models, [bold]{info.OverlayValues}[/] sourced overlay values"));
        foreach (var a in info.Attribution)
        {
            c.MarkupLine($"  {Markup.Escape(a.Name)}: {Markup.Escape(a.Source)} — {Markup.Escape(a.License)} ({Markup.Escape(a.Version)})");
        }
    }

    private static string Fmt(decimal? d) => d is { } v ? v.ToString(CultureInfo.InvariantCulture) : "";
}
