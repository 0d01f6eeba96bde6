namespace InferCost.Cli;

/// <summary>Exit codes every <c>infercost</c> command keeps to.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>Bad input: a flag, a file, a value. The message says what and where.</summary>
    public const int UserError = 1;

    /// <summary>A bug or an environment failure inside InferCost.</summary>
    public const int InternalError = 2;
}
