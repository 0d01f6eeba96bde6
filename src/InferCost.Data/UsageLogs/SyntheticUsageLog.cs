using System.Globalization;
using System.Text;

namespace InferCost.Data.UsageLogs;

/// <summary>
/// Writes deterministic, realistic-looking OpenAI Chat Completions logs (JSONL) for tests, benchmarks and demos:
/// users and features with skewed traffic, cached prompts, reasoning, a share of long prompts.
/// </summary>
public static class SyntheticUsageLog
{
    private static readonly string[] Models = ["gpt-4o", "gpt-4o-mini", "gpt-4o-2024-08-06", "o3-mini"];
    private static readonly string[] Features = ["support-bot", "summarize", "code-review", "search", "agent"];

    /// <summary>Writes <paramref name="count"/> lines to <paramref name="stream"/>, from <paramref name="start"/> on, one request every ~2 s.</summary>
    public static void WriteOpenAiJsonl(Stream stream, int count, int seed = 42, DateTimeOffset? start = null, int users = 500)
    {
        var random = new Random(seed);
        var t0 = (start ?? new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero)).ToUnixTimeSeconds();
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        for (var i = 0; i < count; i++)
        {
            // Zipf-ish users: a few heavy users drive most traffic.
            var user = (int)(users * Math.Pow(random.NextDouble(), 3));
            var feature = Features[(user + random.Next(2)) % Features.Length];
            var model = Models[random.Next(Models.Length)];
            var input = (long)Math.Exp(5 + (random.NextDouble() * 5));
            if (random.NextDouble() < 0.03)
            {
                // Long-context requests (a 1M-context model): these cross 200k-token tiers on alternatives.
                model = "gpt-4.1-mini";
                input = 150_000 + random.Next(250_000);
            }

            var cached = random.NextDouble() < 0.4 ? input / 1024 * 1024 / 2 : 0;
            var output = (long)Math.Exp(3 + (random.NextDouble() * 4));
            var reasoning = model == "o3-mini" ? output * 3 / 4 : 0;
            var created = t0 + (i * 2L) + random.Next(2);
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $$$"""{"id":"chatcmpl-syn{{{seed}}}-{{{i:D9}}}","object":"chat.completion","created":{{{created}}},"model":"{{{model}}}","user":"user-{{{user:D4}}}","metadata":{"feature":"{{{feature}}}"},"choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":{{{input}}},"completion_tokens":{{{output}}},"total_tokens":{{{input + output}}},"prompt_tokens_details":{"cached_tokens":{{{cached}}},"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":{{{reasoning}}},"audio_tokens":0}},"service_tier":"default"}"""));
            writer.Write('\n');
        }
    }
}
