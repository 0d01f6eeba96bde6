namespace InferCost.Serving;

/// <summary>What one streamed request to a server took.</summary>
/// <param name="TimeToFirstTokenMs">Milliseconds from sending the request to the first content token.</param>
/// <param name="InterTokenLatenciesMs">Milliseconds between successive content chunks.</param>
/// <param name="InputTokens">Prompt tokens the server reported (0 when it did not).</param>
/// <param name="OutputTokens">Generated tokens (the server's usage figure, else the chunks counted).</param>
/// <param name="DurationMs">Milliseconds from sending the request to the end of the stream.</param>
public sealed record BenchSample(
    double TimeToFirstTokenMs,
    IReadOnlyList<double> InterTokenLatenciesMs,
    int InputTokens,
    int OutputTokens,
    double DurationMs);
