namespace InferCost.Cli;

/// <summary>The <c>infercost</c> entry point.</summary>
public static class Program
{
    /// <summary>Runs the command line; exit code 0 ok, 1 user error, 2 internal error.</summary>
    public static int Main(string[] args) => CliApp.Run(args, Console.Out, Console.Error);
}
