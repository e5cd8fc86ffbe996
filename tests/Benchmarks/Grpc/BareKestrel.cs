using DitCloud.Testing.V1;
using Google.Protobuf;

namespace DitCloud.Benchmarks.Grpc;

/// <summary>The ceiling: Kestrel over HTTP/2 answering the bytes a gRPC echo would, with no gRPC stack at all.</summary>
internal static class BareKestrel
{
    public static async Task<int> RunAsync(int port)
    {
        var message = new EchoResponse { Message = GrpcBenchmark.Message }.ToByteArray();
        var frame = new byte[5 + message.Length];
        frame[4] = (byte)message.Length;
        message.CopyTo(frame, 5);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port, o => o.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2));
        var app = builder.Build();
        app.MapPost("/dit.testing.v1.EchoService/Echo", async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.ContentType = "application/grpc";
            context.Response.AppendTrailer("grpc-status", "0");
            await context.Response.Body.WriteAsync(frame);
        });
        await app.RunAsync();
        return 0;
    }
}
