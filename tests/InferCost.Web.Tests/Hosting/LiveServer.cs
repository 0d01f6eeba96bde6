using InferCost.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace InferCost.Web.Tests.Hosting;

/// <summary>The real app on a free loopback port (Kestrel, real HTTP), for browser and API-key tests.</summary>
public sealed class LiveServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LiveServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Gets the address the server listens on, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; }

    public static async Task<LiveServer> StartAsync(ServeOptions? options = null)
    {
        options ??= new ServeOptions();
        // Tests never touch the user's data folder: without a store of their own they get a fresh SQLite file.
        var store = options.Store ?? Path.Combine(Directory.CreateTempSubdirectory("infercost-web-").FullName, "infercost.db");
        var app = WebApp.Create(options with { Urls = ["http://127.0.0.1:0"], Store = store });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LiveServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
