using System.Diagnostics;
using DitCloud.Hosting.Servers;
using DitCloud.ServiceDefaults.Grpc;
using DitCloud.Testing.V1;
using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DitCloud.GrpcDefaults.Tests;

/// <summary>Our typed client against an independent server: @grpc/grpc-js serving the same contract.</summary>
public sealed class GrpcJsServerTests : IAsyncLifetime
{
    private Process _node = null!;
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        var port = LoopbackPort.Free();
        var root = Hosting.Orchestration.AppHostOptions.Parse([]).RepositoryRoot;
        _node = Process.Start(new ProcessStartInfo("node", [Path.Combine(root, "tests/interop/echo-server.mjs"), port.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        for (var i = 0; i < 100 && !await LoopbackPort.AcceptsAsync(port, TestContext.Current.CancellationToken); i++) await Task.Delay(100, TestContext.Current.CancellationToken);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["services:echo:grpc:0"] = $"http://127.0.0.1:{port}" }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddServiceClient<EchoService.EchoServiceClient>("echo");
        _services = services.BuildServiceProvider();
    }

    private EchoService.EchoServiceClient Client => _services.GetRequiredService<EchoService.EchoServiceClient>();

    [Fact]
    public async Task Unary_and_server_streaming_calls_work()
    {
        (await Client.EchoAsync(new EchoRequest { Payload = new EchoPayload { Message = "to node" } }, cancellationToken: TestContext.Current.CancellationToken))
            .Message.ShouldBe("to node");

        using var stream = Client.EchoServerStream(new EchoServerStreamRequest { Payload = new EchoPayload { Message = "n" }, ReplyCount = 3 }, cancellationToken: TestContext.Current.CancellationToken);
        var sequences = new List<int>();
        await foreach (var reply in stream.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken)) sequences.Add(reply.Sequence);
        sequences.ShouldBe([1, 2, 3]);
    }

    [Fact]
    public async Task A_status_from_the_node_server_reaches_our_client()
    {
        var error = await Should.ThrowAsync<RpcException>(async () => await Client.EchoAsync(
            new EchoRequest { Payload = new EchoPayload { Message = "x", FailWithCode = (int)StatusCode.NotFound, FailMessage = "nicht gefunden ✗" } },
            cancellationToken: TestContext.Current.CancellationToken));

        error.StatusCode.ShouldBe(StatusCode.NotFound);
        error.Status.Detail.ShouldBe("nicht gefunden ✗");
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _node.Kill(entireProcessTree: true);
        await _node.WaitForExitAsync();
        _node.Dispose();
    }
}
