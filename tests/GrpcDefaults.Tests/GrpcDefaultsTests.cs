using DitCloud.Testing.V1;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;

using DitCloud.TestApi;

namespace DitCloud.GrpcDefaults.Tests;

/// <summary>The defaults every service gets, exercised through a real client over HTTP/2.</summary>
public sealed class GrpcDefaultsTests : IAsyncLifetime
{
    private EchoServer _server = null!;
    private GrpcChannel _channel = null!;
    private DitCloud.Testing.V1.EchoService.EchoServiceClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await EchoServer.StartAsync(new() { ["Grpc:MaxMessageBytes"] = "65536", ["Grpc:MaxDeadline"] = "00:00:01" });
        _channel = GrpcChannel.ForAddress(_server.GrpcAddress, new GrpcChannelOptions { MaxReceiveMessageSize = null, MaxSendMessageSize = null });
        _client = new(_channel);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Unary_echoes_the_message_and_metadata()
    {
        var call = _client.EchoAsync(Request("héllo ☀"), new Metadata { { "echo-partner", "nhs-trust-a" } }, cancellationToken: Ct);

        var response = await call;

        response.Message.ShouldBe("héllo ☀");
        response.EchoedMetadata["echo-partner"].ShouldBe("nhs-trust-a");
        call.GetTrailers().GetValue("echo-partner").ShouldBe("nhs-trust-a");
    }

    [Fact]
    public async Task Server_client_and_bidi_streams_work()
    {
        using var server = _client.EchoServerStream(new EchoServerStreamRequest { Payload = Payload("tick"), ReplyCount = 5 }, cancellationToken: Ct);
        var sequences = new List<int>();
        await foreach (var reply in server.ResponseStream.ReadAllAsync(Ct)) sequences.Add(reply.Sequence);
        sequences.ShouldBe([1, 2, 3, 4, 5]);

        using var client = _client.EchoClientStream(cancellationToken: Ct);
        foreach (var word in new[] { "one", "two", "three" }) await client.RequestStream.WriteAsync(new EchoClientStreamRequest { Payload = Payload(word) }, Ct);
        await client.RequestStream.CompleteAsync();
        (await client).Message.ShouldBe("one two three");

        using var bidi = _client.EchoBidiStream(cancellationToken: Ct);
        await bidi.RequestStream.WriteAsync(new EchoBidiStreamRequest { Payload = Payload("ping") }, Ct);
        (await bidi.ResponseStream.MoveNext(Ct)).ShouldBeTrue();
        bidi.ResponseStream.Current.Message.ShouldBe("ping");
        await bidi.RequestStream.CompleteAsync();
        (await bidi.ResponseStream.MoveNext(Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_bad_request_is_INVALID_ARGUMENT_with_one_BadRequest_violation_per_field()
    {
        var error = await Should.ThrowAsync<RpcException>(async () =>
            await _client.EchoServerStream(new EchoServerStreamRequest { Payload = Payload(""), ReplyCount = 0 }, cancellationToken: Ct).ResponseStream.MoveNext(Ct));

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        var details = error.GetRpcStatus()!.GetDetail<BadRequest>()!;
        details.FieldViolations.Select(v => v.Field).ShouldBe(["payload.message", "reply_count"], ignoreOrder: true);
        error.Status.Detail.ShouldContain("payload.message");
    }

    [Fact]
    public async Task A_bad_NHS_number_is_named_in_the_violation_and_never_echoed()
    {
        var payload = Payload("ok");
        payload.NhsNumber = "9434765918";

        var error = await Should.ThrowAsync<RpcException>(async () => await _client.EchoAsync(new EchoRequest { Payload = payload }, cancellationToken: Ct));

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        var violation = error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.ShouldHaveSingleItem();
        violation.Field.ShouldBe("payload.nhs_number");
        violation.Description.ShouldContain("check digit");
        error.Status.Detail.ShouldNotContain("9434765918");
    }

    [Fact]
    public async Task A_bad_message_in_a_client_stream_is_refused_as_it_arrives()
    {
        using var call = _client.EchoClientStream(cancellationToken: Ct);
        await call.RequestStream.WriteAsync(new EchoClientStreamRequest { Payload = Payload("fine") }, Ct);
        await call.RequestStream.WriteAsync(new EchoClientStreamRequest { Payload = Payload("") }, Ct);

        var error = await Should.ThrowAsync<RpcException>(async () => await call.ResponseAsync);
        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
    }

    [Theory]
    [InlineData(StatusCode.NotFound)]
    [InlineData(StatusCode.AlreadyExists)]
    [InlineData(StatusCode.FailedPrecondition)]
    [InlineData(StatusCode.PermissionDenied)]
    [InlineData(StatusCode.Unauthenticated)]
    [InlineData(StatusCode.ResourceExhausted)]
    [InlineData(StatusCode.Unavailable)]
    public async Task A_status_raised_by_a_handler_reaches_the_caller_with_its_unicode_message(StatusCode code)
    {
        var error = await Should.ThrowAsync<RpcException>(async () =>
            await _client.EchoAsync(new EchoRequest { Payload = new EchoPayload { Message = "x", FailWithCode = (int)code, FailMessage = "ünïcødé ✓ 名前" } }, cancellationToken: Ct));

        error.StatusCode.ShouldBe(code);
        error.Status.Detail.ShouldBe("ünïcødé ✓ 名前");
    }

    [Fact]
    public async Task A_domain_failure_maps_to_its_status()
    {
        var error = await Should.ThrowAsync<RpcException>(async () => await _client.EchoAsync(Request(EchoApiService.DomainNotFound), cancellationToken: Ct));

        error.StatusCode.ShouldBe(StatusCode.NotFound);
        error.Status.Detail.ShouldBe("referral 42 was not found");
    }

    [Fact]
    public async Task An_unexpected_failure_is_INTERNAL_with_an_error_id_and_nothing_of_the_exception()
    {
        var error = await Should.ThrowAsync<RpcException>(async () => await _client.EchoAsync(Request(EchoApiService.UnexpectedFailure), cancellationToken: Ct));

        error.StatusCode.ShouldBe(StatusCode.Internal);
        error.Status.Detail.ShouldContain("error id");
        error.Status.Detail.ShouldNotContain("secret");
        error.Status.Detail.ShouldNotContain("9434765919");
        error.Trailers.ShouldNotContain(t => t.Key.Contains("exception"));
    }

    [Fact]
    public async Task A_message_over_the_limit_is_RESOURCE_EXHAUSTED()
    {
        var payload = Payload("big");
        payload.Padding = Google.Protobuf.ByteString.CopyFrom(new byte[70_000]);

        var error = await Should.ThrowAsync<RpcException>(async () => await _client.EchoAsync(new EchoRequest { Payload = payload }, cancellationToken: Ct));

        error.StatusCode.ShouldBe(StatusCode.ResourceExhausted);
    }

    [Fact]
    public async Task Gzip_requests_are_accepted_and_responses_offered_compressed()
    {
        var payload = Payload("squeeze");
        payload.Padding = Google.Protobuf.ByteString.CopyFrom(new byte[30_000]);
        var call = _client.EchoAsync(new EchoRequest { Payload = payload },
            new Metadata { { "grpc-internal-encoding-request", "gzip" } }, cancellationToken: Ct);
        (await call).Message.ShouldBe("squeeze");

        var raw = await RawGrpc.PostAsync(_server.GrpcAddress, "/dit.testing.v1.EchoService/Echo", RawGrpc.Frame(new EchoRequest { Payload = payload }),
            new Dictionary<string, string> { ["grpc-accept-encoding"] = "gzip" }, Ct);
        raw.GrpcStatus.ShouldBe("0");
        raw.GrpcEncoding.ShouldBe("gzip");
        raw.Body[0].ShouldBe((byte)1, "the response frame is marked compressed");
        raw.Body.Length.ShouldBeLessThan(30_000);
    }

    [Fact]
    public async Task A_call_without_a_deadline_is_capped_by_the_server()
    {
        var payload = Payload("slow");
        payload.DelayMs = 5_000;

        var error = await Should.ThrowAsync<RpcException>(async () => await _client.EchoAsync(new EchoRequest { Payload = payload }, cancellationToken: Ct));

        error.StatusCode.ShouldBe(StatusCode.DeadlineExceeded);
    }

    [Fact]
    public async Task Reflection_lists_the_services()
    {
        var reflection = new ServerReflection.ServerReflectionClient(_channel);
        using var call = reflection.ServerReflectionInfo(cancellationToken: Ct);
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" }, Ct);
        await call.RequestStream.CompleteAsync();
        (await call.ResponseStream.MoveNext(Ct)).ShouldBeTrue();

        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        names.ShouldContain("dit.testing.v1.EchoService");
        names.ShouldContain("grpc.health.v1.Health");
    }

    [Fact]
    public async Task Health_goes_NOT_SERVING_when_a_dependency_fails_and_back_while_liveness_stays_SERVING()
    {
        var health = new Health.HealthClient(_channel);
        (await health.CheckAsync(new HealthCheckRequest(), cancellationToken: Ct)).Status.ShouldBe(HealthCheckResponse.Types.ServingStatus.Serving);

        _server.DependencyUp = false;
        (await health.CheckAsync(new HealthCheckRequest(), cancellationToken: Ct)).Status.ShouldBe(HealthCheckResponse.Types.ServingStatus.NotServing);
        // Liveness (what Kubernetes restarts pods on) asks only about the process, never a dependency.
        (await health.CheckAsync(new HealthCheckRequest { Service = "liveness" }, cancellationToken: Ct)).Status
            .ShouldBe(HealthCheckResponse.Types.ServingStatus.Serving);

        _server.DependencyUp = true;
        (await health.CheckAsync(new HealthCheckRequest(), cancellationToken: Ct)).Status.ShouldBe(HealthCheckResponse.Types.ServingStatus.Serving);
    }

    private static EchoPayload Payload(string message) => new() { Message = message };

    private static EchoRequest Request(string message) => new() { Payload = Payload(message) };

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }
}
