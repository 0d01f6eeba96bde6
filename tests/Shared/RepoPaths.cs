namespace InferCost.Testing;

/// <summary>Paths inside the repository, found from the test binary's folder; tests read nothing outside it.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The genai-prices data.json snapshot (MIT, © Pydantic Services Inc.) kept in tests/Fixtures/genai-prices with its
    /// licence and source: the data the pinned npm peer bundles.
    /// </summary>
    public static string GenAiPricesData => Path.Combine(Root, "tests", "Fixtures", "genai-prices", "data.json");

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
