namespace InferCost.Data.UsageLogs;

/// <summary>SQL text helpers shared by the store and the SQL generator.</summary>
internal static class SqlText
{
    /// <summary>A single-quoted SQL string literal.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
