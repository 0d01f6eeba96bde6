namespace InferCost.Data.UsageLogs;

/// <summary>Detects a usage log's format from its name and first record, and each JSON record's shape.</summary>
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
        var head = buffer.AsSpan(0, n);
        if (!JsonRecords.IsDocument(head))
        {
            // JSON lines: the first non-blank line.
            while (true)
            {
                var nl = head.IndexOf((byte)'\n');
                var line = (nl < 0 ? head : head[..nl]).Trim(" \t\r"u8);
                if (!line.IsEmpty || nl < 0)
                {
                    head = line;
                    break;
                }

                head = head[(nl + 1)..];
            }
        }

        return DetectRecord(head);
    }

    /// <summary>The format one JSON line looks like, or <see langword="null"/>.</summary>
    public static UsageLogFormat? DetectLine(string line) => DetectRecord(System.Text.Encoding.UTF8.GetBytes(line ?? string.Empty));

    /// <summary>
    /// The shape of one JSON record (a line, an array item, a document), or <see langword="null"/>. The tests are
    /// ordered so that a record matching several shapes gets the specific one: OpenAI Responses objects carry
    /// <c>"type":"message"</c> output items, so they are told apart by <c>"object":"response"</c> before Anthropic.
    /// </summary>
    public static UsageLogFormat? DetectRecord(ReadOnlySpan<byte> record)
    {
        if (Has(record, "\"resourceSpans\""u8))
        {
            return UsageLogFormat.Otel;
        }

        if (Has(record, "\"custom_id\""u8))
        {
            if (Has(record, "\"result\""u8) && !Has(record, "\"status_code\""u8))
            {
                return UsageLogFormat.AnthropicBatch;
            }

            if (Has(record, "\"response\""u8))
            {
                return UsageLogFormat.OpenAiBatch;
            }
        }

        if (Has(record, "\"usageMetadata\""u8))
        {
            return UsageLogFormat.Gemini;
        }

        if (Has(record, "\"spend\""u8) && (Has(record, "\"startTime\""u8) || Has(record, "\"start_time\""u8)))
        {
            return UsageLogFormat.LiteLlm;
        }

        if (Has(record, "\"object\":\"response\""u8) || Has(record, "\"object\": \"response\""u8) || Has(record, "\"chat.completion\""u8) || Has(record, "\"prompt_tokens\""u8))
        {
            return UsageLogFormat.OpenAi;
        }

        if (Has(record, "\"cache_creation_input_tokens\""u8) || Has(record, "\"cache_read_input_tokens\""u8) || Has(record, "\"type\":\"message\""u8) || Has(record, "\"type\": \"message\""u8) || Has(record, "\"anthropic\""u8))
        {
            return UsageLogFormat.Anthropic;
        }

        if (Has(record, "\"input_tokens\""u8))
        {
            return UsageLogFormat.OpenAi;
        }

        return null;
    }

    private static bool Has(ReadOnlySpan<byte> record, ReadOnlySpan<byte> text) => record.IndexOf(text) >= 0;
}
