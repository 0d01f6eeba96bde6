using System.CommandLine;
using InferCost.Application.Catalogs;
using InferCost.Application.Json;
using InferCost.Cli.Rendering;
using InferCost.Data.Catalog;
using InferCost.Errors;
using InferCost.Pricing;
using Spectre.Console;

namespace InferCost.Cli.Commands;

/// <summary>
/// <c>infercost catalog …</c>: where prices come from (<c>info</c>), refreshing them from the genai-prices live feed
/// (<c>update</c>), and cross-checking them against another price list (<c>check</c>).
/// </summary>
internal static class CatalogCommands
{
    public static Command Create(CliContext ctx)
    {
        var cmd = new Command("catalog", "The price catalog: its sources and age, refreshing it, cross-checking it");
        cmd.Subcommands.Add(Info(ctx));
        cmd.Subcommands.Add(Update(ctx));
        cmd.Subcommands.Add(Check(ctx));
        return cmd;
    }

    private static Command Info(CliContext ctx)
    {
        var cmd = new Command("info", "Counts, attribution, and the snapshot in use (source, date, hash)");
        cmd.SetAction(pr =>
        {
            // The info command shows the catalog's age in its own output (no stderr warning).
            var overlays = (pr.GetValue(CommonOptions.CatalogOverlay) ?? []).Select(f => f.FullName);
            var source = CatalogSource.ForUser(overlays, ctx.Store, ctx.Today, CliCatalog.MaxAgeDays(pr));
            var info = new CatalogService(source, ctx.Clock).Info();
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(info, AppJson.Context.CatalogInfoResult);
                return ExitCodes.Ok;
            }

            CatalogTables.Info(ctx.Console, info);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Update(CliContext ctx)
    {
        var from = new Option<FileInfo?>("--from") { Description = "A genai-prices data.json (v2 format) or an InferCost catalog file, instead of fetching" };
        var url = new Option<string?>("--url") { Description = $"Fetch the feed from this URL (default: {CatalogFeed.GenAiPricesLiveUrl})" };
        var output = new Option<FileInfo?>("--out") { Description = "Write the converted catalog here instead of the user's data folder (does not change the catalog in use)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and show the changes without saving" };
        var cmd = new Command("update", "Fetch the genai-prices live feed (or --url/--from), validate it, show what changed, and use it from now on") { from, url, output, dryRun };
        cmd.SetAction(pr =>
        {
            if (pr.GetValue(from) is not null && pr.GetValue(url) is not null)
            {
                throw new InferCostException("give either --from FILE or --url URL, not both");
            }

            string source;
            byte[] bytes;
            if (pr.GetValue(from) is { } file)
            {
                source = file.FullName;
                bytes = File.Exists(source) ? File.ReadAllBytes(source) : throw new InputFileException(source, null, null, "file not found");
            }
            else
            {
                source = pr.GetValue(url) ?? CatalogFeed.GenAiPricesLiveUrl;
                bytes = CatalogFeed.Fetch(source);
            }

            var result = CatalogUpdater.Update(ctx.Store, bytes, source, ctx.Today, pr.GetValue(dryRun), pr.GetValue(output)?.FullName);
            var diff = result.Diff;
            var summary = new
            {
                source,
                date = result.Snapshot.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                sha256 = result.Snapshot.Sha256,
                providers = result.Fresh.Providers.Length,
                models = result.Fresh.AllModels.Count(),
                previous = new { source = result.Previous.Source, date = result.Previous.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), sha256 = result.Previous.Sha256 },
                added = diff.Added,
                removed = diff.Removed,
                price_changes = diff.Changed.Select(c => new { model = c.Model, price_key = c.PriceKey, before = c.Before?.ToString(), after = c.After?.ToString() }),
                unpriceable = result.Unpriceable,
                saved_to = pr.GetValue(dryRun) ? null : pr.GetValue(output)?.FullName ?? result.Snapshot.Path,
            };
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(summary);
                return ExitCodes.Ok;
            }

            var c = ctx.Console;
            c.MarkupLine($"[bold]{summary.providers}[/] providers, [bold]{summary.models:N0}[/] models from {Markup.Escape(source)} (sha256 {result.Snapshot.Sha256[..16]}…)");
            c.MarkupLine($"against {Markup.Escape(result.Previous.Source)} of {summary.previous.date}: added {diff.Added.Length}, removed {diff.Removed.Length}, price changes {diff.Changed.Length}");
            foreach (var a in diff.Added.Take(20)) c.MarkupLine($"  [green]+[/] {Markup.Escape(a)}");
            foreach (var r in diff.Removed.Take(20)) c.MarkupLine($"  [red]-[/] {Markup.Escape(r)}");
            foreach (var ch in diff.Changed.Take(40)) c.MarkupLine($"  [yellow]~[/] {Markup.Escape(ch.Model)} {ch.PriceKey}: {Markup.Escape(ch.Before?.ToString() ?? "—")} → {Markup.Escape(ch.After?.ToString() ?? "—")}");
            if (diff.Added.Length > 20 || diff.Removed.Length > 20 || diff.Changed.Length > 40) c.MarkupLine("  [grey]… (all of them with --json)[/]");
            if (result.Unpriceable.Length > 0) c.MarkupLine($"[yellow]{result.Unpriceable.Length} price version(s) cannot price anything:[/] {Markup.Escape(string.Join("; ", result.Unpriceable.Take(5)))}");
            c.MarkupLine(summary.saved_to is null ? "[grey]dry run: nothing saved[/]" : $"saved to {Markup.Escape(summary.saved_to)}");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Check(CliContext ctx)
    {
        var against = new Option<string>("--against")
        {
            Description = "litellm:FILE|URL (LiteLLM's model_prices_and_context_window.json; litellm: alone fetches it from GitHub) or genai-prices:FILE|URL (a genai-prices feed of another date)",
            Required = true,
        };
        var cmd = new Command("check", "Cross-check the catalog in use against another price list: differing prices (> 1 %), models we cannot match, differing context windows. Reports, never merges") { against };
        cmd.SetAction(pr =>
        {
            var spec = pr.GetValue(against)!;
            var colon = spec.IndexOf(':', StringComparison.Ordinal);
            var (kind, location) = colon > 0 ? (spec[..colon], spec[(colon + 1)..]) : (string.Empty, spec);
            if (kind is not ("litellm" or "genai-prices") || (location.Length == 0 && kind != "litellm"))
            {
                throw new InferCostException($"--against expects litellm:FILE|URL or genai-prices:FILE|URL, got '{spec}'");
            }

            if (location.Length == 0 && kind == "litellm")
            {
                location = CatalogFeed.LiteLlmUrl;
            }

            var bytes = location.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                ? CatalogFeed.Fetch(location)
                : File.Exists(location) ? File.ReadAllBytes(location) : throw new InputFileException(location, null, null, "file not found");
            var at = ctx.Clock.GetUtcNow();
            var theirs = kind == "litellm"
                ? ExternalPriceLists.ReadLiteLlm(bytes, location)
                : ExternalPriceLists.FromCatalog(CatalogJsonReader.Read(bytes, location), at);
            var catalog = CatalogLoader.LoadBuiltIn((pr.GetValue(CommonOptions.CatalogOverlay) ?? []).Select(f => f.FullName), ctx.Store);
            var report = CatalogCrossCheck.Compare(catalog, theirs, at);
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(new
                {
                    against = spec,
                    entries = theirs.Length,
                    compared = report.Compared,
                    disagreements = report.Disagreements.Select(d => new { model = d.Model, matched = d.Matched, dimension = d.Dimension, ours = d.Ours, theirs = d.Theirs, source = d.Source }),
                    unmatched = report.Unmatched,
                    context = report.Context.Select(x => new { model = x.Model, matched = x.Matched, ours = x.Ours, theirs = x.Theirs }),
                });
                return ExitCodes.Ok;
            }

            var c = ctx.Console;
            c.MarkupLine($"{theirs.Length:N0} priced entries in {Markup.Escape(location)}; {report.Compared:N0} matched ours, {report.Unmatched.Length:N0} unmatched");
            if (!report.Disagreements.IsEmpty)
            {
                var table = new Table().Border(TableBorder.Simple).Title($"prices differing by more than 1 % ({report.Disagreements.Length})")
                    .AddColumns("their model", "ours", "dimension", "ours $/1M", "theirs $/1M", "source of ours");
                foreach (var d in report.Disagreements)
                {
                    table.AddRow(Markup.Escape(d.Model), Markup.Escape(d.Matched), d.Dimension, d.Ours.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        d.Theirs.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(d.Source));
                }

                c.Write(table);
            }

            if (!report.Context.IsEmpty)
            {
                var table = new Table().Border(TableBorder.Simple).Title($"context windows that differ ({report.Context.Length})").AddColumns("their model", "ours", "our window", "their window");
                foreach (var x in report.Context)
                {
                    table.AddRow(Markup.Escape(x.Model), Markup.Escape(x.Matched), x.Ours.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), x.Theirs.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
                }

                c.Write(table);
            }

            if (!report.Unmatched.IsEmpty)
            {
                c.MarkupLine($"unmatched: {Markup.Escape(string.Join(", ", report.Unmatched.Take(50)))}{(report.Unmatched.Length > 50 ? ", … (all with --json)" : "")}");
            }

            return ExitCodes.Ok;
        });
        return cmd;
    }
}
