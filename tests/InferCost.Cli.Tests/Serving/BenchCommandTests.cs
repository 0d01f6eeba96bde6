namespace InferCost.Cli.Tests.Serving;

public class BenchCommandTests
{
    [Fact]
    public async Task Bench_measures_ttft_inter_token_latency_and_throughput_of_a_streaming_server()
    {
        await using var server = new FakeOpenAiServer(TimeSpan.FromMilliseconds(120), TimeSpan.FromMilliseconds(25), tokens: 8);
        var json = CliRunner.Json(
            "bench", "--url", server.BaseUrl.ToString(), "--model", "tiny", "--concurrency", "1,4", "--requests", "4",
            "--max-tokens", "8", "--gpus", "1", "--gpu-hour-price", "2");

        var levels = json.GetProperty("levels");
        Assert.Equal(2, levels.GetArrayLength());
        Assert.Equal(8 + 1, server.RequestsServed); // one warm-up request
        foreach (var level in levels.EnumerateArray())
        {
            Assert.Equal(4, level.GetProperty("requests").GetInt32());
            // Lower bounds are the server's own delays (a bench can't measure less); upper bounds leave room for a
            // loaded CI machine running three test assemblies at once.
            Assert.InRange(level.GetProperty("ttft_p50_ms").GetDouble(), 115, 120 + 1500);
            Assert.InRange(level.GetProperty("itl_p50_ms").GetDouble(), 20, 25 + 250);
            Assert.True(level.GetProperty("cost_per_million_output_tokens").GetDecimal() > 0);
        }

        // One stream: 8 tokens in about 120 + 7 x 25 = 295 ms, so about 27 tok/s; four at once about four times that.
        var one = levels[0].GetProperty("output_tokens_per_second").GetDouble();
        var four = levels[1].GetProperty("output_tokens_per_second").GetDouble();
        Assert.InRange(one, 2, 28);
        Assert.True(four > 1.5 * one, $"4 concurrent streams gave {four} tok/s vs {one} for 1");
    }

    [Fact]
    public void Bench_against_nothing_listening_is_a_user_error()
    {
        var (exit, _, error) = CliRunner.Run("bench", "--url", "http://127.0.0.1:9/v1", "--model", "m", "--concurrency", "1", "--requests", "1");
        Assert.Equal(ExitCodes.UserError, exit);
        Assert.Contains("cannot reach", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_rejects_malformed_concurrency_levels()
    {
        var (exit, _, error) = CliRunner.Run("bench", "--url", "http://127.0.0.1:9/v1", "--model", "m", "--concurrency", "1,x");
        Assert.Equal(ExitCodes.UserError, exit);
        Assert.Contains("--concurrency", error, StringComparison.Ordinal);
    }
}
