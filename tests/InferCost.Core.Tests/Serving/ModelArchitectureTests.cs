using InferCost.Serving;

namespace InferCost.Core.Tests.Serving;

public class ModelArchitectureTests
{
    [Fact]
    public void Kv_bytes_per_token_are_two_times_layers_kv_heads_head_dim_bytes()
    {
        Assert.Equal(2.0 * 32 * 8 * 128 * 2, TestModels.Llama31_8B.KvBytesPerToken(Precision.Bf16));
        Assert.Equal(2.0 * 32 * 8 * 128 * 1, TestModels.Llama31_8B.KvBytesPerToken(Precision.Fp8));
    }

    [Fact]
    public void Mla_stores_one_latent_and_one_rope_key_per_token_and_layer()
    {
        Assert.Equal(61.0 * (512 + 64) * 2, TestModels.DeepSeekV3.KvBytesPerToken(Precision.Bf16));
    }

    [Fact]
    public void Moe_reads_only_the_experts_a_batch_touches()
    {
        var moe = TestModels.Qwen3_30B_A3B;
        var one = moe.WeightBytesRead(Precision.Bf16, 1);
        var many = moe.WeightBytesRead(Precision.Bf16, 512);
        Assert.True(one < moe.WeightBytes(Precision.Bf16) / 5, "one token touches 8 of 128 experts per layer");
        Assert.True(many > one);
        Assert.True(many <= moe.WeightBytes(Precision.Bf16) * 1.000001);
        Assert.Equal(8, moe.ExpectedExpertsTouched(1), 6);
    }

    [Fact]
    public void Expert_parameters_account_for_most_of_a_moe_model()
    {
        var share = TestModels.DeepSeekV3.RoutedExpertParameters / TestModels.DeepSeekV3.Parameters;
        Assert.InRange(share, 0.9, 1.0);
    }

    [Fact]
    public void Precision_parses_names_and_rejects_unknown_ones()
    {
        Assert.Equal(Precision.Bf16, PrecisionExtensions.Parse("FP16"));
        Assert.Equal(Precision.Int4, PrecisionExtensions.Parse("int4"));
        Assert.Throws<Errors.InferCostException>(() => PrecisionExtensions.Parse("fp3"));
    }
}
