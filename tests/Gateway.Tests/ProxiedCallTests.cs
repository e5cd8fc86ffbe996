using DitCloud.ServiceDefaults.Security;
using DitCloud.Testing;
using DitCloud.Testing.V1;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DitCloud.Gateway.Tests;

/// <summary>Every call through the gateway needs a valid token with the method's scope; refusals are gRPC statuses, and all are audited.</summary>
public sealed class ProxiedCallTests(OneGateway fixture) : IClassFixture<OneGateway>
{
    private readonly GatewayTestbed _bed = fixture.Bed;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static EchoRequest Request(string message = "hello", int delayMs = 0) => new() { Payload = new EchoPayload { Message = message, DelayMs = delayMs } };

    [Fact]
    public async Task A_call_with_the_scope_reaches_the_service_which_verifies_the_same_token()
    {
        var token = await _bed.PartnerTokenAsync("partner-a");
        var headers = TestTokens.Headers(token);
        headers.Add("echo-note", "kept");

        var call = _bed.Client().EchoAsync(Request(), headers, cancellationToken: Ct);
        var reply = await call;

        reply.EchoedMetadata["caller-id"].ShouldBe("partner-a");
        reply.EchoedMetadata["caller-organisation"].ShouldBe("RX1");
        call.GetTrailers().GetValue("echo-note").ShouldBe("kept");
    }

    public static TheoryData<string, string> RefusedTokens => new()
    {
        { "none", "authorization: Bearer" },
        { "expired", "has expired" },
        { "wrong audience", "another audience" },
        { "unknown key", "does not trust" },
        { "forged", "does not verify" },
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task The_gateway_answers_UNAUTHENTICATED_itself_with_the_reason(string problem, string reason)
    {
        var valid = new TestToken { Subject = "partner-b", OrganisationCode = "RX2", Scopes = [Scopes.ReferralRead] };
        var token = problem switch
        {
            "none" => null,
            "expired" => TestTokens.Issue(valid with { IssuedAt = DateTimeOffset.UtcNow.AddHours(-1) }),
            "wrong audience" => TestTokens.Issue(valid with { Audience = "another-api" }),
            "unknown key" => TestTokens.Issue(valid with { Key = TestTokens.UntrustedKey }),
            "forged" => TestTokens.Tamper(TestTokens.Issue(valid)),
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };
        var before = EchoAttempts();

        var error = await Should.ThrowAsync<RpcException>(async () =>
            await _bed.Client().EchoAsync(Request("refused-" + problem), token is null ? null : TestTokens.Headers(token), cancellationToken: Ct));

        error.StatusCode.ShouldBe(StatusCode.Unauthenticated);
        error.Status.Detail.ShouldContain(reason);
        EchoAttempts().ShouldBe(before, "a refused call never reaches the service");
    }

    [Fact]
    public async Task A_token_without_the_methods_scope_is_PERMISSION_DENIED_naming_it()
    {
        var token = await _bed.PartnerTokenAsync("partner-c", scope: "referral.submit");

        var error = await Should.ThrowAsync<RpcException>(async () => await _bed.Client().EchoAsync(Request(), TestTokens.Headers(token), cancellationToken: Ct));

        error.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        error.Status.Detail.ShouldContain("'referral.read'");
    }

    [Fact]
    public async Task Methods_not_opened_through_the_gateway_are_UNIMPLEMENTED()
    {
        var headers = TestTokens.Headers(TestTokens.Partner("partner-a", "RX1", Scopes.ReferralRead, Scopes.ReferralSubmit));

        var notListed = await Should.ThrowAsync<RpcException>(async () =>
        {
            using var call = _bed.Client().EchoBidiStream(headers, cancellationToken: Ct);
            await call.RequestStream.CompleteAsync();
            await call.ResponseStream.MoveNext(Ct);
        });
        var unknownService = await Should.ThrowAsync<RpcException>(async () =>
            await new Grpc.Health.V1.Health.HealthClient(_bed.Gateway.Channel).CheckAsync(new(), headers, cancellationToken: Ct));

        notListed.StatusCode.ShouldBe(StatusCode.Unimplemented);
        unknownService.StatusCode.ShouldBe(StatusCode.Unimplemented);
    }

    [Fact]
    public async Task Server_streaming_passes_through_with_its_own_scope()
    {
        var token = TestTokens.Partner("partner-d", "RX4", Scopes.ReferralSubmit);

        using var call = _bed.Client().EchoServerStream(new EchoServerStreamRequest { Payload = new EchoPayload { Message = "s" }, ReplyCount = 1 },
            TestTokens.Headers(token), cancellationToken: Ct);

        (await call.ResponseStream.MoveNext(Ct)).ShouldBeTrue();
        call.ResponseStream.Current.Message.ShouldBe("partner-d");
    }

    [Fact]
    public async Task A_deadline_beyond_the_cap_is_lowered_so_a_slow_call_ends_DEADLINE_EXCEEDED()
    {
        var token = TestTokens.Partner("partner-e", "RX5", Scopes.ReferralRead);

        var error = await Should.ThrowAsync<RpcException>(async () => await _bed.Client().EchoAsync(
            Request("slow", delayMs: 30_000), TestTokens.Headers(token), deadline: DateTime.UtcNow.AddMinutes(5), cancellationToken: Ct));

        error.StatusCode.ShouldBe(StatusCode.DeadlineExceeded);
    }

    [Fact]
    public async Task A_service_that_cannot_be_reached_gives_UNAVAILABLE_not_a_bare_HTTP_error()
    {
        var token = TestTokens.Partner("partner-e", "RX5", Scopes.ReferralRead);
        var method = new Method<EchoRequest, EchoResponse>(MethodType.Unary, "dit.down.v1.DownService", "Call",
            Marshallers.Create(m => Google.Protobuf.MessageExtensions.ToByteArray(m), EchoRequest.Parser.ParseFrom),
            Marshallers.Create(m => Google.Protobuf.MessageExtensions.ToByteArray(m), EchoResponse.Parser.ParseFrom));

        var error = await Should.ThrowAsync<RpcException>(async () =>
            await _bed.Gateway.Channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(TestTokens.Headers(token), cancellationToken: Ct), Request()));

        error.StatusCode.ShouldBe(StatusCode.Unavailable);
        error.Status.Detail.ShouldContain("retry with backoff");
    }

    [Fact]
    public async Task Every_call_is_audited_with_caller_method_outcome_and_the_services_patient_reference_which_the_client_never_sees()
    {
        var token = TestTokens.Partner("partner-audited", "RX9", Scopes.ReferralRead);
        var headers = TestTokens.Headers(token);
        headers.Add("echo-patient-ref", "referral-7f3a");
        var call = _bed.Client().EchoAsync(Request(), headers, cancellationToken: Ct);
        await call;
        (await call.ResponseHeadersAsync).GetValue(PatientReferenceReporting.HeaderName).ShouldBeNull();
        await Should.ThrowAsync<RpcException>(async () =>
            await _bed.Client().EchoAsync(Request(), TestTokens.Headers(TestTokens.Partner("partner-audited", "RX9", Scopes.ReferralSubmit)), cancellationToken: Ct));

        var rows = await _bed.AuditAsync(row => row.Outcome == "PermissionDenied", callerId: "partner-audited");

        rows.Count.ShouldBe(2);
        rows[0].ShouldBe(rows[0] with
        {
            CallerKind = "partner", OrganisationCode = "RX9", Method = "/dit.testing.v1.EchoService/Echo", Transport = "grpc",
            Outcome = "OK", StatusCode = 0, PatientReference = "referral-7f3a", Instance = "gateway-0",
        });
        rows[0].DurationMs.ShouldBeGreaterThan(0);
        rows[1].Outcome.ShouldBe("PermissionDenied");
        rows[1].PatientReference.ShouldBeNull();
    }

    [Fact]
    public async Task Calls_without_a_valid_token_are_audited_too()
    {
        await Should.ThrowAsync<RpcException>(async () => await _bed.Client().EchoAsync(Request("anonymous-audit"), cancellationToken: Ct));

        var rows = await _bed.AuditAsync(row => row.CallerId == null && row.Outcome == "Unauthenticated");

        rows.ShouldContain(row => row.CallerId == null && row.Outcome == "Unauthenticated" && row.StatusCode == 16 && row.Method == "/dit.testing.v1.EchoService/Echo");
    }

    [Theory]
    [InlineData("UPDATE gateway_audit SET outcome = 'OK'")]
    [InlineData("DELETE FROM gateway_audit")]
    [InlineData("TRUNCATE gateway_audit")]
    public async Task The_audit_is_append_only(string change)
    {
        await Should.ThrowAsync<RpcException>(async () => await _bed.Client().EchoAsync(Request(), cancellationToken: Ct));
        await _bed.AuditAsync(row => true);
        await using var connection = new NpgsqlConnection(_bed.AuditDatabase);
        await connection.OpenAsync(Ct);

        var error = await Should.ThrowAsync<PostgresException>(async () => await new NpgsqlCommand(change, connection).ExecuteNonQueryAsync(Ct));

        error.MessageText.ShouldContain("append-only");
    }

    private int EchoAttempts() => _bed.Service.Services.GetRequiredService<DitCloud.TestApi.ArrivedCalls>().Count;
}
