using System.Text;
using System.Text.Json;
using static InferCost.Cli.Tests.CliRunner;

namespace InferCost.Cli.Tests.Hardening;

/// <summary>Regression tests for issue 9: a bad line is rejected with its number, the rest imports, the store stays readable.</summary>
public sealed class UsageImportHardeningTests
{
    private static string Line(string tokens, string id)
        => $$$"""{"id":"{{{id}}}","object":"chat.completion","created":1751450400,"model":"gpt-4o-mini","user":"u1","usage":{"prompt_tokens":{{{tokens}}},"completion_tokens":10}}""";

    private static (JsonElement Import, List<JsonElement> Rejects, string Db) Import(byte[] content, string name = "log.jsonl", params string[] options)
    {
        var dir = Path.Combine(Path.GetTempPath(), "infercost-harden", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, name);
        File.WriteAllBytes(file, content);
        var db = Path.Combine(dir, "u.duckdb");
        var (code, output, error) = Run(["usage", "import", file, "--db", db, "--json", .. options]);
        Assert.True(code == 0, $"exit {code}: {error}");
        var import = JsonDocument.Parse(output).RootElement.Clone();
        var rejectFile = import.GetProperty("files")[0].GetProperty("reject_file");
        var rejects = rejectFile.ValueKind == JsonValueKind.String
            ? File.ReadAllLines(rejectFile.GetString()!).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList()
            : [];
        return (import, rejects, db);
    }

    private static void AssertStoreReadable(string db, long records)
    {
        var report = Run("usage", "report", "--by", "user", "--db", db, "--json");
        Assert.True(report.Code == 0, report.Err);
        using var doc = JsonDocument.Parse(report.Out);
        Assert.Equal(records, doc.RootElement.GetProperty("totals").GetProperty("records").GetInt64());
        var export = Run("usage", "export", "--db", db);
        Assert.True(export.Code == 0, export.Err);
    }

    [Fact]
    public void A_line_of_invalid_UTF8_is_rejected_with_its_number_and_the_rest_imports()
    {
        var bad = Encoding.UTF8.GetBytes(Line("100", "b")).Select(b => b == (byte)'u' ? (byte)0xFF : b).ToArray();
        var content = Encoding.UTF8.GetBytes(Line("100", "a") + "\n").Concat(bad).Concat(Encoding.UTF8.GetBytes("\n" + Line("300", "c") + "\n")).ToArray();
        var (import, rejects, db) = Import(content);
        Assert.Equal(2, import.GetProperty("files")[0].GetProperty("inserted").GetInt64());
        var reject = Assert.Single(rejects);
        Assert.Equal(2, reject.GetProperty("line").GetInt64());
        Assert.StartsWith("invalid UTF-8 at byte ", reject.GetProperty("problem").GetString(), StringComparison.Ordinal);
        AssertStoreReadable(db, 2);
    }

    [Fact]
    public void A_byte_order_mark_CRLF_and_blank_lines_are_accepted_with_true_line_numbers()
    {
        var content = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Line("100", "a") + "\r\n\r\n" + Line("10.5", "b") + "\r\n")).ToArray();
        var (import, rejects, db) = Import(content);
        Assert.Equal(1, import.GetProperty("files")[0].GetProperty("inserted").GetInt64());
        var reject = Assert.Single(rejects);
        Assert.Equal(3, reject.GetProperty("line").GetInt64());
        AssertStoreReadable(db, 1);
    }

    [Fact]
    public void A_count_of_2_to_the_63_is_rejected_and_report_and_export_keep_working()
    {
        var content = Encoding.UTF8.GetBytes(string.Join("\n", Line("9223372036854775807", "a"), Line("1000000000000", "b"), Line("1000000000000", "c")) + "\n");
        var (import, rejects, db) = Import(content);
        var reject = Assert.Single(rejects);
        Assert.Equal(1, reject.GetProperty("line").GetInt64());
        Assert.Equal("Expected `usage.prompt_tokens` value to be a whole number from 0 to 1,000,000,000,000, got 9223372036854775807", reject.GetProperty("problem").GetString());
        Assert.Equal(2, import.GetProperty("files")[0].GetProperty("inserted").GetInt64());
        var report = Run("usage", "report", "--by", "model", "--db", db, "--json");
        Assert.True(report.Code == 0, report.Err);
        using var doc = JsonDocument.Parse(report.Out);
        Assert.Equal(2_000_000_000_000m, doc.RootElement.GetProperty("totals").GetProperty("input_tokens").GetDecimal());
        AssertStoreReadable(db, 2);
    }

    [Fact]
    public void Fractional_and_mistyped_counts_are_rejected_naming_the_field_as_price_does()
    {
        var content = Encoding.UTF8.GetBytes(string.Join("\n", Line("10.5", "a"), Line("\"12\"", "b"), Line("12.0", "c")) + "\n");
        var (import, rejects, db) = Import(content);
        Assert.Equal(
        [
            "Expected `usage.prompt_tokens` value to be a whole number from 0 to 1,000,000,000,000, got 10.5",
            "Expected `usage.prompt_tokens` value to be a number, got string \"12\"",
        ], rejects.Select(r => r.GetProperty("problem").GetString()));
        Assert.Equal(1, import.GetProperty("files")[0].GetProperty("inserted").GetInt64()); // 12.0 is twelve
        AssertStoreReadable(db, 1);
    }

    [Fact]
    public void A_CSV_log_with_a_byte_order_mark_imports()
    {
        var content = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("time,model,input_tokens,output_tokens,user\r\n2025-07-01T00:00:00Z,gpt-4o-mini,100,10,u1\r\n2025-07-01T00:00:01Z,gpt-4o-mini,2000000000000,10,u1\r\n")).ToArray();
        var (import, rejects, db) = Import(content, "log.csv");
        Assert.Equal(1, import.GetProperty("files")[0].GetProperty("inserted").GetInt64());
        Assert.Equal(3, Assert.Single(rejects).GetProperty("line").GetInt64());
        AssertStoreReadable(db, 1);
    }
}
