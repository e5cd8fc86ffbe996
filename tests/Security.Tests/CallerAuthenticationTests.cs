using DitCloud.ServiceDefaults.Security;
using DitCloud.TestApi;
using DitCloud.Testing;
using DitCloud.Testing.V1;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.IdentityModel.Tokens;

namespace DitCloud.Security.Tests;

/// <summary>A service verifies every caller's token itself and answers UNAUTHENTICATED or PERMISSION_DENIED with the reason.</summary>
public sealed class CallerAuthenticationTests : IAsyncLifetime
{
    private ServiceHost _host = null!;
    private EchoService.EchoServiceClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await ServiceHost.StartAsync(ProtectedEchoApi.Build, TestTokens.AuthSettings);
        _client = new(_host.Channel);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_partner_with_a_valid_token_is_known_by_client_id_ODS_code_and_scopes()
    {
        var token = TestTokens.Partner("partner-a", "RX1", Scopes.ReferralRead, Scopes.ReferralSubmit);

        var reply = await _client.EchoAsync(Request(), TestTokens.Headers(token), cancellationToken: Ct);

        reply.EchoedMetadata["caller-id"].ShouldBe("partner-a");
        reply.EchoedMetadata["caller-kind"].ShouldBe("Partner");
        reply.EchoedMetadata["caller-organisation"].ShouldBe("RX1");
        reply.EchoedMetadata["caller-scopes"].ShouldBe("referral.read referral.submit");
    }

    [Fact]
    public async Task A_clinician_is_known_by_user_id_and_roles()
    {
        var token = TestTokens.Clinician("practitioner-7", [Roles.Clinician, Roles.Supervisor], Scopes.ReferralRead, Scopes.ReferralManage);

        var reply = await _client.EchoAsync(Request(), TestTokens.Headers(token), cancellationToken: Ct);

        reply.EchoedMetadata["caller-id"].ShouldBe("practitioner-7");
        reply.EchoedMetadata["caller-kind"].ShouldBe("Clinician");
        reply.EchoedMetadata["caller-roles"].ShouldBe("clinician supervisor");
        reply.EchoedMetadata["caller-organisation"].ShouldBe("");
    }

    [Fact]
    public async Task RS256_tokens_are_accepted_as_well_as_RS512()
    {
        var token = TestTokens.Issue(new TestToken { Subject = "partner-b", OrganisationCode = "RX2", Scopes = [Scopes.ReferralRead], Algorithm = SecurityAlgorithms.RsaSha256 });

        var reply = await _client.EchoAsync(Request(), TestTokens.Headers(token), cancellationToken: Ct);

        reply.EchoedMetadata["caller-id"].ShouldBe("partner-b");
    }

    [Fact]
    public async Task Call_credentials_carry_the_token_too()
    {
        var token = TestTokens.Partner("partner-c", "RX3", Scopes.ReferralRead);
        using var channel = GrpcChannel.ForAddress(_host.GrpcAddress, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, TestTokens.Credentials(token)),
            UnsafeUseInsecureChannelCallCredentials = true,
        });

        var reply = await new EchoService.EchoServiceClient(channel).EchoAsync(Request(), cancellationToken: Ct);

        reply.EchoedMetadata["caller-id"].ShouldBe("partner-c");
    }

    public static TheoryData<string, string> RefusedTokens => new()
    {
        { "expired", "has expired" },
        { "wrong audience", "another audience" },
        { "wrong issuer", "issuer is not trusted" },
        { "unknown key", "key this service does not trust" },
        { "bad signature", "signature does not verify" },
        { "not a JWT", "not a well-formed JWT" },
        { "symmetric key", "The access token" },
        { "partner without ODS code", "ODS code" },
        { "no caller kind", "caller_kind" },
        { "no expiry", "no exp claim" },
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_refused_token_is_UNAUTHENTICATED_with_the_reason(string problem, string reason)
    {
        var error = await Should.ThrowAsync<RpcException>(async () =>
            await _client.EchoAsync(Request(), TestTokens.Headers(Token(problem)), cancellationToken: Ct));

        error.StatusCode.ShouldBe(StatusCode.Unauthenticated);
        error.Status.Detail.ShouldContain(reason);
    }

    [Fact]
    public async Task A_call_without_a_token_is_UNAUTHENTICATED_and_says_how_to_send_one()
    {
        var error = await Should.ThrowAsync<RpcException>(async () => await _client.EchoAsync(Request(), cancellationToken: Ct));

        error.StatusCode.ShouldBe(StatusCode.Unauthenticated);
        error.Status.Detail.ShouldContain("authorization: Bearer");
    }

    [Fact]
    public async Task A_method_without_a_scope_requirement_still_needs_a_verified_caller()
    {
        var refused = await Should.ThrowAsync<RpcException>(async () =>
        {
            using var call = _client.EchoClientStream(cancellationToken: Ct);
            await call.RequestStream.CompleteAsync();
            await call;
        });
        refused.StatusCode.ShouldBe(StatusCode.Unauthenticated);

        using var accepted = _client.EchoClientStream(TestTokens.Headers(TestTokens.Partner("partner-d", "RX4")), cancellationToken: Ct);
        await accepted.RequestStream.WriteAsync(new EchoClientStreamRequest { Payload = new EchoPayload { Message = "one" } }, Ct);
        await accepted.RequestStream.CompleteAsync();
        (await accepted).Message.ShouldBe("partner-d");
    }

    [Fact]
    public async Task A_missing_declared_scope_is_PERMISSION_DENIED_naming_it()
    {
        var token = TestTokens.Partner("partner-a", "RX1", Scopes.ReferralSubmit);

        var error = await Should.ThrowAsync<RpcException>(async () =>
            await _client.EchoAsync(Request(), TestTokens.Headers(token), cancellationToken: Ct));

        error.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        error.Status.Detail.ShouldContain("'referral.read'");
    }

    [Fact]
    public async Task A_scope_required_in_code_is_PERMISSION_DENIED_naming_it_and_passes_when_held()
    {
        var request = new EchoServerStreamRequest { Payload = new EchoPayload { Message = "x" }, ReplyCount = 1 };
        var reader = TestTokens.Partner("partner-a", "RX1", Scopes.ReferralRead);

        var error = await Should.ThrowAsync<RpcException>(async () =>
        {
            using var call = _client.EchoServerStream(request, TestTokens.Headers(reader), cancellationToken: Ct);
            await call.ResponseStream.MoveNext(Ct);
        });
        error.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        error.Status.Detail.ShouldContain("'referral.submit'");

        using var allowed = _client.EchoServerStream(request, TestTokens.Headers(TestTokens.Partner("partner-a", "RX1", Scopes.ReferralSubmit)), cancellationToken: Ct);
        (await allowed.ResponseStream.MoveNext(Ct)).ShouldBeTrue();
        allowed.ResponseStream.Current.Message.ShouldBe("partner-a");
    }

    [Fact]
    public async Task Anonymous_methods_health_and_probes_need_no_token()
    {
        using var bidi = _client.EchoBidiStream(cancellationToken: Ct);
        await bidi.RequestStream.WriteAsync(new EchoBidiStreamRequest { Payload = new EchoPayload { Message = "open" } }, Ct);
        (await bidi.ResponseStream.MoveNext(Ct)).ShouldBeTrue();
        await bidi.RequestStream.CompleteAsync();

        var health = await new Health.HealthClient(_host.Channel).CheckAsync(new HealthCheckRequest(), cancellationToken: Ct);
        health.Status.ShouldBe(HealthCheckResponse.Types.ServingStatus.Serving);

        using var http = new HttpClient { BaseAddress = _host.HttpAddress };
        (await http.GetAsync("/alive", Ct)).IsSuccessStatusCode.ShouldBeTrue();
        (await http.GetAsync("/health", Ct)).IsSuccessStatusCode.ShouldBeTrue();
    }

    private static EchoRequest Request() => new() { Payload = new EchoPayload { Message = "hello" } };

    private static string Token(string problem)
    {
        var valid = new TestToken { Subject = "partner-a", OrganisationCode = "RX1", Scopes = [Scopes.ReferralRead] };
        return problem switch
        {
            "expired" => TestTokens.Issue(valid with { IssuedAt = DateTimeOffset.UtcNow.AddHours(-1) }),
            "wrong audience" => TestTokens.Issue(valid with { Audience = "some-other-api" }),
            "wrong issuer" => TestTokens.Issue(valid with { Issuer = "https://impostor.example" }),
            "unknown key" => TestTokens.Issue(valid with { Key = TestTokens.UntrustedKey }),
            "bad signature" => TestTokens.Tamper(TestTokens.Issue(valid)),
            "not a JWT" => "not-a-token",
            "symmetric key" => TestTokens.Issue(valid with
            {
                Key = new SymmetricSecurityKey(new byte[64]) { KeyId = TestTokens.SigningKey.KeyId },
                Algorithm = SecurityAlgorithms.HmacSha256,
            }),
            "partner without ODS code" => TestTokens.Issue(valid with { OrganisationCode = null }),
            "no caller kind" => TestTokens.Issue(valid with { Kind = "robot" }),
            "no expiry" => TestTokens.Issue(valid with { Lifetime = null }),
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };
    }
}
