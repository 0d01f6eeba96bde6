using InferCost.Pricing;
using InferCost.UsageAnalytics;

namespace InferCost.Data.UsageLogs;

/// <summary>Receives what a reader reads: records, failed calls, and lines it could not read (never silently dropped).</summary>
public interface IUsageSink
{
    /// <summary>A record read from 1-based line (or row) <paramref name="line"/>.</summary>
    void OnRecord(in UsageRecord record, long line);

    /// <summary>A record read from <paramref name="line"/>, with the line's raw UTF-8 text (what identifies a record without a request id).</summary>
    void OnRecord(in UsageRecord record, long line, ReadOnlySpan<byte> raw) => OnRecord(record, line);

    /// <summary>A record read from a response body, with the usage the provider's extractor read from it (what it is priced on).</summary>
    void OnRecord(in UsageRecord record, long line, ReadOnlySpan<byte> raw, in Usage bodyUsage) => OnRecord(record, line, raw);

    /// <summary>A line that could not be read: its number, why, and its raw UTF-8 text (may be cut).</summary>
    void OnReject(long line, string problem, ReadOnlySpan<byte> raw);

    /// <summary>A call that failed (an error response, a failed batch item): not usage, counted apart.</summary>
    void OnFailed(long line, string reason, ReadOnlySpan<byte> raw)
    {
    }
}
