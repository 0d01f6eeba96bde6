using InferCost.UsageAnalytics;

namespace InferCost.Data.UsageLogs;

/// <summary>Receives records read back from the store with their recorded cost.</summary>
/// <param name="record">The record.</param>
/// <param name="cost">Its cost as imported (exact).</param>
public delegate void StoredRecordHandler(in UsageRecord record, decimal cost);
