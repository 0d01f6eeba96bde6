using System.Net;
using System.Net.Sockets;

namespace InferCost.Cli.Tests.Catalog;

/// <summary>A real HTTP server on 127.0.0.1 (random port) that answers every GET with one fixed body.</summary>
internal sealed class FeedServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _body;
    private readonly Task _loop;

    public FeedServer(byte[] body, HttpStatusCode status = HttpStatusCode.OK)
    {
        _body = body;
        Status = status;
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/prices/new_data/v2/data.json";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public string Url { get; }

    public HttpStatusCode Status { get; }

    public int RequestsServed => _served;

    private int _served;

    /// <summary>A loopback URL nothing listens on.</summary>
    public static string UnreachableUrl() => $"http://127.0.0.1:{FreePort()}/data.json";

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
        {
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref _served);
            context.Response.StatusCode = (int)Status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = _body.Length;
            await context.Response.OutputStream.WriteAsync(_body);
            context.Response.Close();
        }
    }
}
