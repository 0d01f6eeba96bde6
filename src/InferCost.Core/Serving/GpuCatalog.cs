using InferCost.Errors;

namespace InferCost.Serving;

/// <summary>The GPUs the serving model knows, found by id or alias.</summary>
public sealed class GpuCatalog
{
    /// <summary>Initializes a new instance of the <see cref="GpuCatalog"/> class.</summary>
    public GpuCatalog(IEnumerable<GpuSpec> gpus)
    {
        ArgumentNullException.ThrowIfNull(gpus);
        Gpus = gpus.ToList();
    }

    /// <summary>Gets every GPU, in catalog order.</summary>
    public IReadOnlyList<GpuSpec> Gpus { get; }

    /// <summary>The GPU with id or alias <paramref name="id"/>.</summary>
    /// <exception cref="InferCostException">No GPU answers to the id; the message names the closest ids.</exception>
    public GpuSpec Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var found = Gpus.FirstOrDefault(g => string.Equals(g.Id, id.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? Gpus.FirstOrDefault(g => g.AnswersTo(id.Trim()));
        if (found is not null)
        {
            return found;
        }

        var names = Gpus.SelectMany(g => g.Aliases.Prepend(g.Id));
        var closest = NameSuggestions.Closest(id, names);
        throw new InferCostException($"unknown GPU '{id}'; closest: {string.Join(", ", closest)}");
    }
}
