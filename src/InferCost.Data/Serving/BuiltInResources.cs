using InferCost.Errors;

namespace InferCost.Data.Serving;

/// <summary>Opens catalog files embedded in this assembly (<c>catalog/&lt;file name&gt;</c>).</summary>
internal static class BuiltInResources
{
    public static StreamReader Open(string name)
    {
        var stream = typeof(BuiltInResources).Assembly.GetManifestResourceStream(name)
            ?? throw new InferCostException($"built-in {name} is missing from the InferCost.Data assembly");
        return new StreamReader(stream);
    }
}
