using System.Text;
using System.Text.Json;

namespace InferCost.Pricing;

/// <summary>
/// Reads usage from one response body with a provider's <see cref="UsageExtractor"/>: the allocation-free scan when
/// the extractor allows it, else the full extractor. The one definition of "usage in a body" that both
/// <c>price</c> and <c>usage import</c> use.
/// </summary>
/// <remarks>Not thread-safe (it reuses a builder); use one per reader.</remarks>
public sealed class BodyUsageReader
{
    private readonly FastUsageScanner? _scanner;
    private UsageBuilder _scratch;

    /// <summary>Initializes a reader for <paramref name="extractor"/>.</summary>
    public BodyUsageReader(UsageExtractor extractor)
    {
        Extractor = extractor ?? throw new ArgumentNullException(nameof(extractor));
        _scanner = FastUsageScanner.For(extractor);
    }

    /// <summary>Gets the extractor.</summary>
    public UsageExtractor Extractor { get; }

    /// <summary>Reads the usage and model of <paramref name="body"/>; <see langword="false"/> with the extractor's error when it cannot.</summary>
    public bool TryRead(ReadOnlySpan<byte> body, out Usage usage, out string? model, out string? error)
    {
        error = null;
        if (_scanner is not null && _scanner.TryScan(body, ref _scratch, out var modelBytes))
        {
            usage = _scratch.ToUsage();
            model = modelBytes.IsEmpty ? null : Encoding.UTF8.GetString(modelBytes);
            return true;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            (model, usage) = Extractor.Extract(doc.RootElement);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or PricingException)
        {
            (usage, model, error) = (default, null, ex.Message);
            return false;
        }
    }
}
