using DitCloud.Testing.V1;
using Google.Protobuf;
using Grpc.Net.Client;

using DitCloud.TestApi;

namespace DitCloud.GrpcDefaults.Tests;

/// <summary>Broken requests get the right status, and the server keeps serving afterwards.</summary>
public sealed class MalformedInputTests : IAsyncLifetime
{
    private const string EchoPath = "/dit.testing.v1.EchoService/Echo";
    private EchoServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await EchoServer.StartAsync();

    public static TheoryData<string, byte[], string> BrokenBodies() => new()
    {
        { "truncated frame header", new byte[] { 0, 0, 0 }, "13" },
        { "length beyond the body", RawGrpc.Frame(Valid(), declaredLength: 500), "13" },
        { "compressed flag with no grpc-encoding", RawGrpc.Frame(Valid(), compressedFlag: true), "13" },
        // grpc-dotnet reports a request it cannot parse as UNKNOWN ("Exception was thrown by handler"),
        // before any interceptor runs; gRPC's own table would say INTERNAL. Recorded as found.
        { "garbage protobuf", RawGrpc.Frame([0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01]), "2" },
    };

    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public async Task A_broken_body_gets_a_status_and_the_server_keeps_serving(string why, byte[] body, string expectedStatus)
    {
        var response = await RawGrpc.PostAsync(_server.GrpcAddress, EchoPath, body, ct: TestContext.Current.CancellationToken);

        response.GrpcStatus.ShouldBe(expectedStatus, $"{why}: {response}");
        await AssertStillServing();
    }

    [Theory]
    [InlineData("/dit.testing.v1.EchoService/NoSuchMethod")]
    [InlineData("/dit.testing.v1.NoSuchService/Echo")]
    public async Task An_unknown_service_or_method_is_UNIMPLEMENTED(string path)
    {
        var response = await RawGrpc.PostAsync(_server.GrpcAddress, path, RawGrpc.Frame(Valid()), ct: TestContext.Current.CancellationToken);

        response.GrpcStatus.ShouldBe("12", response.ToString());
        await AssertStillServing();
    }

    private static byte[] Valid() => new EchoRequest { Payload = new EchoPayload { Message = "ok" } }.ToByteArray();

    private async Task AssertStillServing()
    {
        using var channel = GrpcChannel.ForAddress(_server.GrpcAddress);
        var reply = await new DitCloud.Testing.V1.EchoService.EchoServiceClient(channel)
            .EchoAsync(new EchoRequest { Payload = new EchoPayload { Message = "still here" } }, cancellationToken: TestContext.Current.CancellationToken);
        reply.Message.ShouldBe("still here");
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
