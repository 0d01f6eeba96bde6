using InferCost.Data.Yaml;
using InferCost.Serving;

namespace InferCost.Data.Serving;

/// <summary>Loads <c>catalog/open-models.yaml</c> (built in) or a model-architecture file of the same shape (schema: <c>catalog/open-models.schema.json</c>).</summary>
public static class OpenModelCatalogLoader
{
    /// <summary>The resource name of the built-in open-model catalog.</summary>
    public const string BuiltInName = "catalog/open-models.yaml";

    /// <summary>The top-level keys.</summary>
    internal static readonly string[] RootKeys = ["models"];

    /// <summary>The keys of one model entry (the schema lists the same).</summary>
    internal static readonly string[] ModelKeys = ["id", "name", "parameters_b", "active_parameters_b", "layers", "hidden_size", "attention_heads", "kv_heads", "head_dim", "ffn_size", "vocab_size", "attention", "mlp", "experts", "active_experts", "moe_ffn_size", "moe_layers", "kv_lora_rank", "qk_rope_head_dim", "source", "as_of"];

    private const int MaxDimension = 10_000_000;

    private static readonly Dictionary<string, AttentionType> AttentionNames = new()
    {
        ["MHA"] = AttentionType.Mha,
        ["GQA"] = AttentionType.Gqa,
        ["MLA"] = AttentionType.Mla,
    };

    private static readonly Dictionary<string, MlpType> MlpNames = new()
    {
        ["GATED"] = MlpType.Gated,
        ["PLAIN"] = MlpType.Plain,
    };

    /// <summary>Loads the open-model catalog built into InferCost.</summary>
    public static OpenModelCatalog LoadBuiltIn()
    {
        using var reader = BuiltInResources.Open(BuiltInName);
        return Load(BuiltInName, reader);
    }

    /// <summary>Parses an open-model catalog; errors name <paramref name="file"/>, the line, the column and the field.</summary>
    /// <exception cref="InferCost.Errors.InputFileException">A value is missing, unknown, out of range or malformed.</exception>
    public static OpenModelCatalog Load(string file, TextReader reader)
    {
        var yaml = YamlReader.StopAtFirst(file);
        var root = yaml.Root(yaml.Load(reader), "expected models: [ … ]")!;
        root.Known(RootKeys);
        var list = root.List("models", required: true)!;
        var models = new List<ModelArchitecture>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < list.Count; i++)
        {
            var f = yaml.AsMap(list[i], $"models[{i}]")!;
            f.Known(ModelKeys);
            var model = new ModelArchitecture
            {
                Id = f.Text("id", required: true)!,
                Name = f.Text("name", required: true)!,
                Parameters = f.Number("parameters_b", double.Epsilon, 100_000, required: true)!.Value * 1e9,
                ActiveParameters = f.Number("active_parameters_b", double.Epsilon, 100_000, required: true)!.Value * 1e9,
                Layers = f.Int("layers", 1, 100_000, required: true)!.Value,
                HiddenSize = f.Int("hidden_size", 1, MaxDimension, required: true)!.Value,
                AttentionHeads = f.Int("attention_heads", 1, 100_000, required: true)!.Value,
                KvHeads = f.Int("kv_heads", 0, 100_000, required: true)!.Value,
                HeadDim = f.Int("head_dim", 1, 100_000, required: true)!.Value,
                FfnSize = f.Int("ffn_size", 0, MaxDimension, required: true)!.Value,
                VocabSize = f.Int("vocab_size", 1, MaxDimension, required: true)!.Value,
                Attention = f.Enum("attention", AttentionNames) ?? AttentionType.Gqa,
                Mlp = f.Enum("mlp", MlpNames) ?? MlpType.Gated,
                Experts = f.Int("experts", 0, 100_000) ?? 0,
                ActiveExperts = f.Int("active_experts", 0, 100_000) ?? 0,
                MoeFfnSize = f.Int("moe_ffn_size", 0, MaxDimension) ?? 0,
                MoeLayers = f.Int("moe_layers", 0, 100_000),
                KvLoraRank = f.Int("kv_lora_rank", 0, MaxDimension) ?? 0,
                QkRopeHeadDim = f.Int("qk_rope_head_dim", 0, 100_000) ?? 0,
                Source = f.Text("source", required: true)!,
                AsOf = f.Date("as_of") ?? default,
            };
            Validate(f, model);
            if (!seen.Add(model.Id))
            {
                f.Report("id", $"'{model.Id}' is used more than once");
            }

            models.Add(model);
        }

        return new OpenModelCatalog(models);
    }

    private static void Validate(YamlMap f, ModelArchitecture model)
    {
        if (model.ActiveParameters > model.Parameters)
        {
            f.Report("active_parameters_b", "cannot exceed parameters_b");
        }

        if (model.Attention != AttentionType.Mla && (model.KvHeads == 0 || model.AttentionHeads % model.KvHeads != 0))
        {
            f.Report("kv_heads", $"must be positive and divide attention_heads ({model.AttentionHeads})");
        }

        if (model.Attention == AttentionType.Mla && model.KvLoraRank == 0)
        {
            f.Report("kv_lora_rank", "MLA models need kv_lora_rank");
        }

        if (model.Experts > 0 && (model.ActiveExperts == 0 || model.ActiveExperts > model.Experts || model.MoeFfnSize == 0))
        {
            f.Report("active_experts", "MoE models need 0 < active_experts <= experts and moe_ffn_size");
        }

        if (model.MoeLayers > model.Layers)
        {
            f.Report("moe_layers", $"cannot exceed layers ({model.Layers})");
        }
    }
}
