using InferCost.Serving;

namespace InferCost.Data.Serving;

/// <summary>Loads <c>catalog/open-models.yaml</c> (built in) or a model-architecture file of the same shape.</summary>
public static class OpenModelCatalogLoader
{
    /// <summary>The resource name of the built-in open-model catalog.</summary>
    public const string BuiltInName = "catalog/open-models.yaml";

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

    /// <summary>Parses an open-model catalog; errors name <paramref name="file"/>, the line and the field.</summary>
    /// <exception cref="InferCost.Errors.InputFileException">A value is missing or malformed.</exception>
    public static OpenModelCatalog Load(string file, TextReader reader)
    {
        var root = YamlFields.LoadRoot(file, reader);
        var list = YamlFields.Sequence(file, root, "models");
        var models = new List<ModelArchitecture>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var f = new YamlFields(file, $"models[{i}]", list.Children[i]);
            var model = new ModelArchitecture
            {
                Id = f.RequiredString("id"),
                Name = f.RequiredString("name"),
                Parameters = f.RequiredPositive("parameters_b") * 1e9,
                ActiveParameters = f.RequiredPositive("active_parameters_b") * 1e9,
                Layers = f.RequiredInt("layers"),
                HiddenSize = f.RequiredInt("hidden_size"),
                AttentionHeads = f.RequiredInt("attention_heads"),
                KvHeads = f.RequiredInt("kv_heads"),
                HeadDim = f.RequiredInt("head_dim"),
                FfnSize = f.RequiredInt("ffn_size"),
                VocabSize = f.RequiredInt("vocab_size"),
                Attention = f.Enum("attention", AttentionType.Gqa, AttentionNames),
                Mlp = f.Enum("mlp", MlpType.Gated, MlpNames),
                Experts = f.OptionalInt("experts") ?? 0,
                ActiveExperts = f.OptionalInt("active_experts") ?? 0,
                MoeFfnSize = f.OptionalInt("moe_ffn_size") ?? 0,
                MoeLayers = f.OptionalInt("moe_layers"),
                KvLoraRank = f.OptionalInt("kv_lora_rank") ?? 0,
                QkRopeHeadDim = f.OptionalInt("qk_rope_head_dim") ?? 0,
                Source = f.RequiredString("source"),
                AsOf = f.OptionalDate("as_of"),
            };
            Validate(f, model);
            if (!seen.Add(model.Id))
            {
                throw f.Error("id", $"'{model.Id}' is used more than once");
            }

            models.Add(model);
        }

        return new OpenModelCatalog(models);
    }

    private static void Validate(YamlFields f, ModelArchitecture model)
    {
        if (model.ActiveParameters > model.Parameters)
        {
            throw f.Error("active_parameters_b", "cannot exceed parameters_b");
        }

        if (model.Layers == 0 || model.HiddenSize == 0 || model.HeadDim == 0 || model.AttentionHeads == 0)
        {
            throw f.Error("layers", "layers, hidden_size, attention_heads and head_dim must be positive");
        }

        if (model.Attention != AttentionType.Mla && (model.KvHeads == 0 || model.AttentionHeads % model.KvHeads != 0))
        {
            throw f.Error("kv_heads", $"must be positive and divide attention_heads ({model.AttentionHeads})");
        }

        if (model.Attention == AttentionType.Mla && model.KvLoraRank == 0)
        {
            throw f.Error("kv_lora_rank", "MLA models need kv_lora_rank");
        }

        if (model.Experts > 0 && (model.ActiveExperts == 0 || model.ActiveExperts > model.Experts || model.MoeFfnSize == 0))
        {
            throw f.Error("active_experts", "MoE models need 0 < active_experts <= experts and moe_ffn_size");
        }
    }
}
