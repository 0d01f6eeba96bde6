using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace InferCost.Pricing;

/// <summary>Where a catalog's data came from (shipped with the data, shown by <c>infercost catalog</c>).</summary>
/// <param name="Name">The data set, e.g. "genai-prices".</param>
/// <param name="Source">Where it came from.</param>
/// <param name="License">Its licence and copyright line.</param>
/// <param name="Version">The snapshot's version or hash.</param>
public sealed record CatalogAttribution(string Name, string Source, string License, string Version);

/// <summary>A model resolved in the catalog: the provider that prices it and its entry.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="Model">The model.</param>
public sealed record ResolvedModel(CatalogProvider Provider, CatalogModel Model)
{
    /// <summary>Gets how the requested id was matched (exact unless the resolution says otherwise).</summary>
    public MatchKind Match { get; init; } = MatchKind.Exact;

    /// <summary>Gets the id that was asked for, when it differs from <see cref="CatalogModel.Id"/> (trimmed, as given).</summary>
    public string? RequestedId { get; init; }

    /// <summary>
    /// Gets a sentence naming the model actually used when the id was priced through a guess (pattern or provider
    /// fallback), else <see langword="null"/>.
    /// </summary>
    public string? GuessWarning => Match.IsGuess()
        ? $"'{RequestedId}' is not a catalog id; priced as {QualifiedId} ({Match.Describe()}). Use the exact id, or --strict-model to refuse guesses."
        : null;

    /// <summary>Gets the facts that apply: the provider's, overridden by the model's.</summary>
    public ModelFacts Facts => Provider.Facts.With(Model.Facts);

    /// <summary>Gets <c>provider/model</c>.</summary>
    public string QualifiedId => Provider.Id + "/" + Model.Id;
}

/// <summary>
/// The price catalog: providers and their models with dated rate cards. Finds the provider and model for a
/// model id exactly as genai-prices does (provider id or match, model match, fallbacks, date normalisation).
/// </summary>
public sealed partial class PriceCatalog
{
    private readonly FrozenDictionary<string, CatalogProvider> _byId;

    // The catalog is immutable, so resolutions can be memoised: (provider or "", model id) → result.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Provider, string Model), ResolvedModel?> _resolved = new();

    /// <summary>Initializes a new catalog.</summary>
    public PriceCatalog(IEnumerable<CatalogProvider> providers, IEnumerable<CatalogAttribution>? attributions = null)
    {
        Providers = [.. providers];
        Attributions = [.. attributions ?? []];
        _byId = Providers.ToFrozenDictionary(p => p.Id, StringComparer.Ordinal);
    }

    /// <summary>Gets the providers, in source order.</summary>
    public ImmutableArray<CatalogProvider> Providers { get; }

    /// <summary>Gets where the data came from.</summary>
    public ImmutableArray<CatalogAttribution> Attributions { get; }

    /// <summary>Gets every (provider, model) pair.</summary>
    public IEnumerable<ResolvedModel> AllModels => Providers.SelectMany(p => p.Models.Select(m => new ResolvedModel(p, m)));

    /// <summary>The provider with this id, or <see langword="null"/>.</summary>
    public CatalogProvider? GetProvider(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// Finds a provider: by id or provider-match rule when <paramref name="providerId"/> is given, else by API URL,
    /// else the first provider whose model-match rule matches <paramref name="modelId"/>.
    /// </summary>
    public CatalogProvider? FindProvider(string? providerId = null, string? modelId = null, string? apiUrl = null)
    {
        if (providerId is not null)
        {
            var id = providerId.Trim().ToLowerInvariant();
            var found = _byId.GetValueOrDefault(id) ?? Providers.FirstOrDefault(p => p.ProviderMatch?.IsMatch(id) == true);
            if (found is not null || id != "litellm")
            {
                return found;
            }
        }

        if (apiUrl is not null)
        {
            return Providers.FirstOrDefault(p => p.ApiPattern is { } pattern && Regex.IsMatch(apiUrl, "^(?:" + pattern + ")", RegexOptions.None, TimeSpan.FromSeconds(1)));
        }

        if (modelId is not null)
        {
            var id = modelId.Trim().ToLowerInvariant();
            return Providers.FirstOrDefault(p => p.ModelMatch?.IsMatch(id) == true);
        }

        return null;
    }

    /// <summary>Finds a model within a provider (then its fallback providers, then with <c>-YYYYMMDD</c> read as a date).</summary>
    public CatalogModel? FindModel(CatalogProvider provider, string modelId, out CatalogProvider pricedBy)
        => FindModel(provider, modelId, out pricedBy, out _);

    /// <summary>
    /// Finds a model within a provider (then its fallback providers, then with <c>-YYYYMMDD</c> read as a date), and
    /// says how the id matched.
    /// </summary>
    public CatalogModel? FindModel(CatalogProvider provider, string modelId, out CatalogProvider pricedBy, out MatchKind kind)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(modelId);
        var id = modelId.Trim().ToLowerInvariant();
        var found = FindModelWithFallbacks(provider, id, out pricedBy, out kind, useFallbacks: true);
        if (found is not null)
        {
            return found;
        }

        var normalized = CompactDate().Replace(id, m =>
            DateOnly.TryParseExact(m.Groups[2].Value + m.Groups[3].Value + m.Groups[4].Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? $"-{m.Groups[2].Value}-{m.Groups[3].Value}-{m.Groups[4].Value}"
                : m.Value);
        if (normalized == id)
        {
            return null;
        }

        found = FindModelWithFallbacks(provider, normalized, out pricedBy, out kind, useFallbacks: true);
        kind = kind == MatchKind.Exact ? MatchKind.Alias : kind;
        return found;
    }

    /// <summary>
    /// Resolves a model id (and optional provider) as genai-prices does, including <c>litellm</c>'s
    /// <c>provider/model</c> ids; <see langword="null"/> when nothing matches.
    /// </summary>
    public ResolvedModel? TryResolve(string modelId, string? providerId = null)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        var key = (providerId ?? string.Empty, modelId);
        if (_resolved.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var result = ResolveUncached(modelId, providerId);
        if (_resolved.Count < 100_000)
        {
            _resolved[key] = result;
        }

        return result;
    }

    private ResolvedModel? ResolveUncached(string modelId, string? providerId)
    {
        var id = modelId.Trim().ToLowerInvariant();
        var pid = providerId;
        if (pid is not null && pid.Equals("litellm", StringComparison.OrdinalIgnoreCase) && id.Contains('/', StringComparison.Ordinal))
        {
            var slash = id.IndexOf('/', StringComparison.Ordinal);
            var (prefix, rest) = (id[..slash], id[(slash + 1)..]);
            if (prefix.Length > 0 && rest.Length > 0 && FindProvider(providerId: prefix) is not null)
            {
                (pid, id) = (prefix, rest);
            }
        }

        var provider = FindProvider(providerId: pid, modelId: id);
        if (provider is null)
        {
            return null;
        }

        var model = FindModel(provider, id, out _, out var kind);
        return model is null ? null : new ResolvedModel(provider, model) { Match = kind, RequestedId = modelId.Trim() };
    }

    /// <summary>
    /// Resolves a model id or fails with the closest ids. Unlike <see cref="TryResolve"/> (genai-prices' own
    /// semantics), a pattern match is refused when the id names a different variant of the entry it starts with
    /// (<c>gemini-3.8-flash-lite</c> is not <c>gemini-3.8-flash</c>); see <see cref="NamesAnotherVariant"/>.
    /// With <paramref name="strict"/>, anything but an exact id or a declared alias is refused.
    /// </summary>
    /// <exception cref="UnknownModelException">Nothing matches (or, when strict, only a guess does).</exception>
    public ResolvedModel Resolve(string modelId, string? providerId = null, bool strict = false)
    {
        var resolved = ResolveGuarded(modelId, providerId);
        if (strict && resolved.Match.IsGuess())
        {
            var nearest = Nearest(modelId, AllModels.Select(x => x.Model.Id).Distinct(), 5);
            throw new UnknownModelException(
                $"'{modelId}' is not an exact catalog id or declared alias (it would be priced as {resolved.QualifiedId} by {resolved.Match.Describe()}); --strict-model refuses guesses. Closest: {string.Join(", ", nearest)}",
                nearest);
        }

        return resolved;
    }

    /// <summary>
    /// Whether <paramref name="requestedId"/> extends <paramref name="modelId"/> with a segment that names another
    /// model rather than a version: after the shared prefix comes a separator and a word that is not a date, number,
    /// version (<c>v2</c>) or release tag (<c>latest</c>, <c>preview</c>, <c>exp</c>, <c>beta</c>…), e.g.
    /// <c>-lite</c>, <c>-mini</c>, or no separator at all (<c>gpt-5.40</c>).
    /// </summary>
    public static bool NamesAnotherVariant(string requestedId, string modelId)
    {
        ArgumentNullException.ThrowIfNull(requestedId);
        ArgumentNullException.ThrowIfNull(modelId);
        var id = requestedId.Trim();
        if (!id.StartsWith(modelId, StringComparison.OrdinalIgnoreCase) || id.Length == modelId.Length)
        {
            return false;
        }

        var rest = id[modelId.Length..];
        var separator = rest[0];
        if (separator is ':' or '@')
        {
            return false; // a deployment or revision suffix (Bedrock ":0", Vertex "@001")
        }

        if (separator is not ('-' or '_' or '.' or '/'))
        {
            return true;
        }

        var segment = rest[1..].Split('-', '_', '.', '/', ':', '@')[0].ToLowerInvariant();
        if (segment.Length == 0 || char.IsAsciiDigit(segment[0]) || (segment.Length > 1 && segment[0] == 'v' && char.IsAsciiDigit(segment[1])))
        {
            return false;
        }

        return segment is not ("latest" or "preview" or "exp" or "experimental" or "beta" or "stable" or "instruct" or "chat" or "it");
    }

    private ResolvedModel ResolveGuarded(string modelId, string? providerId)
    {
        if (providerId is not null && FindProvider(providerId: providerId) is null && !providerId.Equals("litellm", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnknownModelException($"Unknown provider '{providerId}'. Closest: {string.Join(", ", Nearest(providerId, Providers.Select(p => p.Id), 5))}", []);
        }

        if (TryResolve(modelId, providerId) is { } resolved && !(resolved.Match.IsGuess() && NamesAnotherVariant(modelId, resolved.Model.Id)))
        {
            return resolved;
        }

        // Not found where genai-prices looks: try a provider-qualified id ("openai/gpt-5.4") and then every provider.
        if (providerId is null)
        {
            var slash = modelId.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && GetProvider(modelId[..slash].ToLowerInvariant()) is { } p && FindModel(p, modelId[(slash + 1)..], out var by, out var kind) is { } m
                && !(kind.IsGuess() && NamesAnotherVariant(modelId[(slash + 1)..], m.Id)))
            {
                return new ResolvedModel(by, m) { Match = kind, RequestedId = modelId.Trim() };
            }

            foreach (var provider in Providers)
            {
                if (provider.Models.FirstOrDefault(x => x.Id.Equals(modelId.Trim(), StringComparison.OrdinalIgnoreCase)) is { } exact)
                {
                    return new ResolvedModel(provider, exact) { RequestedId = modelId.Trim() };
                }
            }
        }

        var candidates = providerId is not null && FindProvider(providerId: providerId) is { } pp
            ? pp.Models.Select(x => x.Id)
            : AllModels.Select(x => x.Model.Id).Distinct();
        var nearest = Nearest(modelId, candidates, 5);
        var where = providerId is null ? string.Empty : $" at provider '{providerId}'";
        throw new UnknownModelException($"Unknown model '{modelId}'{where}. Closest: {string.Join(", ", nearest)}", nearest);
    }

    /// <summary>The <paramref name="count"/> ids closest to <paramref name="id"/> (edit distance, prefix matches first).</summary>
    public static ImmutableArray<string> Nearest(string id, IEnumerable<string> candidates, int count)
    {
        var needle = id.Trim().ToLowerInvariant();
        return [.. candidates
            .Distinct(StringComparer.Ordinal)
            .Select(c => (Id: c, Score: Distance(needle, c.ToLowerInvariant()) - (c.Contains(needle, StringComparison.OrdinalIgnoreCase) ? 100 : 0)))
            .OrderBy(x => x.Score)
            .ThenBy(x => x.Id, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Id)];
    }

    private CatalogModel? FindModelWithFallbacks(CatalogProvider provider, string id, out CatalogProvider pricedBy, out MatchKind kind, bool useFallbacks)
    {
        if (!provider.Aliases.IsEmpty && provider.Aliases.TryGetValue(id, out var target) && provider.Models.FirstOrDefault(m => m.Id == target) is { } aliased)
        {
            (pricedBy, kind) = (provider, MatchKind.Alias);
            return aliased;
        }

        foreach (var model in provider.Models)
        {
            if (model.Match.IsMatch(id))
            {
                pricedBy = provider;
                kind = id.Equals(model.Id, StringComparison.OrdinalIgnoreCase) ? MatchKind.Exact
                    : DeclaresEquals(model.Match, id) ? MatchKind.Alias
                    : MatchKind.Pattern;
                return model;
            }
        }

        if (useFallbacks)
        {
            foreach (var fallbackId in provider.FallbackModelProviders)
            {
                if (_byId.GetValueOrDefault(fallbackId) is { } fallback && FindModelWithFallbacks(fallback, id, out pricedBy, out _, useFallbacks: false) is { } m)
                {
                    kind = MatchKind.ProviderFallback;
                    return m;
                }
            }
        }

        (pricedBy, kind) = (provider, MatchKind.Exact);
        return null;
    }

    // Whether the rule names the id in an equals clause (directly or inside an "or").
    private static bool DeclaresEquals(ModelMatch match, string id) => match switch
    {
        ModelMatch.EqualsClause e => e.IsMatch(id),
        ModelMatch.AnyClause any => any.Clauses.Any(c => DeclaresEquals(c, id)),
        _ => false,
    };

    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }

    [GeneratedRegex("(-)(20[0-9]{2})(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])(?=-|:|$)")]
    private static partial Regex CompactDate();
}

/// <summary>A model id that is not in the catalog; the message names the closest ids.</summary>
public sealed class UnknownModelException : Errors.InferCostException
{
    /// <summary>Initializes a new instance of the <see cref="UnknownModelException"/> class.</summary>
    public UnknownModelException(string message, ImmutableArray<string> nearest)
        : base(message) => Nearest = nearest;

    /// <summary>Gets the closest ids.</summary>
    public ImmutableArray<string> Nearest { get; }
}
