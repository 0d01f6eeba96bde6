namespace InferCost.UsageAnalytics;

/// <summary>Where a usage record's time came from.</summary>
public enum TimeSource
{
    /// <summary>The record carried its own timestamp.</summary>
    Record,

    /// <summary>The record had none; the importer was given one (<c>--at</c>).</summary>
    Given,

    /// <summary>The record had none; the log file's modification time stands in for it.</summary>
    FileModified,
}
