using System.CommandLine;

namespace InferCost.Cli;

/// <summary>Options every command understands.</summary>
public static class CommonOptions
{
    /// <summary><c>--json</c>: write one JSON document (snake_case fields) instead of tables.</summary>
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Write JSON (snake_case fields) instead of tables",
        Recursive = true,
    };

    /// <summary><c>--catalog-overlay FILE</c>: extra or negotiated prices on top of the built-in catalog.</summary>
    public static readonly Option<FileInfo[]> CatalogOverlay = new("--catalog-overlay")
    {
        Description = "Overlay YAML file(s) with your own or negotiated prices, applied after the built-in catalog",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>
    /// <c>--catalog-max-age DAYS</c>: how old the catalog in use may be before pricing commands warn (default 30, or
    /// <c>$INFERCOST_CATALOG_MAX_AGE_DAYS</c>).
    /// </summary>
    public static readonly Option<int?> CatalogMaxAge = new("--catalog-max-age")
    {
        Description = "Warn when the catalog in use is older than this many days (default 30; env INFERCOST_CATALOG_MAX_AGE_DAYS)",
        Recursive = true,
    };

    /// <summary><c>--strict-model</c>: refuse model ids that match only by pattern or provider fallback.</summary>
    public static Option<bool> StrictModel() => new("--strict-model")
    {
        Description = "Accept only exact catalog ids and declared aliases; refuse prefix/pattern and provider-fallback matches",
    };
}
