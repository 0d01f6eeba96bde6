using System.Collections.Immutable;
using InferCost.Errors;
using InferCost.Pricing;

namespace InferCost.Data.Catalog;

/// <summary>What <c>infercost catalog update</c> did: the validated feed, what changed against the catalog in use, where it was saved.</summary>
/// <param name="Fresh">The converted feed.</param>
/// <param name="Diff">Models added and removed, prices changed, against the base in use before.</param>
/// <param name="Unpriceable">Price versions of the feed that cannot price anything (kept, but reported).</param>
/// <param name="Snapshot">The snapshot the feed became (its source, date and hash); its path is null on a dry run or with an explicit output file.</param>
/// <param name="Previous">The snapshot that was in use before.</param>
public sealed record CatalogUpdateResult(PriceCatalog Fresh, CatalogDiff Diff, ImmutableArray<string> Unpriceable, CatalogSnapshot Snapshot, CatalogSnapshot Previous);

/// <summary>Validates a genai-prices feed (or an InferCost catalog file), compares it with the catalog in use and stores it.</summary>
public static class CatalogUpdater
{
    /// <summary>
    /// Reads <paramref name="bytes"/> from <paramref name="source"/>, validates it, and unless <paramref name="dryRun"/>
    /// saves it: to <paramref name="outputFile"/> when given, else as the store's dated snapshot in use.
    /// </summary>
    /// <exception cref="InputFileException">The feed is not a valid genai-prices v2 array or InferCost catalog, or has no models.</exception>
    public static CatalogUpdateResult Update(CatalogStore store, byte[] bytes, string source, DateOnly today, bool dryRun = false, string? outputFile = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(bytes);
        var fresh = CatalogJsonReader.Read(bytes, source);
        if (!fresh.AllModels.Any())
        {
            throw new InputFileException(source, null, "$", "the feed lists no models; expected the genai-prices v2 data.json (an array of providers with models)");
        }

        var sha = CatalogStore.Hash(bytes);
        var attribution = new CatalogAttribution(
            "genai-prices",
            $"https://github.com/pydantic/genai-prices (read from {source})",
            "MIT License, Copyright (c) 2025 Pydantic Services Inc. Converted to InferCost's format; descriptions omitted.",
            $"sha256:{sha[..16]}, imported {today:yyyy-MM-dd}");
        var keepsOwn = fresh.Attributions.Any(a => a.Name == "genai-prices" && a.Version.StartsWith("sha256", StringComparison.Ordinal));
        fresh = new PriceCatalog(fresh.Providers, keepsOwn ? fresh.Attributions : [attribution]);
        var problems = fresh.AllModels
            .SelectMany(m => m.Model.Versions.Where(v => v.Rates.Problem is not null).Select(v => $"{m.QualifiedId}: {v.Rates.Problem}"))
            .ToImmutableArray();
        var previous = store.InUse();
        var diff = CatalogDiff.Between(CatalogLoader.LoadBase(store), fresh, today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var snapshot = new CatalogSnapshot(source, today, sha, null);
        if (!dryRun)
        {
            if (outputFile is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputFile))!);
                var temp = outputFile + ".tmp";
                File.WriteAllBytes(temp, CatalogJsonWriter.Write(fresh));
                File.Move(temp, outputFile, overwrite: true);
            }
            else
            {
                snapshot = store.Save(fresh, source, today, sha);
            }
        }

        return new CatalogUpdateResult(fresh, diff, problems, snapshot, previous);
    }
}
