using System.Text;

namespace InferCost.Data.UsageLogs;

/// <summary>Detects a usage log's format from its name and first line.</summary>
public static class UsageLogDetector
{
    /// <summary>The format of <paramref name="path"/>, or <see langword="null"/> when nothing matches.</summary>
    public static UsageLogFormat? Detect(string path)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext == ".csv")
        {
            return UsageLogFormat.Csv;
        }

        if (ext == ".parquet")
        {
            return UsageLogFormat.Parquet;
        }

        using var stream = File.OpenRead(path);
        var buffer = new byte[64 * 1024];
        var n = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var text = Encoding.UTF8.GetString(buffer, 0, n);
        var first = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? string.Empty;
        return DetectLine(first);
    }

    /// <summary>The format one JSON line looks like, or <see langword="null"/>.</summary>
    public static UsageLogFormat? DetectLine(string line)
    {
        bool Has(string s) => line.Contains(s, StringComparison.Ordinal);
        if (Has("\"resourceSpans\""))
        {
            return UsageLogFormat.Otel;
        }

        if (Has("\"custom_id\"") && Has("\"response\""))
        {
            return UsageLogFormat.OpenAiBatch;
        }

        if (Has("\"usageMetadata\""))
        {
            return UsageLogFormat.Gemini;
        }

        if (Has("\"spend\"") && Has("\"request_id\"") && (Has("\"startTime\"") || Has("\"start_time\"")))
        {
            return UsageLogFormat.LiteLlm;
        }

        if (Has("\"cache_creation_input_tokens\"") || Has("\"cache_read_input_tokens\"") || (Has("\"type\":\"message\"") || Has("\"type\": \"message\"")) || Has("\"anthropic\""))
        {
            return UsageLogFormat.Anthropic;
        }

        if (Has("\"prompt_tokens\"") || Has("\"input_tokens\"") || Has("\"chat.completion\"") || Has("\"object\":\"response\""))
        {
            return UsageLogFormat.OpenAi;
        }

        return null;
    }
}
