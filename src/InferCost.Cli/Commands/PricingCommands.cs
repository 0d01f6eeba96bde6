using System.CommandLine;
using System.Globalization;
using InferCost.Application.Catalogs;
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
            var request = new ModelsRequest
            {
                Provider = pr.GetValue(provider),
                Tier = pr.GetValue(tier),
                MaxOutputPrice = pr.GetValue(maxOutput),
                Sort = pr.GetValue(sort)!,
                IncludeDeprecated = pr.GetValue(deprecated),
            };
            var result = new CatalogService(Source(pr)).Models(request);
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(result, AppJson.Context.ModelListResult);
                return ExitCodes.Ok;
            }

            CatalogTables.Models(ctx.Console, result);
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
            var detail = new CatalogService(Source(pr)).Model(new ModelRequest { Id = pr.GetValue(id)!, Provider = pr.GetValue(provider) });
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(detail, AppJson.Context.ModelDetail);
                return ExitCodes.Ok;
            }

            CatalogTables.Model(ctx.Console, detail);
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
