namespace InferCost.Serving;

/// <summary>An open-weights model's architecture, as its config.json states it.</summary>
public sealed record ModelArchitecture
{
    /// <summary>Gets the catalog id, e.g. <c>llama-3.1-8b</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the display name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the total parameter count.</summary>
    public required double Parameters { get; init; }

    /// <summary>Gets the parameters used per token (equal to <see cref="Parameters"/> for dense models).</summary>
    public required double ActiveParameters { get; init; }

    /// <summary>Gets the number of transformer layers.</summary>
    public required int Layers { get; init; }

    /// <summary>Gets the hidden (model) dimension.</summary>
    public required int HiddenSize { get; init; }

    /// <summary>Gets the number of query heads.</summary>
    public required int AttentionHeads { get; init; }

    /// <summary>Gets the number of key/value heads.</summary>
    public required int KvHeads { get; init; }

    /// <summary>Gets the dimension of one head.</summary>
    public required int HeadDim { get; init; }

    /// <summary>Gets the dense feed-forward inner size.</summary>
    public required int FfnSize { get; init; }

    /// <summary>Gets the vocabulary size.</summary>
    public required int VocabSize { get; init; }

    /// <summary>Gets the attention type.</summary>
    public AttentionType Attention { get; init; } = AttentionType.Gqa;

    /// <summary>Gets the feed-forward block's shape.</summary>
    public MlpType Mlp { get; init; } = MlpType.Gated;

    /// <summary>Gets the number of routed experts per MoE layer (0 for dense models).</summary>
    public int Experts { get; init; }

    /// <summary>Gets the number of routed experts each token uses.</summary>
    public int ActiveExperts { get; init; }

    /// <summary>Gets one expert's feed-forward inner size.</summary>
    public int MoeFfnSize { get; init; }

    /// <summary>Gets the number of layers with experts (all layers when not stated).</summary>
    public int? MoeLayers { get; init; }

    /// <summary>Gets MLA's compressed KV dimension (DeepSeek <c>kv_lora_rank</c>).</summary>
    public int KvLoraRank { get; init; }

    /// <summary>Gets MLA's decoupled RoPE key dimension (DeepSeek <c>qk_rope_head_dim</c>).</summary>
    public int QkRopeHeadDim { get; init; }

    /// <summary>Gets where the numbers come from.</summary>
    public string Source { get; init; } = "";

    /// <summary>Gets when they were read.</summary>
    public DateOnly AsOf { get; init; }

    /// <summary>Gets whether the model routes tokens to experts.</summary>
    public bool IsMixtureOfExperts => Experts > 0;

    /// <summary>Gets the parameters that sit in routed experts (0 for dense models).</summary>
    public double RoutedExpertParameters =>
        IsMixtureOfExperts
            ? (double)(MoeLayers ?? Layers) * Experts * (Mlp == MlpType.Gated ? 3.0 : 2.0) * HiddenSize * MoeFfnSize
            : 0;

    /// <summary>KV-cache values stored per token across all layers.</summary>
    public double KvValuesPerToken => Attention == AttentionType.Mla
        ? (double)Layers * (KvLoraRank + QkRopeHeadDim)
        : 2.0 * Layers * KvHeads * HeadDim;

    /// <summary>KV-cache bytes per token at <paramref name="kvPrecision"/> (2 · layers · kv_heads · head_dim · bytes).</summary>
    public double KvBytesPerToken(Precision kvPrecision) => KvValuesPerToken * kvPrecision.BytesPerValue();

    /// <summary>Bytes of all weights at <paramref name="precision"/>.</summary>
    public double WeightBytes(Precision precision) => Parameters * precision.BytesPerValue();

    /// <summary>
    /// Expected number of distinct routed experts per layer a step of <paramref name="tokens"/> tokens touches,
    /// with each token choosing <see cref="ActiveExperts"/> of <see cref="Experts"/> uniformly:
    /// E · (1 − (1 − k/E)^tokens).
    /// </summary>
    public double ExpectedExpertsTouched(double tokens)
    {
        if (!IsMixtureOfExperts)
        {
            return 0;
        }

        var untouched = Math.Pow(1.0 - ((double)ActiveExperts / Experts), Math.Max(tokens, 1));
        return Experts * (1.0 - untouched);
    }

    /// <summary>Weight bytes a step over <paramref name="tokens"/> tokens reads: everything but the untouched experts.</summary>
    public double WeightBytesRead(Precision precision, double tokens)
    {
        if (!IsMixtureOfExperts)
        {
            return WeightBytes(precision);
        }

        var expertShare = ExpectedExpertsTouched(tokens) / Experts;
        var read = Parameters - RoutedExpertParameters + (RoutedExpertParameters * expertShare);
        return read * precision.BytesPerValue();
    }

    /// <summary>
    /// Attention FLOPs one token spends per context token it attends to, across all layers:
    /// QKᵀ and AV are 2 · heads · head_dim multiply-adds each (MLA attends in the latent space).
    /// </summary>
    public double AttentionFlopsPerContextToken => Attention == AttentionType.Mla
        ? 2.0 * Layers * AttentionHeads * ((KvLoraRank + QkRopeHeadDim) + KvLoraRank)
        : 4.0 * Layers * AttentionHeads * HeadDim;

    /// <summary>Weight FLOPs per token: 2 · active parameters.</summary>
    public double DenseFlopsPerToken => 2.0 * ActiveParameters;
}
