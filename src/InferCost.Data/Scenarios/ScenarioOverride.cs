using InferCost.Errors;

namespace InferCost.Data.Scenarios;

/// <summary>A <c>--set path=value</c> override applied to a scenario file before it is read (e.g. <c>segments.pro.sessions.median=40</c>).</summary>
/// <param name="Path">The dotted path; list items by index.</param>
/// <param name="Value">The new scalar value, as YAML.</param>
public sealed record ScenarioOverride(string Path, string Value)
{
    /// <summary>Parses <c>path=value</c>.</summary>
    /// <exception cref="InferCostException">No <c>=</c> or an empty path.</exception>
    public static ScenarioOverride Parse(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new InferCostException($"--set expects path=value (e.g. segments.pro.sessions.median=40), got '{text}'");
        }

        return new ScenarioOverride(text[..eq].Trim(), text[(eq + 1)..].Trim());
    }
}
