using InferCost.Serving;

namespace InferCost.Core.Tests.Serving;

public class ServingV2Tests
{
    private static readonly PerformanceModel Model = new(EnginePresets.Trtllm.Factors);

    [Theory]
    [InlineData(0.7, 4)]
    [InlineData(0.5, 1)]
    [InlineData(0.9, 8)]
    public void Speculative_decoding_yields_the_expected_tokens_per_target_step(double acceptance, int draftLength)
    {
        var spec = new SpeculativeDecoding(TestModels.Llama31_8B, acceptance, draftLength);

        // The first token is always produced; token i + 1 only if all i drafted before it were accepted: Σ α^i, i = 0..γ.
        var expected = Enumerable.Range(0, draftLength + 1).Sum(i => Math.Pow(acceptance, i));
        Assert.Equal(expected, spec.TokensPerTargetStep, 9);
    }

    [Fact]
    public void Speculative_decoding_with_a_small_draft_speeds_up_single_stream_decode()
    {
        var target = new Deployment(TestModels.Llama31_70B, TestModels.H100, 2, Precision.Fp8);
        var plain = Model.DecodeStep(target, 1, 2048).Seconds;
        var spec = new SpeculativeDecoding(TestModels.Llama31_8B, 0.8, 4).SecondsPerToken(Model, target, 1, 2048);
        Assert.True(spec < plain, $"speculative {spec * 1e3:0.00} ms/token vs plain {plain * 1e3:0.00}");
    }

    [Fact]
    public void A_higher_memory_utilization_holds_more_sequences()
    {
        var deployment = new Deployment(TestModels.Llama31_70B, TestModels.H100, 2, Precision.Fp8);
        var low = new PerformanceModel(Model.Factors with { MemoryUtilization = 0.85 }).MaxSequences(deployment, 4096);
        var high = new PerformanceModel(Model.Factors with { MemoryUtilization = 0.95 }).MaxSequences(deployment, 4096);
        Assert.True(high > low, $"{high} sequences at 0.95 vs {low} at 0.85");
    }

    [Fact]
    public void Long_single_sequences_read_the_KV_cache_below_full_bandwidth()
    {
        var deployment = new Deployment(TestModels.Llama31_8B, TestModels.H100, 1, Precision.Bf16);
        var flat = new PerformanceModel(Model.Factors with { KvReadHalfEfficiencyTokens = double.PositiveInfinity });
        var ratioLong = Model.DecodeStep(deployment, 1, 200_000).Seconds / flat.DecodeStep(deployment, 1, 200_000).Seconds;
        var ratioShort = Model.DecodeStep(deployment, 1, 1_000).Seconds / flat.DecodeStep(deployment, 1, 1_000).Seconds;
        Assert.True(ratioLong > 1.2, $"200k-token step {ratioLong:0.00}x the full-bandwidth step");
        Assert.True(ratioShort < 1.02, $"1k-token step {ratioShort:0.00}x the full-bandwidth step");
    }

    [Fact]
    public void Small_transfers_achieve_less_bandwidth_than_large_ones()
    {
        var f = Model.Factors;
        Assert.True(f.BandwidthFor(1e6) < f.BandwidthFor(100e6));
        Assert.True(f.BandwidthFor(1e9) <= f.MemoryBandwidth);
    }

    [Fact]
    public void All_reduces_use_one_direction_of_the_link()
    {
        Assert.Equal(450e9, TestModels.H100.InterconnectBytesPerSecondPerDirection);
    }

    [Fact]
    public void Chunked_prefill_makes_prompts_cheaper_than_separate_prefill_passes()
    {
        var deployment = new Deployment(TestModels.Llama31_8B, TestModels.H100, 1, Precision.Fp8);
        var workload = new ServingWorkload(2048, 256);
        var chunked = new ServingPlanner(Model).OperatingPoint(deployment, workload, 64);
        var separate = new ServingPlanner(new PerformanceModel(Model.Factors with { ChunkedPrefill = false })).OperatingPoint(deployment, workload, 64);
        Assert.True(chunked.OutputTokensPerSecond > separate.OutputTokensPerSecond);
    }

    [Fact]
    public void Expert_parallelism_changes_the_communication_of_a_MoE_step()
    {
        var tp = new Deployment(TestModels.Qwen3_30B_A3B, TestModels.H100, 4, Precision.Bf16);
        var ep = new Deployment(TestModels.Qwen3_30B_A3B, TestModels.H100, 4, Precision.Bf16, expertParallel: true);
        Assert.NotEqual(Model.DecodeStep(tp, 256, 2048).Seconds, Model.DecodeStep(ep, 256, 2048).Seconds);
        Assert.False(new Deployment(TestModels.Llama31_8B, TestModels.H100, 4, Precision.Bf16, expertParallel: true).ExpertParallel);
    }

    [Fact]
    public void Under_rising_load_time_to_first_token_and_inter_token_latency_rise()
    {
        var deployment = new Deployment(TestModels.Llama31_70B, TestModels.H100, 2, Precision.Fp8);
        var shape = new LoadSpec { InputTokens = 2000, OutputTokens = 200, Requests = 300 };
        var one = LoadSimulation.Run(Model, deployment, shape with { Concurrency = 1 });
        var many = LoadSimulation.Run(Model, deployment, shape with { Concurrency = 32 });
        Assert.True(many.TtftP50Ms > one.TtftP50Ms, $"TTFT {many.TtftP50Ms:0} vs {one.TtftP50Ms:0} ms");
        Assert.True(many.ItlMeanMs > one.ItlMeanMs, $"ITL {many.ItlMeanMs:0.0} vs {one.ItlMeanMs:0.0} ms");
        Assert.True(many.OutputTokensPerSecond > 5 * one.OutputTokensPerSecond);
    }

    [Fact]
    public void The_queue_model_is_deterministic_for_a_seed()
    {
        var deployment = new Deployment(TestModels.Llama31_8B, TestModels.H100, 1, Precision.Fp8);
        var shape = new LoadSpec { InputTokens = 512, OutputTokens = 128, RequestsPerSecond = 5, LengthVariation = 0.5, Requests = 200, Seed = 7 };
        Assert.Equal(LoadSimulation.Run(Model, deployment, shape), LoadSimulation.Run(Model, deployment, shape));
    }

    [Fact]
    public void The_highest_rate_meeting_latency_targets_meets_them_and_a_tighter_target_allows_less()
    {
        var deployment = new Deployment(TestModels.Llama31_8B, TestModels.H100, 1, Precision.Fp8);
        var shape = new LoadSpec { InputTokens = 1000, OutputTokens = 200, Requests = 300 };
        var loose = LoadSimulation.MaxRate(Model, deployment, shape, 2000, 60);
        var tight = LoadSimulation.MaxRate(Model, deployment, shape, 300, 20);
        Assert.NotNull(loose);
        Assert.NotNull(tight);
        Assert.True(loose.Value.Result.TtftP95Ms <= 2000 && loose.Value.Result.ItlP95Ms <= 60);
        Assert.True(tight.Value.RequestsPerSecond < loose.Value.RequestsPerSecond);
    }

    [Fact]
    public void Fp4_uses_FP4_tensor_cores_where_the_GPU_has_them()
    {
        var b200 = TestModels.H100 with { Id = "b200", Bf16Tflops = 2250, Fp8Tflops = 4500, Fp4Tflops = 9000 };
        Assert.Equal(9000e12, b200.PeakFlops(Precision.Fp4));
        Assert.Equal(1979e12, TestModels.H100.PeakFlops(Precision.Fp4));
        Assert.Equal(0.5, Precision.Fp4.BytesPerValue());
        Assert.Equal(Precision.Fp8, new Deployment(TestModels.Llama31_8B, b200, 1, Precision.Fp4).KvPrecision);
    }
}
