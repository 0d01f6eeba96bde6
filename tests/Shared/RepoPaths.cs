namespace InferCost.Testing;

/// <summary>Paths of the repository and the shared reference data, found from the test binary's folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The genai-prices data.json copy in ../shared/reference (read, never shipped); $INFERCOST_REFERENCE_DIR
    /// points elsewhere when the checkout does not sit beside shared/.
    /// </summary>
    public static string GenAiPricesData => Path.Combine(
        Environment.GetEnvironmentVariable("INFERCOST_REFERENCE_DIR") is { Length: > 0 } dir ? dir : Path.GetFullPath(Path.Combine(Root, "..", "shared", "reference")),
        "genai-prices",
        "data.json");

    public static string Tools => Path.Combine(Root, "tools", "peer");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "InferCost.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("InferCost.slnx not found above " + AppContext.BaseDirectory);
    }
}
