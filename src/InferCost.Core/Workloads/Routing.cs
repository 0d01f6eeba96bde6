using System.Collections.Immutable;

namespace InferCost.Workloads;

/// <summary>Which model serves a call: one model, a split by share, or a cascade that escalates some calls.</summary>
public abstract record Routing
{
    private protected Routing()
    {
    }

    /// <summary>Gets every model alias the rule refers to.</summary>
    public abstract IEnumerable<string> Aliases { get; }

    /// <summary>Every call goes to one model.</summary>
    /// <param name="Alias">The model alias.</param>
    public sealed record Single(string Alias) : Routing
    {
        /// <inheritdoc/>
        public override IEnumerable<string> Aliases => [Alias];
    }

    /// <summary>Sessions are split between models by share (shares sum to 1).</summary>
    /// <param name="Shares">The models and their shares.</param>
    public sealed record Split(ImmutableArray<RouteShare> Shares) : Routing
    {
        /// <inheritdoc/>
        public override IEnumerable<string> Aliases => Shares.Select(s => s.Alias);

        /// <inheritdoc/>
        public bool Equals(Split? other) => other is not null && Shares.SequenceEqual(other.Shares);

        /// <inheritdoc/>
        public override int GetHashCode() => Shares.Length;
    }

    /// <summary>Every call goes to a cheap model first; a share of calls is escalated and re-run on a strong model.</summary>
    /// <param name="First">The cheap model alias.</param>
    /// <param name="EscalateTo">The strong model alias.</param>
    /// <param name="EscalateShare">The share of calls escalated (0–1); escalated calls are paid on both models.</param>
    public sealed record Cascade(string First, string EscalateTo, double EscalateShare) : Routing
    {
        /// <inheritdoc/>
        public override IEnumerable<string> Aliases => [First, EscalateTo];
    }
}

/// <summary>A model alias and its share of sessions.</summary>
/// <param name="Alias">The model alias.</param>
/// <param name="Share">Its share (0–1).</param>
public readonly record struct RouteShare(string Alias, double Share);
