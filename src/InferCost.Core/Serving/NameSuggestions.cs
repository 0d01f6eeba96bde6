namespace InferCost.Serving;

/// <summary>Finds the known names closest to a mistyped one (edit distance, then shared prefix).</summary>
internal static class NameSuggestions
{
    public static IReadOnlyList<string> Closest(string wanted, IEnumerable<string> known, int count = 3)
    {
        var target = wanted.ToUpperInvariant();
        return known
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(name => (Name: name, Distance: Distance(target, name.ToUpperInvariant()), Contains: name.Contains(wanted, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(x => x.Contains ? 0 : 1)
            .ThenBy(x => x.Distance)
            .ThenBy(x => x.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Name)
            .ToList();
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
