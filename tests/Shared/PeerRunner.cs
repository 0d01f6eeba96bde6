using System.Diagnostics;
using System.Text.Json;

namespace InferCost.Testing;

/// <summary>Runs a script of the genai-prices peer (tools/peer, installed by ./test.sh) on JSONL input lines.</summary>
internal static class PeerRunner
{
    /// <summary>Runs <c>node tools/peer/SCRIPT input.jsonl</c> and parses one JSON value per output line.</summary>
    public static List<JsonElement> Run(string script, IEnumerable<string> lines)
    {
        Assert.True(Directory.Exists(Path.Combine(RepoPaths.Tools, "node_modules", "@pydantic", "genai-prices")),
            "the genai-prices peer is not installed: run ./test.sh, or install Node.js and npm and run `npm ci` in tools/peer");
        var input = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(input, lines);
            var psi = new ProcessStartInfo("node", [Path.Combine(RepoPaths.Tools, script), input])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = RepoPaths.Tools,
            };
            Process process;
            try
            {
                process = Process.Start(psi)!;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                Assert.Fail($"cannot start node ({e.Message}): install Node.js (./test.sh does it: apt-get install nodejs npm)");
                throw;
            }

            using var started = process;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "peer timed out");
            Assert.True(process.ExitCode == 0, "peer failed: " + stderr.Result);
            return [.. stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
        }
        finally
        {
            File.Delete(input);
        }
    }
}
