namespace InferCost.Application.Tests.Fixtures;

/// <summary>A clock that always says the same instant, so results that depend on "now" are fixed.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static FixedClock Default { get; } = new(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => now;
}
