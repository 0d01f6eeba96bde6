using System.Collections.Immutable;

namespace InferCost.Data.UsageLogs;

/// <summary>A line an import could not take, and why.</summary>
/// <param name="Line">The 1-based line (or row).</param>
/// <param name="Problem">What is wrong.</param>
public sealed record RejectedLine(long Line, string Problem);

/// <summary>What one import of one file did.</summary>
/// <param name="File">The file.</param>
/// <param name="Format">The format it was read as.</param>
/// <param name="SourceHash">The file's SHA-256 (hex, first 16 bytes).</param>
/// <param name="Records">Records read and priced.</param>
/// <param name="Inserted">Records added to the store.</param>
/// <param name="Duplicates">Records already in the store (same request id, or same file and line) or repeated in the file.</param>
/// <param name="Rejected">Lines that could not be read or priced.</param>
/// <param name="RejectFile">Where the rejected lines were written, when any were.</param>
/// <param name="FirstRejects">The first rejected lines (at most 20), for the report.</param>
/// <param name="Cost">The exact cost of the inserted records.</param>
/// <param name="Failed">Calls the log records as failed (error responses, failed batch items): not usage, not imported.</param>
/// <param name="FirstFailures">The first failed calls (at most 20), for the report.</param>
/// <param name="Undated">Records without a timestamp of their own, dated <paramref name="FallbackTime"/>.</param>
/// <param name="FallbackTime">The time given to undated records (<c>--at</c>, else the file's modification time).</param>
/// <param name="FallbackSource">Where <paramref name="FallbackTime"/> came from.</param>
public sealed record ImportResult(
    string File,
    UsageLogFormat Format,
    string SourceHash,
    long Records,
    long Inserted,
    long Duplicates,
    long Rejected,
    string? RejectFile,
    ImmutableArray<RejectedLine> FirstRejects,
    decimal Cost,
    long Failed = 0,
    ImmutableArray<RejectedLine> FirstFailures = default,
    long Undated = 0,
    DateTimeOffset? FallbackTime = null,
    UsageAnalytics.TimeSource FallbackSource = UsageAnalytics.TimeSource.FileModified)
{
    /// <summary>Gets the lines (or rows) the file held that said something: records, rejects and failed calls.</summary>
    public long Lines => Records + Rejected + Failed;

    /// <summary>Gets the share of the file's records that were rejected (0 when it held none).</summary>
    public decimal RejectShare => Records + Rejected == 0 ? 0m : (decimal)Rejected / (Records + Rejected);
}

/// <summary>Progress of an import: bytes read of the file, records so far.</summary>
/// <param name="BytesRead">Bytes read.</param>
/// <param name="TotalBytes">The file's size.</param>
/// <param name="Records">Records read so far.</param>
public readonly record struct ImportProgress(long BytesRead, long TotalBytes, long Records);
