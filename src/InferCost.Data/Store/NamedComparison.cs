namespace InferCost.Data.Store;

/// <summary>
/// A comparison saved under a name: the models and the volume the <c>/compare</c> page prices (its inputs).
/// </summary>
/// <param name="Name">The name (the key: saving again under it replaces it).</param>
/// <param name="Models">The models, in the order given.</param>
/// <param name="Shape"><c>volume</c> (the tokens are totals) or <c>request</c> (one request's tokens, times the requests).</param>
/// <param name="Input">Input tokens.</param>
/// <param name="Output">Output tokens.</param>
/// <param name="Cached">Cached input tokens.</param>
/// <param name="Requests">Requests, or null.</param>
/// <param name="Batch">Whether the batch discount applies.</param>
/// <param name="UpdatedAt">When it was last saved (UTC).</param>
public sealed record NamedComparison(string Name, IReadOnlyList<string> Models, string Shape, long Input, long Output, long Cached, long? Requests, bool Batch, DateTimeOffset UpdatedAt);
