using System.Globalization;
using InferCost.Application.Catalogs;
using InferCost.Application.Validation;
using InferCost.Data.Scenarios;
using InferCost.Data.Store;

namespace InferCost.Application.Store;

/// <summary>
/// Saved scenarios (checked by the scenario reader before they are saved), named comparisons (checked against the
/// catalog) and short share links, over an <see cref="InferCostStore"/>.
/// </summary>
/// <param name="store">The store.</param>
/// <param name="catalogs">The catalog scenarios and comparisons are checked against.</param>
public sealed class StoreService(InferCostStore store, CatalogSource catalogs)
{
    /// <summary>The page that loads a saved scenario.</summary>
    public static string ScenarioPage(string id) => "/scenario?saved=" + Uri.EscapeDataString(id);

    /// <summary>The compare page that shows a comparison's models and volume.</summary>
    public static string ComparePage(NamedComparison c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var query = $"models={Uri.EscapeDataString(string.Join(',', c.Models))}&shape={c.Shape}&input={c.Input}&output={c.Output}&cached={c.Cached}"
            + (c.Requests is { } r ? $"&requests={r}" : "") + (c.Batch ? "&batch=true" : "");
        return "/compare?" + query;
    }

    /// <summary>Saves a scenario once the scenario reader finds no problem in it.</summary>
    /// <param name="request">The name and YAML.</param>
    /// <param name="id">The saved scenario to replace, or null for a new one.</param>
    /// <returns>The saved scenario, or null when <paramref name="id"/> names none.</returns>
    /// <exception cref="RequestValidationException">A field is missing, or the YAML has problems (each keyed by its scenario field).</exception>
    public SavedScenarioResult? SaveScenario(SaveScenarioRequest request, string? id = null)
    {
        Validator.ThrowIfInvalid(request);
        var (_, issues) = ScenarioLoader.Parse(request.Yaml!, request.Name!, catalogs.Catalog);
        if (issues.Length > 0)
        {
            throw new RequestValidationException([.. issues.Select(i => new FieldError(i.Field, i.ToString()))]);
        }

        return store.SaveScenario(request.Name!.Trim(), request.Yaml!, id) is { } saved ? Result(saved) : null;
    }

    /// <summary>The saved scenario with this id, or null.</summary>
    public SavedScenarioResult? GetScenario(string id) => store.GetScenario(id) is { } s ? Result(s) : null;

    /// <summary>Every saved scenario, newest first.</summary>
    public SavedScenarioList ListScenarios() => new([.. store.ListScenarios().Select(s => new SavedScenarioItem(s.Id, s.Name, s.UpdatedAt, ScenarioPage(s.Id)))]);

    /// <summary>Deletes a saved scenario; false when there was none.</summary>
    public bool DeleteScenario(string id) => store.DeleteScenario(id);

    /// <summary>Saves a comparison under its name once every model is in the catalog.</summary>
    /// <exception cref="RequestValidationException">A field is out of range or a model is unknown.</exception>
    public ComparisonResult SaveComparison(SaveComparisonRequest request)
    {
        Validator.ThrowIfInvalid(request);
        var models = request.Models!.Select(m => m.Trim()).ToList();
        var unknown = models.Where(m => catalogs.Catalog.TryResolve(m) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new RequestValidationException([new FieldError("models", $"models: not in the catalog: {string.Join(", ", unknown)} (see infercost models)")]);
        }

        var saved = store.SaveComparison(new NamedComparison(request.Name!.Trim(), models, request.Shape, request.Input, request.Output, request.Cached, request.Requests, request.Batch, default));
        return Result(saved);
    }

    /// <summary>The comparison saved under this name, or null.</summary>
    public ComparisonResult? GetComparison(string name) => store.GetComparison(name) is { } c ? Result(c) : null;

    /// <summary>Every named comparison, by name.</summary>
    public ComparisonList ListComparisons() => new([.. store.ListComparisons().Select(Result)]);

    /// <summary>Deletes a named comparison; false when there was none.</summary>
    public bool DeleteComparison(string name) => store.DeleteComparison(name);

    /// <summary>The short link for a page of this site (the same code for the same address).</summary>
    /// <exception cref="RequestValidationException">The path is missing or not a page of this site.</exception>
    public ShareLinkResult CreateLink(CreateLinkRequest request)
    {
        Validator.ThrowIfInvalid(request);
        return Result(store.CreateLink(request.Path!));
    }

    /// <summary>The link with this code, or null.</summary>
    public ShareLinkResult? ResolveLink(string code) => store.ResolveLink(code) is { } link ? Result(link) : null;

    private static SavedScenarioResult Result(SavedScenario s) => new(s.Id, s.Name, s.Yaml, s.CreatedAt, s.UpdatedAt, ScenarioPage(s.Id));

    private static ComparisonResult Result(NamedComparison c) =>
        new(c.Name, c.Models, c.Shape, c.Input, c.Output, c.Cached, c.Requests, c.Batch, c.UpdatedAt, ComparePage(c));

    private static ShareLinkResult Result(ShareLink link) => new(link.Code, "/s/" + link.Code.ToString(CultureInfo.InvariantCulture), link.Target);
}
