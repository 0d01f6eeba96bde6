using System.Net;

namespace InferCost.Web.Hosting;

/// <summary>How <c>infercost serve</c> runs: where it listens, the API key, the store.</summary>
public sealed record ServeOptions
{
    /// <summary>The default address: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5000";

    /// <summary>Gets the addresses to listen on (default <see cref="DefaultUrl"/>).</summary>
    public IReadOnlyList<string> Urls { get; init; } = [DefaultUrl];

    /// <summary>Gets the API key every request must present (header <c>X-Api-Key</c> or <c>Authorization: Bearer</c>), or null.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Gets the store: a SQLite file path or a <c>postgres://</c> / Npgsql connection string; null = SQLite in the user's data folder.</summary>
    public string? Store { get; init; }

    /// <summary>Gets the DuckDB usage store the usage pages and endpoints read (a server setting, never a user's request); null: the default store ($INFERCOST_USAGE_DB or usage.duckdb in the user's data folder).</summary>
    public string? UsageDb { get; init; }

    /// <summary>Gets requests a client may make a second on the simulation endpoints (the rest answer 429).</summary>
    public int SimulationRequestsPerSecond { get; init; } = 50;

    /// <summary>Why these options may not start a server, or null when they may.</summary>
    public string? Refusal()
    {
        if (!string.IsNullOrEmpty(ApiKey))
        {
            return null;
        }

        var open = Urls.FirstOrDefault(u => !IsLoopback(u));
        return open is null
            ? null
            : $"refusing to listen on {open} without an API key: anyone who can reach that address could use this server. " +
              "Pass --api-key KEY (or set INFERCOST_API_KEY), or listen on loopback only (the default, 127.0.0.1).";
    }

    /// <summary>Whether a URL binds only a loopback address.</summary>
    public static bool IsLoopback(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var hostPort = slash >= 0 ? rest[..slash] : rest;
        string host;
        if (hostPort.StartsWith('['))
        {
            var end = hostPort.IndexOf(']', StringComparison.Ordinal);
            host = end > 0 ? hostPort[1..end] : hostPort;
        }
        else
        {
            var colon = hostPort.LastIndexOf(':');
            host = colon >= 0 ? hostPort[..colon] : hostPort;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }
}
