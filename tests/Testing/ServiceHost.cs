using DitCloud.Hosting.Servers;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;

namespace DitCloud.Testing;

/// <summary>
/// A DitCloud service hosted in the test process on real Kestrel, configured as the AppHost
/// configures it: an HTTP/2-only port for gRPC, an HTTP/1.1 port for gRPC-web and health, and the
/// settings the test passes (connection strings, Auth, options). Each service exposes
/// <c>XxxApp.Build(settings)</c> for this; Program.cs calls the same method.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private ServiceHost(WebApplication app, int grpcPort, int httpPort)
    {
        this.app = app;
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}");
        Channel = GrpcChannel.ForAddress(GrpcAddress);
    }

    public Uri GrpcAddress { get; }

    public Uri HttpAddress { get; }

    /// <summary>One channel to the gRPC port for the test's clients (disposed with the host).</summary>
    public GrpcChannel Channel { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<ServiceHost> StartAsync(
        Func<IEnumerable<KeyValuePair<string, string?>>, WebApplication> build,
        IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var given = settings.ToList();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortsAsync(build, given);
            }
            catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException && attempt < 3)
            {
                // Another process took a port between our check and Kestrel's bind: try other ports.
            }
        }
    }

    private static async Task<ServiceHost> StartOnFreePortsAsync(
        Func<IEnumerable<KeyValuePair<string, string?>>, WebApplication> build,
        IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var grpcPort = LoopbackPort.Free();
        var httpPort = LoopbackPort.Free();
        var app = build(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:grpc:Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel:Endpoints:grpc:Protocols"] = "Http2",
            ["Kestrel:Endpoints:http:Url"] = $"http://127.0.0.1:{httpPort}",
            ["Kestrel:Endpoints:http:Protocols"] = "Http1",
            ["Logging:LogLevel:Default"] = "Warning",
        }.Concat(settings));
        var host = new ServiceHost(app, grpcPort, httpPort);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A host that failed to start keeps its signal handlers until disposed (SIGTERM would be ignored).
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        // Bounded: a hosted service that ignores the shutdown token would otherwise hold the whole
        // test run until CI's own limit (seen once: a test class's fixture never finished stopping).
        using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stopped = app.StopAsync(shutdown.Token);
        if (await Task.WhenAny(stopped, Task.Delay(TimeSpan.FromSeconds(60))) != stopped)
        {
            throw new TimeoutException($"The service on {GrpcAddress} did not stop within 60 s of being asked; it is abandoned.");
        }
        await stopped;
        await app.DisposeAsync();
    }
}
