using CsCheck;
using InferCost.Errors;
using InferCost.Serving;

namespace InferCost.Core.Tests.Serving;

public class PerformanceModelTests
{
    private static readonly PerformanceModel Model = PerformanceModel.Calibrated;
    private static readonly Deployment Llama8BOnH100 = new(TestModels.Llama31_8B, TestModels.H100, 1, Precision.Bf16);

    [Fact]
    public void Decode_at_batch_1_is_memory_bound_and_near_weights_over_bandwidth()
    {
        var d = Model.Decode(Llama8BOnH100, 1, 128);
        Assert.Equal(PerformanceBound.Memory, d.Bound);
        var weightsOverBandwidth = 8.03e9 * 2 / 3.35e12 * 1e3;
        Assert.InRange(d.StepMs, weightsOverBandwidth, weightsOverBandwidth * 1.8);
    }

    [Fact]
    public void Decode_at_large_batch_and_short_context_is_compute_bound()
    {
        Assert.Equal(PerformanceBound.Compute, Model.Decode(Llama8BOnH100, 512, 128).Bound);
    }

    [Fact]
    public void Prefill_of_long_prompts_is_compute_bound()
    {
        var p = Model.Prefill(Llama8BOnH100, 1, 8192);
        Assert.Equal(PerformanceBound.Compute, p.Bound);
        Assert.True(p.TokensPerSecond > 10_000);
    }

    [Fact]
    public void A_batch_that_does_not_fit_says_how_many_sequences_fit()
    {
        var max = Model.MaxSequences(Llama8BOnH100, 32_768);
        var ex = Assert.Throws<InferCostException>(() => Model.Decode(Llama8BOnH100, max + 1, 32_768));
        Assert.Contains($"at most {max} sequences", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_that_do_not_fit_ask_for_more_gpus()
    {
        var tooSmall = new Deployment(TestModels.Llama31_70B, TestModels.H100, 1, Precision.Bf16);
        var ex = Assert.Throws<InferCostException>(() => Model.Decode(tooSmall, 1, 128));
        Assert.Contains("--gpus", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kv_memory_caps_sequences_at_free_memory_over_kv_per_sequence()
    {
        var free = (80e9 * 0.9) - (8.03e9 * 2);
        var perSequence = 131072.0 * 4096;
        Assert.Equal((int)Math.Floor(free / perSequence), Model.MaxSequences(Llama8BOnH100, 4096));
    }

    [Fact]
    public void Tensor_parallelism_speeds_up_memory_bound_decode_but_not_linearly()
    {
        var one = Model.Decode(new Deployment(TestModels.Llama31_70B, TestModels.H100, 2, Precision.Fp8), 8, 2048).StepMs;
        var four = Model.Decode(new Deployment(TestModels.Llama31_70B, TestModels.H100, 4, Precision.Fp8), 8, 2048).StepMs;
        Assert.True(four < one);
        Assert.True(four > one / 2, "all-reduces and fixed overheads keep 2x the GPUs from halving the step");
    }

    [Fact]
    public void Fp8_weights_decode_faster_than_bf16_at_small_batch()
    {
        var bf16 = Model.Decode(Llama8BOnH100, 1, 1024).StepMs;
        var fp8 = Model.Decode(new Deployment(TestModels.Llama31_8B, TestModels.H100, 1, Precision.Fp8), 1, 1024).StepMs;
        Assert.True(fp8 < bf16 * 0.75);
    }

    [Fact]
    public void Decode_throughput_grows_and_per_sequence_speed_falls_with_batch()
    {
        Gen.Int[1, 200].Sample(batch =>
        {
            var smaller = Model.Decode(Llama8BOnH100, batch, 1024);
            var larger = Model.Decode(Llama8BOnH100, batch + 1, 1024);
            return larger.TokensPerSecond >= smaller.TokensPerSecond
                && larger.TokensPerSecondPerSequence <= smaller.TokensPerSecondPerSequence;
        });
    }

    [Fact]
    public void Decode_step_grows_with_context()
    {
        Gen.Int[1, 60_000].Sample(context =>
            Model.DecodeStep(Llama8BOnH100, 8, context + 1).Seconds > Model.DecodeStep(Llama8BOnH100, 8, context).Seconds);
    }
}
