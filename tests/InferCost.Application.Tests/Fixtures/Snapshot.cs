using InferCost.Testing;

namespace InferCost.Application.Tests.Fixtures;

/// <summary>
/// Compares rendered output with a checked-in expected file under <c>tests/&lt;test project&gt;/Snapshots/</c>.
/// Set <c>INFERCOST_UPDATE_SNAPSHOTS=1</c> to (re)write the files from the current output, then review the diff.
/// </summary>
internal static class Snapshot
{
    public static string Folder { get; } = Path.Combine(RepoPaths.Root, "tests", typeof(Snapshot).Assembly.GetName().Name!, "Snapshots");

    public static void Match(string name, string actual)
    {
        var path = Path.Combine(Folder, name);
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("INFERCOST_UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"no snapshot {path}; run the tests with INFERCOST_UPDATE_SNAPSHOTS=1 to write it, then review it");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            File.WriteAllText(path + ".received", actual);
        }

        Assert.Equal(expected, actual);
    }
}
