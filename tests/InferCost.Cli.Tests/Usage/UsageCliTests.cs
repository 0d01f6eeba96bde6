using System.Diagnostics;
using System.Text.Json;
using DuckDB.NET.Data;
using InferCost.Data.UsageLogs;
using static InferCost.Cli.Tests.CliRunner;

namespace InferCost.Cli.Tests.Usage;

public sealed class UsageCliTests
{
    private static readonly string Fixtures = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "InferCost.Data.Tests", "Fixtures", "usage"));

    private static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "infercost-usage-cli", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void Import_report_reprice_fit_and_export_with_json_output()
    {
        var dir = TempDir();
        var db = Path.Combine(dir, "u.duckdb");
        var import = Run("usage", "import", Path.Combine(Fixtures, "openai-chat.jsonl"), Path.Combine(Fixtures, "anthropic.jsonl"), Path.Combine(Fixtures, "broken.jsonl"), "--db", db, "--json");
        Assert.True(import.Code == 0, import.Err);
        using (var doc = JsonDocument.Parse(import.Out))
        {
            var files = doc.RootElement.GetProperty("files");
            Assert.Equal(3, files.GetArrayLength());
            Assert.Equal("openai", files[0].GetProperty("format").GetString());
            Assert.Equal(6, files[2].GetProperty("rejected").GetInt64());
            Assert.True(File.Exists(files[2].GetProperty("reject_file").GetString()));
            Assert.Equal(9, doc.RootElement.GetProperty("records_in_store").GetInt64());
        }

        var report = Run("usage", "report", "--by", "feature", "--top", "2", "--db", db, "--json");
        Assert.True(report.Code == 0, report.Err);
        using (var doc = JsonDocument.Parse(report.Out))
        {
            Assert.Equal(2, doc.RootElement.GetProperty("rows").GetArrayLength());
            Assert.Equal(9, doc.RootElement.GetProperty("totals").GetProperty("records").GetInt64());
            Assert.True(doc.RootElement.GetProperty("other_groups").GetInt64() > 0);
        }

        var csv = Run("usage", "report", "--by", "day", "--db", db, "--csv");
        Assert.StartsWith("key,records,requests,input_tokens", csv.Out, StringComparison.Ordinal);

        var table = Run("usage", "report", "--by", "user", "--from", "2025-07-01", "--to", "2025-08-01", "--db", db);
        Assert.Contains("cust_acme", table.Out, StringComparison.Ordinal);

        var reprice = Run("usage", "reprice", "--to", "gpt-4o-mini,claude-haiku-4-5", "--cache-hit", "0.5", "--batch-share", "0.2", "--efficiency", "claude-haiku-4-5=0.9", "--db", db, "--json");
        Assert.True(reprice.Code == 0, reprice.Err);
        using (var doc = JsonDocument.Parse(reprice.Out))
        {
            var alts = doc.RootElement.GetProperty("alternatives");
            Assert.Equal("openai/gpt-4o-mini", alts[0].GetProperty("model").GetString());
            Assert.True(alts[0].GetProperty("savings").GetDecimal() > 0);
            Assert.True(alts[0].GetProperty("top_users").GetArrayLength() > 0);
            Assert.Equal(0.9m, alts[1].GetProperty("efficiency").GetDecimal());
        }

        var sql = Run("usage", "reprice", "--to", "gpt-4o-mini", "--sql", "postgres");
        Assert.True(sql.Code == 0, sql.Err);
        Assert.Contains("WITH prices", sql.Out, StringComparison.Ordinal);

        var scenario = Path.Combine(dir, "scenario.yaml");
        var fit = Run("usage", "fit", "--out", scenario, "--db", db);
        Assert.True(fit.Code == 0, fit.Err);
        var yaml = File.ReadAllText(scenario);
        Assert.Contains("segments:", yaml, StringComparison.Ordinal);
        Assert.Contains("resend_history: false", yaml, StringComparison.Ordinal);

        var focus = Path.Combine(dir, "focus.csv");
        Assert.Equal(0, Run("usage", "export", "--out", focus, "--db", db).Code);
        var lines = File.ReadAllLines(focus);
        Assert.StartsWith("BillingAccountId,BillingCurrency,BillingPeriodStart", lines[0], StringComparison.Ordinal);
        Assert.Contains("ListCost", lines[0], StringComparison.Ordinal);
        Assert.True(lines.Length > 2);
    }

    [Fact]
    public void Reprice_counts_calls_an_alternative_cannot_take_as_stays_and_groups_dated_versions_by_model()
    {
        var dir = TempDir();
        var db = Path.Combine(dir, "u.duckdb");
        var csv = Path.Combine(dir, "calls.csv");
        File.WriteAllText(csv, """
            time,request_id,user,feature,provider,model,input_tokens,output_tokens
            2025-07-01T10:00:00Z,r1,u1,chat,openai,gpt-4.1,300000,500
            2025-07-01T10:01:00Z,r2,u1,chat,openai,gpt-4o-2024-08-06,1000,200
            2025-07-01T10:02:00Z,r3,u2,chat,openai,gpt-4o,2000,100
            """);
        Assert.Equal(0, Run("usage", "import", csv, Path.Combine(Fixtures, "real", "openai-embeddings.jsonl"), "--db", db).Code);
        var reprice = Run("usage", "reprice", "--to", "gpt-4o-mini,openai/text-embedding-3-small", "--db", db, "--json");
        Assert.True(reprice.Code == 0, reprice.Err);
        using (var doc = JsonDocument.Parse(reprice.Out))
        {
            var mini = doc.RootElement.GetProperty("alternatives")[0];
            Assert.Equal(4, mini.GetProperty("stays_requests").GetInt64()); // the 300k-token prompt and the 3 embeddings
            Assert.Equal(1, mini.GetProperty("stays_over_context").GetInt64());
            Assert.Equal(3, mini.GetProperty("stays_other_modality").GetInt64());
            Assert.Equal(128000, mini.GetProperty("context_window").GetInt64());
            Assert.True(mini.GetProperty("stays_cost").GetDecimal() > 0);
            var models = mini.GetProperty("top_models").EnumerateArray().Select(m => m.GetProperty("key").GetString()).ToList();
            Assert.Contains("gpt-4o", models);
            Assert.DoesNotContain("gpt-4o-2024-08-06", models);
            var small = doc.RootElement.GetProperty("alternatives")[1];
            Assert.Equal(3, small.GetProperty("stays_requests").GetInt64()); // the chat calls
            Assert.Equal(3, small.GetProperty("stays_other_modality").GetInt64());
        }

        var table = Run("usage", "reprice", "--to", "gpt-4o-mini", "--by", "model", "--db", db);
        Assert.True(table.Code == 0, table.Err);
        Assert.Contains("top model", table.Out, StringComparison.Ordinal);
        Assert.Contains("stays", table.Out, StringComparison.Ordinal);

        var sql = Run("usage", "reprice", "--to", "gpt-4o-mini", "--sql", "duckdb", "--by", "model");
        Assert.True(sql.Code == 0, sql.Err);
        Assert.Contains("regexp_replace", sql.Out, StringComparison.Ordinal);
        Assert.Contains("stays_cost", sql.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void User_errors_exit_with_code_1()
    {
        var dir = TempDir();
        var db = Path.Combine(dir, "u.duckdb");
        Assert.Equal(1, Run("usage", "report", "--db", db).Code); // no store yet
        Assert.Equal(1, Run("usage", "import", Path.Combine(dir, "missing.jsonl"), "--db", db).Code);
        Assert.Equal(0, Run("usage", "import", Path.Combine(Fixtures, "openai-chat.jsonl"), "--db", db).Code);
        var unknown = Run("usage", "reprice", "--to", "gpt-9-ultra", "--db", db);
        Assert.Equal(1, unknown.Code);
        Assert.Contains("Unknown model", unknown.Err, StringComparison.Ordinal);
        Assert.Equal(1, Run("usage", "reprice", "--to", "gpt-4o-mini", "--cache-hit", "1.5", "--db", db).Code);
        Assert.Equal(1, Run("usage", "reprice", "--to", "gpt-4o-mini", "--efficiency", "gpt-4o-mini=abc", "--db", db).Code);
        Assert.Equal(1, Run("usage", "report", "--from", "yesterday-ish", "--db", db).Code);
    }

    [Fact]
    public void A_file_with_lines_and_no_record_imported_exits_1_and_so_does_too_high_a_reject_share()
    {
        var dir = TempDir();
        var db = Path.Combine(dir, "u.duckdb");
        var bad = Path.Combine(dir, "all-bad.jsonl");
        File.WriteAllText(bad, "{\"model\":\"gpt-9-ultra\",\"created\":1751709600,\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}\n");
        var none = Run("usage", "import", bad, "--db", db);
        Assert.Equal(1, none.Code);
        Assert.Contains("no record imported", none.Err, StringComparison.Ordinal);

        // broken.jsonl: 2 of 8 records import; 6 rejected is 75 %.
        Assert.Equal(0, Run("usage", "import", Path.Combine(Fixtures, "broken.jsonl"), "--db", db, "--max-reject-share", "0.8").Code);
        var share = Run("usage", "import", Path.Combine(Fixtures, "broken.jsonl"), "--db", db, "--max-reject-share", "0.5", "--json");
        Assert.Equal(1, share.Code);
        using var doc = JsonDocument.Parse(share.Out);
        Assert.Contains("--max-reject-share", doc.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Undated_records_are_dated_by_at_and_the_summary_says_so()
    {
        var dir = TempDir();
        var db = Path.Combine(dir, "u.duckdb");
        var import = Run("usage", "import", Path.Combine(Fixtures, "real", "anthropic-messages-raw.jsonl"), "--at", "2025-07-01T12:00:00Z", "--db", db, "--json");
        Assert.True(import.Code == 0, import.Err);
        using var doc = JsonDocument.Parse(import.Out);
        var file = doc.RootElement.GetProperty("files")[0];
        Assert.Equal((4L, "--at"), (file.GetProperty("undated").GetInt64(), file.GetProperty("undated_time_source").GetString()));
        var text = Run("usage", "import", Path.Combine(Fixtures, "real", "gemini-generate-content.jsonl"), "--db", db);
        Assert.Contains("carry no timestamp", text.Out, StringComparison.Ordinal);
        Assert.Contains("modification time", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_import_killed_half_way_leaves_the_store_as_it_was()
    {
        var dir = TempDir();
        var db = Path.Combine(dir, "u.duckdb");
        Assert.Equal(0, Run("usage", "import", Path.Combine(Fixtures, "openai-chat.jsonl"), "--db", db).Code);
        var big = Path.Combine(dir, "big.jsonl");
        using (var s = File.Create(big))
        {
            SyntheticUsageLog.WriteOpenAiJsonl(s, 150_000, seed: 3);
        }

        var dll = Path.Combine(AppContext.BaseDirectory, "infercost.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "usage", "import", big, "--db", db })
        {
            psi.ArgumentList.Add(a);
        }

        using var child = Process.Start(psi)!;
        // Kill it once it has staged records: the first progress line comes after 65,536 records (after the
        // catalog-staleness warning, when the built-in snapshot is old on the day the test runs).
        var line = child.StandardError.ReadLine();
        while (line is not null && line.StartsWith("warning: ", StringComparison.Ordinal))
        {
            line = child.StandardError.ReadLine();
        }

        Assert.NotNull(line);
        Assert.StartsWith("progress: big.jsonl", line, StringComparison.Ordinal);
        child.Kill(entireProcessTree: true);
        child.WaitForExit();
        Assert.NotEqual(0, child.ExitCode);

        using (var connection = new DuckDBConnection("DataSource=" + db))
        {
            connection.Open();
            using var c = connection.CreateCommand();
            c.CommandText = "SELECT count(*), (SELECT count(*) FROM usage_imports) FROM usage_records";
            using var r = c.ExecuteReader();
            Assert.True(r.Read());
            Assert.Equal(4L, Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(1L, Convert.ToInt64(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
        }

        // The store still works: a later import of a small file succeeds.
        Assert.Equal(0, Run("usage", "import", Path.Combine(Fixtures, "anthropic.jsonl"), "--db", db).Code);
    }
}
