namespace InferCost.Serving;

/// <summary>How a model's attention stores keys and values.</summary>
public enum AttentionType
{
    /// <summary>Multi-head attention: one key/value head per query head.</summary>
    Mha,

    /// <summary>Grouped-query attention: fewer key/value heads shared by groups of query heads.</summary>
    Gqa,

    /// <summary>Multi-head latent attention (DeepSeek): one compressed latent vector plus a RoPE key per token and layer.</summary>
    Mla,
}

/// <summary>The feed-forward block's shape.</summary>
public enum MlpType
{
    /// <summary>Gated (SwiGLU): three matrices of hidden × FFN.</summary>
    Gated,

    /// <summary>Plain (GELU): two matrices of hidden × FFN.</summary>
    Plain,
}
