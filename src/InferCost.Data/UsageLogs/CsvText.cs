namespace InferCost.Data.UsageLogs;

/// <summary>CSV output helpers (RFC 4180 quoting) for reports and exports.</summary>
public static class CsvText
{
    /// <summary>Quotes a value when it holds a comma, a quote or a line break.</summary>
    public static string Escape(string? value) => CsvRecordReader.Escape(value);
}
