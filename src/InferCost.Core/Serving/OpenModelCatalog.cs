using InferCost.Errors;

namespace InferCost.Serving;

/// <summary>The open-weights model architectures the serving model knows.</summary>
public sealed class OpenModelCatalog
{
    /// <summary>Initializes a new instance of the <see cref="OpenModelCatalog"/> class.</summary>
    public OpenModelCatalog(IEnumerable<ModelArchitecture> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        Models = models.ToList();
    }

    /// <summary>Gets every model, in catalog order.</summary>
    public IReadOnlyList<ModelArchitecture> Models { get; }

    /// <summary>The model with id <paramref name="id"/> (case-insensitive).</summary>
    /// <exception cref="InferCostException">No model has the id; the message names the closest ids.</exception>
    public ModelArchitecture Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var found = Models.FirstOrDefault(m => string.Equals(m.Id, id.Trim(), StringComparison.OrdinalIgnoreCase));
        if (found is not null)
        {
            return found;
        }

        var closest = NameSuggestions.Closest(id, Models.Select(m => m.Id));
        throw new InferCostException($"unknown model '{id}'; closest: {string.Join(", ", closest)}");
    }
}
