using System.Collections.Immutable;
using InferCost.Errors;
using InferCost.Pricing;
using InferCost.UsageAnalytics;

namespace InferCost.Data.UsageLogs;

/// <summary>
/// What a reader falls back on when a record lacks something: a time (<c>--at</c>, else the file's modification
/// time), a model (<c>--model</c>), and names to translate (deployment or alias → catalog model, <c>--model-map</c>).
/// </summary>
public sealed record UsageReadOptions
{
    /// <summary>Gets options with no fallbacks (records without a time or model are rejected).</summary>
    public static UsageReadOptions None { get; } = new();

    /// <summary>Gets the time given to records that carry none.</summary>
    public DateTimeOffset? DefaultTime { get; init; }

    /// <summary>Gets where <see cref="DefaultTime"/> came from.</summary>
    public TimeSource DefaultTimeSource { get; init; } = TimeSource.Given;

    /// <summary>Gets the model given to records that name none.</summary>
    public string? DefaultModel { get; init; }

    /// <summary>Gets logged model names (deployments, aliases) and the catalog model each stands for.</summary>
    public ImmutableDictionary<string, string> ModelMap { get; init; } = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Gets the catalog whose per-provider extractors read usage from response bodies (the same code
    /// <c>infercost price</c> uses), or <see langword="null"/> to read the counts with the log format's own field table.
    /// </summary>
    public PriceCatalog? Catalog { get; init; }

    /// <summary>The catalog model a logged name stands for (the name itself unless mapped).</summary>
    public string MapModel(string model) => ModelMap.Count > 0 && ModelMap.TryGetValue(model, out var mapped) ? mapped : model;

    /// <summary>Parses <c>alias=model</c> pairs (repeatable or comma-separated), e.g. <c>my-gpt4o-deployment=gpt-4o</c>.</summary>
    /// <exception cref="InferCostException">A pair is malformed.</exception>
    public static ImmutableDictionary<string, string> ParseModelMap(IEnumerable<string> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var map = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in pairs.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == pair.Length - 1)
            {
                throw new InferCostException($"--model-map: expected alias=model (e.g. my-gpt4o-deployment=gpt-4o), got '{pair}'");
            }

            map[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }

        return map.ToImmutable();
    }
}
