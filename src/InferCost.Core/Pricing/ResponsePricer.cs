using System.Text.Json;

namespace InferCost.Pricing;

/// <summary>The result of pricing one response body or usage object: totals, or why it could not be priced.</summary>
/// <param name="Provider">The provider id (null on error).</param>
/// <param name="Model">The catalog model id (null on error).</param>
/// <param name="Totals">Input, output and total cost.</param>
/// <param name="Error">Why the line could not be priced, or null.</param>
public readonly record struct PricedResponse(string? Provider, string? Model, PriceTotals Totals, string? Error)
{
    /// <summary>Gets whether the line was priced.</summary>
    public bool Succeeded => Error is null;
}

/// <summary>
/// Prices raw API response bodies (or genai-prices usage objects) for one provider: extracts usage with the
/// provider's extractor for an API flavor, resolves the model (cached per id), and prices it exactly.
/// </summary>
/// <remarks>Not thread-safe (it caches model lookups); use one per thread.</remarks>
public sealed class ResponsePricer
{
    private readonly PriceCatalog _catalog;
    private readonly CatalogProvider _provider;
    private readonly UsageExtractor? _extractor;
    private readonly string? _modelOverride;
    private readonly DateTimeOffset _at;
    private readonly Dictionary<string, (ResolvedModel? Model, RateCard? Rates, string? Error)> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ResolvedModel? Model, RateCard? Rates, string? Error)>.AlternateLookup<ReadOnlySpan<char>> _modelsBySpan;
    private readonly FastUsageScanner? _scanner;
    private UsageBuilder _scratch;
    private byte[] _lastModel = [];
    private (ResolvedModel? Model, RateCard? Rates, string? Error) _lastEntry;

    /// <summary>Initializes a pricer.</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="providerId">The provider whose extractor and prices apply.</param>
    /// <param name="apiFlavor">The API flavor (default: the provider's <c>default</c>).</param>
    /// <param name="modelOverride">A model id to use instead of the one in each body.</param>
    /// <param name="at">The time whose prices apply.</param>
    /// <exception cref="UnknownModelException">The provider is unknown.</exception>
    /// <exception cref="PricingException">The provider has no extractor for the flavor.</exception>
    public ResponsePricer(PriceCatalog catalog, string providerId, string? apiFlavor, string? modelOverride, DateTimeOffset at)
    {
        _catalog = catalog;
        _provider = catalog.FindProvider(providerId: providerId)
            ?? throw new UnknownModelException($"Unknown provider '{providerId}'. Closest: {string.Join(", ", PriceCatalog.Nearest(providerId, catalog.Providers.Select(p => p.Id), 5))}", []);
        _extractor = _provider.Extractors.IsEmpty && apiFlavor is null ? null : _provider.ExtractorFor(apiFlavor);
        _modelOverride = modelOverride;
        _at = at;
        _modelsBySpan = _models.GetAlternateLookup<ReadOnlySpan<char>>();
        _scanner = _extractor is null ? null : FastUsageScanner.For(_extractor);
    }

    /// <summary>Prices one UTF-8 JSON document. Never throws for bad input: the error is in the result.</summary>
    public PricedResponse Price(ReadOnlyMemory<byte> utf8Json)
    {
        if (Utf8Validation.InvalidByteAt(utf8Json.Span) is { } badByte)
        {
            return Fail($"invalid UTF-8 at byte {badByte + 1}");
        }

        if (_scanner is not null && _scanner.TryScan(utf8Json.Span, ref _scratch, out var modelBytes) && (_modelOverride is not null || !modelBytes.IsEmpty))
        {
            var entry = _modelOverride is not null ? Lookup(_modelOverride) : LookupUtf8(modelBytes);
            if (entry.Error is not null)
            {
                return Fail(entry.Error);
            }

            try
            {
                var usage = _scratch.ToUsage();
                var totals = entry.Model!.Model.MinimumBilledAudioSeconds is null
                    ? entry.Rates!.CalculateTotals(usage)
                    : entry.Rates!.CalculateTotals(entry.Model.Model.ApplyBillingRules(usage));
                return new PricedResponse(entry.Model.Provider.Id, entry.Model.Model.Id, totals, null);
            }
            catch (PricingException ex)
            {
                return Fail(ex.Message);
            }
            catch (OverflowException)
            {
                return Fail(CostOutOfRange);
            }
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8Json);
        }
        catch (JsonException ex)
        {
            return Fail("invalid JSON: " + ex.Message);
        }

        using (doc)
        {
            return Price(doc.RootElement);
        }
    }

    /// <summary>Prices one parsed JSON value. Never throws for bad input: the error is in the result.</summary>
    public PricedResponse Price(JsonElement body)
    {
        try
        {
            string? model;
            Usage usage;
            if (body.ValueKind == JsonValueKind.Object && (_extractor is null || !HasRoot(body, _extractor)))
            {
                (model, usage) = ReadUsageObject(body);
            }
            else if (_extractor is not null)
            {
                (model, usage) = _extractor.Extract(body);
            }
            else
            {
                return Fail($"expected a JSON object, got {body.ValueKind.ToString().ToLowerInvariant()}");
            }

            var id = _modelOverride ?? model;
            if (id is null)
            {
                return Fail("no model in the body; pass --model");
            }

            var (resolved, rates, error) = Lookup(id);
            if (error is not null)
            {
                return Fail(error);
            }

            return new PricedResponse(resolved!.Provider.Id, resolved.Model.Id, rates!.CalculateTotals(resolved.Model.ApplyBillingRules(usage)), null);
        }
        catch (PricingException ex)
        {
            return Fail(ex.Message);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            return Fail(ex.Message.Split(Environment.NewLine)[0]);
        }
        catch (OverflowException)
        {
            return Fail(CostOutOfRange);
        }
        catch (InvalidOperationException) when (body.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            return Fail("invalid UTF-8 in a string"); // a document parsed from bytes that were not valid UTF-8
        }
    }

    private const string CostOutOfRange = "the cost is out of range (usage values are at most 10^12 per field)";

    private (ResolvedModel? Model, RateCard? Rates, string? Error) LookupUtf8(ReadOnlySpan<byte> id)
    {
        // Logs tend to repeat the same model line after line: compare bytes before decoding and hashing.
        if (id.SequenceEqual(_lastModel))
        {
            return _lastEntry;
        }

        Span<char> chars = stackalloc char[256];
        var entry = id.Length <= chars.Length && System.Text.Encoding.UTF8.TryGetChars(id, chars, out var written) && _modelsBySpan.TryGetValue(chars[..written], out var hit)
            ? hit
            : Lookup(System.Text.Encoding.UTF8.GetString(id));
        _lastModel = id.ToArray();
        _lastEntry = entry;
        return entry;
    }

    private (ResolvedModel? Model, RateCard? Rates, string? Error) Lookup(string id)
    {
        if (!_models.TryGetValue(id, out var entry))
        {
            try
            {
                var resolved = _catalog.Resolve(id, _provider.Id);
                entry = (resolved, resolved.Model.RatesAt(_at), null);
            }
            catch (UnknownModelException ex)
            {
                entry = (null, null, ex.Message);
            }

            _models[id] = entry;
        }

        return entry;
    }

    private static bool HasRoot(JsonElement body, UsageExtractor extractor)
        => extractor.Root[0] is PathStep.Property p && body.TryGetProperty(p.Name, out _);

    // A genai-prices usage object: {"input_tokens": 1000, "output_tokens": 50, "cache_read_tokens": 200, "model": "…"}.
    private static (string?, Usage) ReadUsageObject(JsonElement body)
    {
        string? model = null;
        var builder = default(UsageBuilder);
        foreach (var property in body.EnumerateObject())
        {
            if (property.NameEquals("model"u8))
            {
                model = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                continue;
            }

            if (!UsageUnits.TryGetByUsageKey(property.Name, out var unit))
            {
                throw new PricingException($"unknown usage key '{property.Name}' (expected input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, … or a provider response body)");
            }

            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (property.Value.ValueKind != JsonValueKind.Number)
            {
                throw new PricingException($"Expected `{property.Name}` value to be a number, got {property.Value.ValueKind.ToString().ToLowerInvariant()}");
            }

            var whole = UsageLimits.MustBeWhole(unit);
            if (!property.Value.TryGetDecimal(out var value) || !UsageLimits.IsValid(value, whole))
            {
                throw new PricingException(UsageLimits.Problem(property.Name, whole, property.Value.GetRawText()));
            }

            builder.Set(unit, value);
        }

        if (builder.IsEmpty)
        {
            throw new PricingException("no usage in the object");
        }

        return (model, builder.ToUsage());
    }

    private static PricedResponse Fail(string error) => new(null, null, default, error);
}
