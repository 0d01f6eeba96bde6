using InferCost.Errors;

namespace InferCost.Data;

/// <summary>Reads the catalog files embedded in this assembly (resource names <c>catalog/&lt;file name&gt;</c>).</summary>
internal static class BuiltInResources
{
    public static StreamReader Open(string name) => new(OpenStream(name));

    public static byte[] ReadAllBytes(string name)
    {
        using var stream = OpenStream(name);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static Stream OpenStream(string name)
        => typeof(BuiltInResources).Assembly.GetManifestResourceStream(name)
            ?? throw new InferCostException($"built-in {name} is missing from the InferCost.Data assembly");
}
