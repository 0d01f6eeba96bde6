using System.Text.RegularExpressions;

namespace InferCost.UsageAnalytics;

/// <summary>Model names as logs write them: dated versions (<c>gpt-4o-2024-08-06</c>, <c>claude-3-5-sonnet-20241022</c>, <c>gemini-…@001</c>) of one model.</summary>
public static partial class ModelNames
{
    /// <summary>The model a dated version belongs to: the name without a trailing date (<c>-YYYY-MM-DD</c>, <c>-YYYYMMDD</c>) or Vertex <c>@version</c>.</summary>
    public static string Family(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var at = model.IndexOf('@', StringComparison.Ordinal);
        var name = at > 0 ? model[..at] : model;
        return DatedSuffix().Replace(name, string.Empty);
    }

    /// <summary>Whether <paramref name="logged"/> is <paramref name="model"/> or one of its dated versions (a provider prefix on either is ignored).</summary>
    public static bool SameModel(string logged, string model)
    {
        ArgumentNullException.ThrowIfNull(logged);
        ArgumentNullException.ThrowIfNull(model);
        return string.Equals(Family(Bare(logged)), Family(Bare(model)), StringComparison.OrdinalIgnoreCase);
    }

    private static string Bare(string model) => model.LastIndexOf('/') is var slash and >= 0 ? model[(slash + 1)..] : model;

    [GeneratedRegex(@"-(\d{4}-\d{2}-\d{2}|\d{8})$")]
    private static partial Regex DatedSuffix();
}
