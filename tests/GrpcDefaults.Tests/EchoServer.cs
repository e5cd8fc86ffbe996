using DitCloud.TestApi;
using Microsoft.AspNetCore.Builder;

namespace DitCloud.GrpcDefaults.Tests;

/// <summary>
/// The test API on the shared gRPC defaults, on real Kestrel: an HTTP/2-only port for gRPC and an
/// HTTP/1.1 port for gRPC-web and health, as the AppHost configures services.
/// </summary>
public sealed class EchoServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoServer(WebApplication app, int grpcPort, int httpPort)
    {
        _app = app;
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}");
    }

    public Uri GrpcAddress { get; }

    public Uri HttpAddress { get; }

    /// <summary>Flip to make the readiness check (and so grpc.health.v1) fail.</summary>
    public bool DependencyUp { get; set; } = true;

    public static async Task<EchoServer> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var grpcPort = Hosting.Servers.LoopbackPort.Free();
        var httpPort = Hosting.Servers.LoopbackPort.Free();
        EchoServer? server = null;
        var app = EchoApi.Build([], () => server!.DependencyUp, new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:grpc:Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel:Endpoints:grpc:Protocols"] = "Http2",
            ["Kestrel:Endpoints:http:Url"] = $"http://127.0.0.1:{httpPort}",
            ["Kestrel:Endpoints:http:Protocols"] = "Http1",
        }.Concat(settings ?? []));
        server = new EchoServer(app, grpcPort, httpPort);
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
