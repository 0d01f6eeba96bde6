using System.Net;
using System.Net.Sockets;
using System.Text;

namespace InferCost.Cli.Tests.Serving;

/// <summary>
/// A tiny OpenAI-compatible streaming server on 127.0.0.1 (random port): every chat completion waits
/// <see cref="TimeToFirstToken"/>, then streams <see cref="Tokens"/> one-token chunks <see cref="InterToken"/> apart,
/// then a usage chunk and <c>[DONE]</c>.
/// </summary>
internal sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeOpenAiServer(TimeSpan timeToFirstToken, TimeSpan interToken, int tokens)
    {
        TimeToFirstToken = timeToFirstToken;
        InterToken = interToken;
        Tokens = tokens;
        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/v1");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseUrl { get; }

    public TimeSpan TimeToFirstToken { get; }

    public TimeSpan InterToken { get; }

    public int Tokens { get; }

    public int RequestsServed => _served;

    private int _served;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
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

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            using (var reader = new StreamReader(context.Request.InputStream))
            {
                var body = await reader.ReadToEndAsync();
                if (context.Request.Url?.AbsolutePath != "/v1/chat/completions" || !body.Contains("\"stream\":true", StringComparison.Ordinal))
                {
                    response.StatusCode = 404;
                    response.Close();
                    return;
                }
            }

            // Count on acceptance: counting after [DONE] races with a client that has already read it and returned.
            Interlocked.Increment(ref _served);
            response.ContentType = "text/event-stream";
            response.SendChunked = true;
            var output = response.OutputStream;
            await Task.Delay(TimeToFirstToken, _stop.Token);
            for (var i = 0; i < Tokens; i++)
            {
                if (i > 0)
                {
                    await Task.Delay(InterToken, _stop.Token);
                }

                await WriteAsync(output, $"{{\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"t{i} \"}}}}]}}");
            }

            await WriteAsync(output, $"{{\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{{\"prompt_tokens\":12,\"completion_tokens\":{Tokens},\"total_tokens\":{Tokens + 12}}}}}");
            await WriteAsync(output, "[DONE]");
            response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            response.Abort();
        }
    }

    private static async Task WriteAsync(Stream output, string data)
    {
        var bytes = Encoding.UTF8.GetBytes($"data: {data}\n\n");
        await output.WriteAsync(bytes);
        await output.FlushAsync();
    }
}
