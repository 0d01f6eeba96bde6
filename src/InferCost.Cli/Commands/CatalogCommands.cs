using System.CommandLine;
using System.Globalization;
using InferCost.Application.Catalogs;
using InferCost.Application.Json;
using InferCost.Cli.Rendering;
using InferCost.Data.Catalog;
using InferCost.Pricing;
using Spectre.Console;

namespace InferCost.Cli.Commands;

/// <summary><c>infercost catalog …</c>: where prices come from, and importing a newer genai-prices snapshot.</summary>
internal static class CatalogCommands
{
    public static Command Create(CliContext ctx)
    {
        var cmd = new Command("catalog", "The price catalog: its sources, and updating it from a newer genai-prices snapshot");
        cmd.Subcommands.Add(Info(ctx));
        cmd.Subcommands.Add(Update(ctx));
        return cmd;
    }

    private static Command Info(CliContext ctx)
    {
        var cmd = new Command("info", "Counts and attribution of the catalog in use");
        cmd.SetAction(pr =>
        {
            var info = new CatalogService(CliCatalog.Source(pr)).Info();
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
        var from = new Option<FileInfo>("--from") { Description = "A genai-prices data.json (v2 format) or an InferCost catalog file", Required = true };
        var output = new Option<FileInfo?>("--out") { Description = "Write the converted catalog here instead of the user's data folder" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and show the changes without saving" };
        var cmd = new Command("update", "Import a newer genai-prices snapshot: validate it, show what changed, save InferCost's conversion") { from, output, dryRun };
        cmd.SetAction(pr =>
        {
            var source = pr.GetValue(from)!;
            var fresh = CatalogLoader.ReadFile(source.FullName);
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(source.FullName)))[..16];
            var attribution = new CatalogAttribution(
                "genai-prices",
                "https://github.com/pydantic/genai-prices (prices/data.json, as bundled in @pydantic/genai-prices)",
                "MIT License, Copyright (c) 2025 Pydantic Services Inc. Converted to InferCost's format; descriptions omitted.",
                $"sha256:{hash}, imported {DateTime.UtcNow:yyyy-MM-dd}");
            fresh = new PriceCatalog(fresh.Providers, fresh.Attributions.Any(a => a.Name == "genai-prices" && a.Version.StartsWith("sha256", StringComparison.Ordinal)) ? fresh.Attributions : [attribution]);
            var problems = fresh.AllModels
                .SelectMany(m => m.Model.Versions.Where(v => v.Rates.Problem is not null).Select(v => $"{m.QualifiedId}: {v.Rates.Problem}"))
                .ToList();
            var current = CatalogLoader.LoadBase();
            var diff = CatalogDiff.Between(current, fresh, DateTimeOffset.UtcNow);
            var target = pr.GetValue(output)?.FullName ?? CatalogLoader.UpdatedBasePath;
            if (!pr.GetValue(dryRun))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var temp = target + ".tmp";
                File.WriteAllBytes(temp, CatalogJsonWriter.Write(fresh));
                File.Move(temp, target, overwrite: true);
            }

            var summary = new
            {
                providers = fresh.Providers.Length,
                models = fresh.AllModels.Count(),
                added = diff.Added,
                removed = diff.Removed,
                price_changes = diff.Changed.Select(c => new { model = c.Model, price_key = c.PriceKey, before = c.Before?.ToString(), after = c.After?.ToString() }),
                unpriceable = problems,
                saved_to = pr.GetValue(dryRun) ? null : target,
            };
            if (pr.GetValue(CommonOptions.Json))
            {
                ctx.WriteJson(summary);
                return ExitCodes.Ok;
            }

            var c = ctx.Console;
            c.MarkupLine($"[bold]{summary.providers}[/] providers, [bold]{summary.models:N0}[/] models in {Markup.Escape(source.Name)}");
            c.MarkupLine($"added {diff.Added.Length}, removed {diff.Removed.Length}, price changes {diff.Changed.Length}");
            foreach (var a in diff.Added.Take(20)) c.MarkupLine($"  [green]+[/] {Markup.Escape(a)}");
            foreach (var r in diff.Removed.Take(20)) c.MarkupLine($"  [red]-[/] {Markup.Escape(r)}");
            foreach (var ch in diff.Changed.Take(40)) c.MarkupLine($"  [yellow]~[/] {Markup.Escape(ch.Model)} {ch.PriceKey}: {Markup.Escape(ch.Before?.ToString() ?? "—")} → {Markup.Escape(ch.After?.ToString() ?? "—")}");
            if (problems.Count > 0) c.MarkupLine($"[yellow]{problems.Count} price version(s) cannot price anything:[/] {Markup.Escape(string.Join("; ", problems.Take(5)))}");
            c.MarkupLine(pr.GetValue(dryRun) ? "[grey]dry run: nothing saved[/]" : $"saved to {Markup.Escape(target)}");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
