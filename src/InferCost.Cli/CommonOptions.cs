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
}
