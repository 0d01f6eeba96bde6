using System.CommandLine;
using InferCost.Cli.Commands;
using InferCost.Errors;

namespace InferCost.Cli;

/// <summary>Builds the <c>infercost</c> command tree and runs it with error handling and exit codes.</summary>
public static class CliApp
{
    /// <summary>Builds the root command with every command group registered; commands write to <paramref name="context"/>.</summary>
    public static RootCommand Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = new RootCommand("InferCost: what will inference cost, and will our prices hold?");
        root.Options.Add(CommonOptions.Json);
        root.Options.Add(CommonOptions.CatalogOverlay);
        // Each group adds its own commands; one file per group under Commands/.
        PricingCommands.AddTo(root, context);
        ServingCommands.AddTo(root, context);
        BusinessCommands.AddTo(root, context);
        SimulationCommands.AddTo(root, context);
        UsageCommands.AddTo(root, context);
        root.Subcommands.Add(ServeCommand.Create(context));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>, writing to the given writers.</summary>
    /// <returns>0 ok, 1 user error, 2 internal error.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var context = new CliContext(stdout, stderr);
        var root = Build(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"error: {error.Message}");
            }

            return ExitCodes.UserError;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (InferCostException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return ExitCodes.UserError;
        }
        catch (Exception ex)
        {
            stderr.WriteLine($"internal error: {ex}");
            return ExitCodes.InternalError;
        }
    }
}
