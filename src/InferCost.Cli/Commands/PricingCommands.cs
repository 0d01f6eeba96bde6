using System.CommandLine;
using System.Globalization;
using InferCost.Application.Json;
using InferCost.Application.Pricing;
using InferCost.Cli.Rendering;
using InferCost.Data.Catalog;
using InferCost.Errors;
using InferCost.Pricing;
using Spectre.Console;
using static InferCost.Cli.CliCatalog;

namespace InferCost.Cli.Commands;

/// <summary>Catalog and pricing commands: models, model, quote, compare, price, catalog.</summary>
internal static class PricingCommands
{
    public static void AddTo(RootCommand root, CliContext ctx)
    {
        root.Subcommands.Add(ModelsCommand(ctx));
        root.Subcommands.Add(ModelCommand(ctx));
        root.Subcommands.Add(QuoteCommand(ctx));
        root.Subcommands.Add(CompareCommand(ctx));
        root.Subcommands.Add(PriceStreamCommand.Create(ctx));
        root.Subcommands.Add(CatalogCommands.Create(ctx));
    }

    private static Command ModelsCommand(CliContext ctx)
    {
        var provider = new Option<string?>("--provider") { Description = "Only this provider's models" };
        var tier = new Option<MarketTier?>("--tier") { Description = "Only this market tier (commodity, mid, upper, premium; seed 004)" };
        var maxOutput = new Option<decimal?>("--max-output-price") { Description = "Only models whose output price per 1M tokens is at most this" };
        var sort = new Option<string>("--sort") { Description = "Sort by id, input, output or blended", DefaultValueFactory = _ => "id" };
        sort.AcceptOnlyFromAmong("id", "input", "output", "blended");
        var deprecated = new Option<bool>("--include-deprecated") { Description = "Include deprecated models" };
        var cmd = new Command("models", "List catalog models with their current prices") { provider, tier, maxOutput, sort, deprecated };
        cmd.SetAction(pr =>
        {
            var catalog = Load(pr);
            var now = DateTimeOffset.UtcNow;
            var providerId = pr.GetValue(provider);
            if (providerId is not null && catalog.FindProvider(providerId: providerId) is null)
            {
                throw new InferCostException($"Unknown provider '{providerId}'. Closest: {string.Join(", ", PriceCatalog.Nearest(providerId, catalog.Providers.Select(p => p.Id), 5))}");
            }

            var rows = catalog.AllModels
                .Where(m => providerId is null || m.Provider.Id == catalog.FindProvider(providerId: providerId)!.Id)
                .Where(m => pr.GetValue(deprecated) || !m.Model.Deprecated)
                .Select(m => ModelRow.Of(m, now))
                .Where(r => pr.GetValue(tier) is not { } t || r.MarketTier == t)
                .Where(r => pr.GetValue(maxOutput) is not { } max || (r.OutputPerMillion is { } o && o <= max))
                .ToList();
            rows = pr.GetValue(sort) switch
            {
                "input" => [.. rows.OrderBy(r => r.InputPerMillion ?? decimal.MaxValue).ThenBy(r => r.Id, StringComparer.Ordinal)],
                "output" => [.. rows.OrderBy(r => r.OutputPerMillion ?? decimal.MaxValue).ThenBy(r => r.Id, StringComparer.Ordinal)],
                "blended" => [.. rows.OrderBy(r => r.BlendedPerMillion ?? decimal.MaxValue).ThenBy(r => r.Id, StringComparer.Ordinal)],
                _ => [.. rows.OrderBy(r => r.Provider, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal)],
            };
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(new { count = rows.Count, models = rows });
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Simple)
                .AddColumns("provider", "model", "input $/1M", "cached $/1M", "output $/1M", "tier", "context");
            foreach (var r in rows)
            {
                table.AddRow(Markup.Escape(r.Provider), Markup.Escape(r.Id), Fmt(r.InputPerMillion) + (r.Tiered ? "*" : ""), Fmt(r.CachedInputPerMillion), Fmt(r.OutputPerMillion),
                    r.MarketTier?.ToString().ToLowerInvariant() ?? "", r.ContextWindow?.ToString("N0", CultureInfo.InvariantCulture) ?? "");
            }

            ctx.Console.Write(table);
            ctx.Console.MarkupLine($"[grey]{rows.Count} models. * = long-context tiers (see `infercost model ID`). Prices: genai-prices database + InferCost overlay.[/]");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command ModelCommand(CliContext ctx)
    {
        var id = new Argument<string>("id") { Description = "Model id, e.g. gpt-5.4 or openai/gpt-5.4" };
        var provider = new Option<string?>("--provider") { Description = "Provider id when the model is served by several" };
        var cmd = new Command("model", "Show every price dimension, tier and dated version of one model, with sources") { id, provider };
        cmd.SetAction(pr =>
        {
            var catalog = Load(pr);
            var m = catalog.Resolve(pr.GetValue(id)!, pr.GetValue(provider));
            var now = DateTimeOffset.UtcNow;
            var facts = m.Facts;
            var detail = new ModelDetail(
                m.Provider.Id,
                m.Model.Id,
                m.Model.Name,
                m.Model.EffectiveContextWindow,
                facts.MaxOutputTokens?.Value,
                m.Model.Deprecated,
                MarketTiers.Of(m, now),
                facts.OpenWeights?.Value,
                facts.BatchMultiplier is { } b ? Normalize(b.Value) : null,
                facts.CacheStoragePerMillionHour is { } cs ? Normalize(cs.Value) : null,
                facts.FreeWebSearchesPerMonth?.Value,
                [.. m.Model.Versions.Select(v => new VersionDetail(
                    v.Constraint?.ToString() ?? "always",
                    ReferenceEquals(v.Rates, m.Model.RatesAt(now)),
                    [.. v.Rates.Prices.Select(p => new PriceDetail(p.Unit.PriceKey, PerLabel(p.Unit), Normalize(p.Price.Base),
                        [.. p.Price.Tiers.Select(t => new TierDetail(t.Start, Normalize(t.Price)))],
                        m.Model.OverlayPrices.TryGetValue(p.Unit.PriceKey, out var src) ? src.Source : "genai-prices",
                        src?.AsOf))]))],
                [.. m.Model.Alternatives.Select(a => new AlternativeDetail(a.Label, Normalize(a.InputPerMillion), Normalize(a.OutputPerMillion), a.Source, a.AsOf))],
                Sources(m),
                m.Model.PriceComments);
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(detail);
                return ExitCodes.Ok;
            }

            var c = ctx.Console;
            c.Write(new Rule($"[bold]{Markup.Escape(m.QualifiedId)}[/] {Markup.Escape(m.Model.Name ?? "")}").LeftJustified());
            var facts_ = new Table().Border(TableBorder.None).HideHeaders().AddColumns("k", "v");
            facts_.AddRow("context window", detail.ContextWindow?.ToString("N0", CultureInfo.InvariantCulture) ?? "unknown");
            facts_.AddRow("max output", detail.MaxOutputTokens?.ToString("N0", CultureInfo.InvariantCulture) ?? "unknown");
            facts_.AddRow("market tier", detail.MarketTier?.ToString().ToLowerInvariant() ?? "unknown");
            facts_.AddRow("batch multiplier", detail.BatchMultiplier?.ToString(CultureInfo.InvariantCulture) ?? "none known");
            if (detail.CacheStoragePerMillionHour is { } st) facts_.AddRow("cache storage", $"${st}/1M tokens·hour");
            if (detail.FreeWebSearchesPerMonth is { } fw) facts_.AddRow("free web searches", $"{fw:N0}/month");
            if (detail.OpenWeights is { } ow) facts_.AddRow("open weights", ow ? "yes" : "no");
            if (detail.Deprecated) facts_.AddRow("deprecated", "yes");
            c.Write(facts_);
            foreach (var v in detail.Versions)
            {
                var t = new Table().Border(TableBorder.Simple).Title($"prices {Markup.Escape(v.When)}{(v.InForceNow ? " [green](in force now)[/]" : "")}")
                    .AddColumns("price key", "per", "base", "long-context tiers", "source");
                foreach (var p in v.Prices)
                {
                    t.AddRow(p.PriceKey, p.Per, p.Base.ToString(CultureInfo.InvariantCulture),
                        string.Join(", ", p.Tiers.Select(x => $">{x.Start:N0} tokens: {x.Price}")),
                        Markup.Escape(p.Source + (p.AsOf is { } d ? $" ({d:yyyy-MM-dd})" : "")));
                }

                c.Write(t);
            }

            foreach (var a in detail.Alternatives)
            {
                c.MarkupLine($"alternative: {Markup.Escape(a.Label)}: ${a.InputMtok}/${a.OutputMtok} per 1M ([grey]{Markup.Escape(a.Source)}, {a.AsOf:yyyy-MM-dd}[/])");
            }

            c.MarkupLine($"[grey]sources: {Markup.Escape(string.Join(", ", detail.Sources))}[/]");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command QuoteCommand(CliContext ctx)
    {
        var model = new Option<string>("--model") { Description = "Model id, e.g. gpt-5.4", Required = true };
        var provider = new Option<string?>("--provider") { Description = "Provider id (default: the one genai-prices picks for the model)" };
        var o = new QuoteOptions();
        var cmd = new Command("quote", "Price a token volume on one model, dimension by dimension") { model, provider };
        o.AddTo(cmd);
        cmd.SetAction(pr =>
        {
            var request = new TokenQuoteRequest { Model = pr.GetValue(model)!, Provider = pr.GetValue(provider), Volume = o.Read(pr) };
            var result = new PricingService(Source(pr)).Quote(request);
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(result, AppJson.Context.TokenQuoteResult);
                return ExitCodes.Ok;
            }

            PricingTables.Quote(ctx.Console, result);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command CompareCommand(CliContext ctx)
    {
        var models = new Option<string[]>("--models") { Description = "Comma-separated model ids", CustomParser = r => [.. r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))] };
        var tier = new Option<MarketTier?>("--tier") { Description = "Every model in this market tier" };
        var provider = new Option<string?>("--provider") { Description = "Every model of this provider" };
        var top = new Option<int>("--top") { Description = "Show at most this many rows", DefaultValueFactory = _ => 25 };
        var o = new QuoteOptions();
        var cmd = new Command("compare", "Price the same token volume on several models, cheapest first") { models, tier, provider, top };
        o.AddTo(cmd);
        cmd.SetAction(pr =>
        {
            var request = new CompareRequest
            {
                Models = pr.GetValue(models) ?? [],
                Tier = pr.GetValue(tier),
                Provider = pr.GetValue(provider),
                Top = pr.GetValue(top),
                Volume = o.Read(pr),
            };
            var result = new PricingService(Source(pr)).Compare(request);
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(result, AppJson.Context.CompareResult);
                return ExitCodes.Ok;
            }

            PricingTables.Compare(ctx.Console, result);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    internal static string PerLabel(UsageUnit unit) => unit.Per switch
    {
        1_000_000m => "1M",
        1_000m => "1K",
        3600m => "hour",
        1_000_000_000m => "1G",
        _ => unit.Per.ToString(CultureInfo.InvariantCulture),
    };

    private static string[] Sources(ResolvedModel m)
        => [.. m.Provider.PricingUrls.Concat(m.Model.OverlayPrices.Values.Select(s => s.Source)).Concat(SourcedFacts(m.Facts)).Distinct(StringComparer.Ordinal)];

    private static IEnumerable<string> SourcedFacts(ModelFacts f)
        => new string?[] { f.BatchMultiplier?.Source, f.ContextWindow?.Source, f.MaxOutputTokens?.Source, f.CacheStoragePerMillionHour?.Source, f.FreeWebSearchesPerMonth?.Source, f.OpenWeights?.Source, f.MarketTier?.Source }
            .OfType<string>().Distinct(StringComparer.Ordinal);

    private static string Fmt(decimal? d) => d is { } v ? Normalize(v).ToString(CultureInfo.InvariantCulture) : "";

    /// <summary>The token-volume flags quote and compare share.</summary>
    private sealed class QuoteOptions
    {
        private readonly Option<long> _input = new("--input") { Description = "Input tokens, cached and cache-write tokens included", Required = true };
        private readonly Option<long> _output = new("--output") { Description = "Output tokens, reasoning included", Required = true };
        private readonly Option<long> _cached = new("--cached") { Description = "Of the input, tokens read from the prompt cache" };
        private readonly Option<long> _cacheWrite = new("--cache-write") { Description = "Of the input, tokens written to the cache (5-minute TTL)" };
        private readonly Option<long> _cacheWrite1h = new("--cache-write-1h") { Description = "Of the input, tokens written to the cache with a 1-hour TTL" };
        private readonly Option<long> _reasoning = new("--reasoning") { Description = "Of the output, reasoning tokens" };
        private readonly Option<long> _webSearches = new("--web-searches") { Description = "Web search tool calls" };
        private readonly Option<long?> _requests = new("--requests") { Description = "Requests the volume is spread over (default: the fewest the model's limits allow); sets the long-context tier and per-request fees" };
        private readonly Option<bool> _batch = new("--batch") { Description = "Use the provider's batch API discount" };
        private readonly Option<DateTimeOffset?> _at = new("--at") { Description = "Price as of this date/time (dated price versions)" };

        public void AddTo(Command cmd)
        {
            foreach (var o in new Option[] { _input, _output, _cached, _cacheWrite, _cacheWrite1h, _reasoning, _webSearches, _requests, _batch, _at })
            {
                cmd.Options.Add(o);
            }
        }

        public TokenVolume Read(ParseResult pr) => new()
        {
            Input = pr.GetValue(_input),
            Output = pr.GetValue(_output),
            Cached = pr.GetValue(_cached),
            CacheWrite = pr.GetValue(_cacheWrite),
            CacheWrite1h = pr.GetValue(_cacheWrite1h),
            Reasoning = pr.GetValue(_reasoning),
            WebSearches = pr.GetValue(_webSearches),
            Requests = pr.GetValue(_requests),
            Batch = pr.GetValue(_batch),
            At = pr.GetValue(_at),
        };
    }
}

/// <summary>One row of <c>infercost models</c>.</summary>
internal sealed record ModelRow(string Provider, string Id, string? Name, decimal? InputPerMillion, decimal? CachedInputPerMillion, decimal? OutputPerMillion,
    decimal? BlendedPerMillion, bool Tiered, MarketTier? MarketTier, long? ContextWindow, bool Deprecated)
{
    public static ModelRow Of(ResolvedModel m, DateTimeOffset at)
    {
        var rates = m.Model.RatesAt(at);
        var input = rates.PriceOf(UsageUnits.InputTokens)?.Base;
        var output = rates.PriceOf(UsageUnits.OutputTokens)?.Base;
        return new ModelRow(m.Provider.Id, m.Model.Id, m.Model.Name, input is { } i ? CliCatalog.Normalize(i) : null,
            rates.PriceOf(UsageUnits.CacheReadTokens)?.Base is { } c ? CliCatalog.Normalize(c) : null,
            output is { } o ? CliCatalog.Normalize(o) : null,
            input is { } bi && output is { } bo ? CliCatalog.Normalize(MarketTiers.Blended(bi, bo)) : null,
            rates.IsTiered, MarketTiers.Of(m, at), m.Model.EffectiveContextWindow, m.Model.Deprecated);
    }
}

internal sealed record TierDetail(long Start, decimal Price);

internal sealed record PriceDetail(string PriceKey, string Per, decimal Base, TierDetail[] Tiers, string Source, DateOnly? AsOf);

internal sealed record VersionDetail(string When, bool InForceNow, PriceDetail[] Prices);

internal sealed record AlternativeDetail(string Label, decimal InputMtok, decimal OutputMtok, string Source, DateOnly AsOf);

internal sealed record ModelDetail(string Provider, string Model, string? Name, long? ContextWindow, long? MaxOutputTokens, bool Deprecated, MarketTier? MarketTier,
    bool? OpenWeights, decimal? BatchMultiplier, decimal? CacheStoragePerMillionHour, long? FreeWebSearchesPerMonth, VersionDetail[] Versions,
    AlternativeDetail[] Alternatives, string[] Sources, string? PriceComments);
