using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using InferCost.Errors;
using InferCost.Serving;

namespace InferCost.Data.Serving;

/// <summary>
/// Streams chat-completion requests to an OpenAI-compatible server (vLLM, SGLang, llama.cpp, Ollama) and measures time to
/// first token, inter-token latency and throughput.
/// </summary>
public sealed class OpenAiStreamingBenchmark
{
    private readonly HttpClient _http;

    /// <summary>Initializes a new instance of the <see cref="OpenAiStreamingBenchmark"/> class.</summary>
    /// <param name="http">The client to send requests with (its lifetime stays with the caller).</param>
    public OpenAiStreamingBenchmark(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
    }

    /// <summary>Runs <paramref name="requests"/> requests keeping <paramref name="concurrency"/> in flight.</summary>
    /// <returns>One sample per request and the wall-clock seconds the level took.</returns>
    /// <exception cref="InferCostException">The server refused a request or sent something that is not an SSE stream.</exception>
    public async Task<(IReadOnlyList<BenchSample> Samples, double WallSeconds)> RunLevelAsync(
        Uri baseUrl, string model, string prompt, int maxTokens, int concurrency, int requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (concurrency < 1 || requests < 1 || maxTokens < 1)
        {
            throw new InferCostException("--concurrency levels, --requests and --max-tokens must be at least 1");
        }

        var samples = new BenchSample[requests];
        var next = -1;
        var wall = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Math.Min(concurrency, requests)).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests)
            {
                samples[index] = await SendAsync(baseUrl, model, prompt, maxTokens, cancellationToken).ConfigureAwait(false);
            }
        });
        await Task.WhenAll(workers).ConfigureAwait(false);
        return (samples, wall.Elapsed.TotalSeconds);
    }

    /// <summary>Sends one streaming request and times its chunks.</summary>
    public async Task<BenchSample> SendAsync(Uri baseUrl, string model, string prompt, int maxTokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["model"] = model,
            ["messages"] = new[] { new Dictionary<string, string> { ["role"] = "user", ["content"] = prompt } },
            ["max_tokens"] = maxTokens,
            ["stream"] = true,
            ["stream_options"] = new Dictionary<string, bool> { ["include_usage"] = true },
        });
        var url = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/chat/completions");
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

        var clock = Stopwatch.StartNew();
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new InferCostException($"cannot reach {url}: {ex.Message}", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw new InferCostException($"{url} answered {(int)response.StatusCode}: {Truncate(text)}");
            }

            return await ReadStreamAsync(response, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<BenchSample> ReadStreamAsync(HttpResponseMessage response, Stopwatch clock, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = stream.ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        double? first = null;
        var last = 0.0;
        var gaps = new List<double>();
        var chunks = 0;
        int? usageOutput = null;
        var usageInput = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue;
            }

            var data = line.AsSpan(5).Trim();
            if (data.SequenceEqual("[DONE]"))
            {
                break;
            }

            var now = clock.Elapsed.TotalMilliseconds;
            using var json = ParseChunk(data.ToString());
            var root = json.RootElement;
            if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                usageOutput = usage.TryGetProperty("completion_tokens", out var c) ? c.GetInt32() : usageOutput;
                usageInput = usage.TryGetProperty("prompt_tokens", out var p) ? p.GetInt32() : usageInput;
            }

            if (!HasContent(root))
            {
                continue;
            }

            chunks++;
            if (first is null)
            {
                first = now;
            }
            else
            {
                gaps.Add(now - last);
            }

            last = now;
        }

        if (first is null)
        {
            throw new InferCostException("the server's stream ended without a content token");
        }

        return new BenchSample(first.Value, gaps, usageInput, usageOutput ?? chunks, clock.Elapsed.TotalMilliseconds);
    }

    private static JsonDocument ParseChunk(string data)
    {
        try
        {
            return JsonDocument.Parse(data);
        }
        catch (JsonException ex)
        {
            throw new InferCostException($"the server sent an SSE chunk that is not JSON: {Truncate(data)}", ex);
        }
    }

    private static bool HasContent(JsonElement root)
    {
        if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var choice in choices.EnumerateArray())
        {
            if (choice.TryGetProperty("delta", out var delta)
                && ((delta.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String && content.GetString()!.Length > 0)
                    || (delta.TryGetProperty("reasoning_content", out var reasoning) && reasoning.ValueKind == JsonValueKind.String && reasoning.GetString()!.Length > 0)))
            {
                return true;
            }

            if (choice.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String && text.GetString()!.Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
