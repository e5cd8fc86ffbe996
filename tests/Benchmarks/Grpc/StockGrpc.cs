using DitCloud.Testing.V1;
using Grpc.Core;

namespace DitCloud.Benchmarks.Grpc;

/// <summary>
/// grpc-dotnet as its template sets it up (AddGrpc, one service, nothing else) answering the same echo:
/// the peer that shows what DitCloud's defaults cost on top of the framework.
/// </summary>
internal static class StockGrpc
{
    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port, o => o.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<EchoServer>();
        await app.RunAsync();
        return 0;
    }

    private sealed class EchoServer : EchoService.EchoServiceBase
    {
        public override Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context) =>
            Task.FromResult(new EchoResponse { Message = request.Payload.Message });
    }
}
