using DitCloud.Hosting.Servers;
using DitCloud.ServiceDefaults;
using DitCloud.ServiceDefaults.Grpc;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DitCloud.Observability.Tests.Probe;

/// <summary>
/// The probe service on the service defaults, on real Kestrel ports (HTTP/2-only for gRPC, HTTP/1.1
/// for health) as the AppHost configures services, with the settings a test passes.
/// </summary>
public sealed class ProbeHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProbeHost(WebApplication app, Uri grpcAddress)
    {
        _app = app;
        Channel = GrpcChannel.ForAddress(grpcAddress);
        Client = new PatientProbe.PatientProbeClient(Channel);
    }

    public GrpcChannel Channel { get; }

    public PatientProbe.PatientProbeClient Client { get; }

    public static async Task<ProbeHost> StartAsync(string connectionString, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        await using (var setup = NpgsqlDataSource.Create(connectionString))
        {
            await setup.CreateCommand("CREATE TABLE IF NOT EXISTS referral (nhs_number text, name text, reason text)").ExecuteNonQueryAsync();
        }

        var grpcPort = LoopbackPort.Free();
        var httpPort = LoopbackPort.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:grpc:Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel:Endpoints:grpc:Protocols"] = "Http2",
            ["Kestrel:Endpoints:http:Url"] = $"http://127.0.0.1:{httpPort}",
            ["Kestrel:Endpoints:http:Protocols"] = "Http1",
        }.Concat(settings));
        builder.WebHost.UseKestrel();
        builder.AddServiceDefaults();
        builder.AddGrpcDefaults();
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));

        var app = builder.Build();
        app.UseGrpcDefaults();
        app.MapGrpcService<PatientProbeService>();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return new ProbeHost(app, new Uri($"http://127.0.0.1:{grpcPort}"));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
