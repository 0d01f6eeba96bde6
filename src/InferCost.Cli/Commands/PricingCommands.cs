using System.CommandLine;

namespace InferCost.Cli.Commands;

/// <summary>Catalog and pricing commands: models, model, quote, compare, price, catalog.</summary>
internal static class PricingCommands
{
    public static void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
    }
}
