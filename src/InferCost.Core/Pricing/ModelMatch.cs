using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace InferCost.Pricing;

/// <summary>
/// A rule that says whether a model id (or provider id) names this entry: equals, starts with, ends with,
/// contains, regex (JavaScript semantics), or any/all of other rules. Comparisons ignore case.
/// </summary>
public abstract record ModelMatch
{
    private protected ModelMatch()
    {
    }

    /// <summary>Whether <paramref name="id"/> matches. Callers pass the id lower-cased and trimmed.</summary>
    public abstract bool IsMatch(string id);

    /// <summary>Matches an id equal to <paramref name="Value"/>.</summary>
    public sealed record EqualsClause(string Value) : ModelMatch
    {
        /// <inheritdoc/>
        public override bool IsMatch(string id) => id.Equals(Value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Matches an id starting with <paramref name="Value"/>.</summary>
    public sealed record StartsWithClause(string Value) : ModelMatch
    {
        /// <inheritdoc/>
        public override bool IsMatch(string id) => id.StartsWith(Value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Matches an id ending with <paramref name="Value"/>.</summary>
    public sealed record EndsWithClause(string Value) : ModelMatch
    {
        /// <inheritdoc/>
        public override bool IsMatch(string id) => id.EndsWith(Value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Matches an id containing <paramref name="Value"/>.</summary>
    public sealed record ContainsClause(string Value) : ModelMatch
    {
        /// <inheritdoc/>
        public override bool IsMatch(string id) => id.Contains(Value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Matches an id the regular expression finds a match in (ECMAScript semantics: <c>\d</c> is ASCII).</summary>
    public sealed record RegexClause : ModelMatch
    {
        private readonly Regex _regex;

        /// <summary>Initializes a new regex clause.</summary>
        /// <exception cref="ArgumentException">The pattern is not a valid regular expression.</exception>
        public RegexClause(string pattern)
        {
            Pattern = pattern;
            try
            {
                _regex = new Regex(pattern, RegexOptions.ECMAScript, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException)
            {
                // Lookarounds and other constructs ECMAScript mode rejects: fall back to the standard engine with ASCII digits.
                _regex = new Regex(pattern.Replace(@"\d", "[0-9]", StringComparison.Ordinal), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
        }

        /// <summary>Gets the pattern.</summary>
        public string Pattern { get; }

        /// <inheritdoc/>
        public override bool IsMatch(string id) => _regex.IsMatch(id);

        /// <inheritdoc/>
        public bool Equals(RegexClause? other) => other is not null && other.Pattern == Pattern;

        /// <inheritdoc/>
        public override int GetHashCode() => Pattern.GetHashCode(StringComparison.Ordinal);
    }

    /// <summary>Matches when any clause matches.</summary>
    public sealed record AnyClause(ImmutableArray<ModelMatch> Clauses) : ModelMatch
    {
        /// <inheritdoc/>
        public override bool IsMatch(string id)
        {
            foreach (var clause in Clauses)
            {
                if (clause.IsMatch(id))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Matches when every clause matches.</summary>
    public sealed record AllClause(ImmutableArray<ModelMatch> Clauses) : ModelMatch
    {
        /// <inheritdoc/>
        public override bool IsMatch(string id)
        {
            foreach (var clause in Clauses)
            {
                if (!clause.IsMatch(id))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
