using System.Net;
using System.Text.Json;
using DitCloud.Testing;
using DitCloud.Testing.V1;
using Microsoft.IdentityModel.Tokens;

namespace DitCloud.Gateway.Tests;

/// <summary>The token endpoint takes client credentials with a signed JWT client assertion, exactly as NHS APIs do.</summary>
public sealed class TokenEndpointTests(TwoGateways fixture) : IClassFixture<TwoGateways>
{
    private readonly GatewayTestbed _bed = fixture.Bed;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_valid_assertion_gets_a_ten_minute_token_that_the_service_verifies()
    {
        using var response = await TokenClient.RequestAsync(_bed.Gateway.HttpAddress, ClientAssertion.For("partner-a", _bed.TokenUrl()));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        body.GetProperty("token_type").GetString().ShouldBe("Bearer");
        body.GetProperty("expires_in").GetInt32().ShouldBe(600);
        body.GetProperty("scope").GetString().ShouldBe("referral.read referral.submit");

        var reply = await _bed.Client().EchoAsync(new EchoRequest { Payload = new EchoPayload { Message = "hi" } },
            TestTokens.Headers(body.GetProperty("access_token").GetString()!), cancellationToken: Ct);
        reply.EchoedMetadata["caller-id"].ShouldBe("partner-a");
        reply.EchoedMetadata["caller-kind"].ShouldBe("Partner");
        reply.EchoedMetadata["caller-organisation"].ShouldBe("RX1");
    }

    [Fact]
    public async Task A_partner_may_ask_for_fewer_scopes_but_not_for_more()
    {
        using var fewer = await TokenClient.RequestAsync(_bed.Gateway.HttpAddress, ClientAssertion.For("partner-c", _bed.TokenUrl()), scope: "referral.read");
        JsonDocument.Parse(await fewer.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("scope").GetString().ShouldBe("referral.read");

        using var more = await TokenClient.RequestAsync(_bed.Gateway.HttpAddress, ClientAssertion.For("partner-c", _bed.TokenUrl()), scope: "referral.read outcomes.read");
        await ShouldBeRefusedAsync(more, HttpStatusCode.BadRequest, "invalid_scope", "outcomes.read");
    }

    [Fact]
    public async Task A_replayed_assertion_is_refused_by_the_same_and_by_another_replica()
    {
        var assertion = ClientAssertion.For("partner-d", _bed.TokenUrl(0)) with { Audience = _bed.TokenUrl(0) };
        var signed = assertion.Sign();

        (await TokenClient.RequestAsync(_bed.Gateways[0].HttpAddress, signed)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ShouldBeRefusedAsync(await TokenClient.RequestAsync(_bed.Gateways[0].HttpAddress, signed), HttpStatusCode.Unauthorized, "invalid_client", "used before");

        // The second replica has its own URL: the same jti in an assertion made for it is still a replay.
        var forReplica = (assertion with { Audience = _bed.TokenUrl(1) }).Sign();
        await ShouldBeRefusedAsync(await TokenClient.RequestAsync(_bed.Gateways[1].HttpAddress, forReplica), HttpStatusCode.Unauthorized, "invalid_client", "used before");
    }

    public static TheoryData<string, string> BadAssertions => new()
    {
        { "RS256", "RS512" },
        { "no kid", "kid" },
        { "iss differs from sub", "iss and sub" },
        { "unknown client", "not registered" },
        { "wrong audience", "aud" },
        { "exp too far ahead", "more than 5 minutes ahead" },
        { "expired", "expired" },
        { "unknown key", "is not registered for this client" },
        { "bad signature", "signature" },
        { "no jti", "jti" },
        { "not a JWT", "not a JWT" },
    };

    [Theory]
    [MemberData(nameof(BadAssertions))]
    public async Task A_bad_assertion_is_refused_saying_why(string problem, string reason)
    {
        var good = ClientAssertion.For("partner-b", _bed.TokenUrl());
        var assertion = problem switch
        {
            "RS256" => (good with { Algorithm = SecurityAlgorithms.RsaSha256 }).Sign(),
            "no kid" => (good with { OmitKeyId = true }).Sign(),
            "iss differs from sub" => (good with { Subject = "partner-a" }).Sign(),
            "unknown client" => (good with { Issuer = "stranger", Subject = "stranger" }).Sign(),
            "wrong audience" => (good with { Audience = "https://elsewhere.example/oauth2/token" }).Sign(),
            "exp too far ahead" => (good with { ExpiresIn = TimeSpan.FromMinutes(10) }).Sign(),
            "expired" => (good with { ExpiresIn = TimeSpan.FromMinutes(-2) }).Sign(),
            "unknown key" => (good with { Key = TestTokens.NewKey("partner-b-key-2") }).Sign(),
            "bad signature" => TestTokens.Tamper(good.Sign()),
            "no jti" => (good with { Jti = null }).Sign(),
            "not a JWT" => "certainly-not-a-jwt",
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        using var response = await TokenClient.RequestAsync(_bed.Gateway.HttpAddress, assertion);

        await ShouldBeRefusedAsync(response, problem == "not a JWT" ? HttpStatusCode.BadRequest : HttpStatusCode.Unauthorized,
            problem == "not a JWT" ? "invalid_request" : "invalid_client", reason);
    }

    [Fact]
    public async Task Only_client_credentials_with_a_JWT_bearer_assertion_are_taken()
    {
        using var response = await TokenClient.RequestAsync(_bed.Gateway.HttpAddress, ClientAssertion.For("partner-b", _bed.TokenUrl()), grantType: "password");

        await ShouldBeRefusedAsync(response, HttpStatusCode.BadRequest, "unsupported_grant_type", "client_credentials");
    }

    [Fact]
    public async Task Too_many_token_requests_get_429_with_Retry_After()
    {
        // Three a minute (the test setting), shared by both replicas.
        for (var i = 0; i < 3; i++)
        {
            (await TokenClient.RequestAsync(_bed.Gateways[i % 2].HttpAddress, ClientAssertion.For("partner-tokens", _bed.TokenUrl(i % 2)))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var refused = await TokenClient.RequestAsync(_bed.Gateways[1].HttpAddress, ClientAssertion.For("partner-tokens", _bed.TokenUrl(1)));

        await ShouldBeRefusedAsync(refused, HttpStatusCode.TooManyRequests, "slow_down", "Retry-After");
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 60);
    }

    [Fact]
    public async Task Token_requests_are_audited_refused_or_not()
    {
        await _bed.PartnerTokenAsync("partner-e");
        await TokenClient.RequestAsync(_bed.Gateway.HttpAddress, ClientAssertion.For("partner-e", _bed.TokenUrl()) with { Algorithm = SecurityAlgorithms.RsaSha256 });

        var rows = await _bed.AuditAsync(row => row.Outcome == "invalid_client");

        rows.ShouldContain(row => row.CallerId == "partner-e" && row.Outcome == "issued" && row.OrganisationCode == "RX5" && row.Method == "POST /oauth2/token");
        rows.ShouldContain(row => row.CallerId == null && row.Outcome == "invalid_client" && row.StatusCode == 401);
    }

    private static async Task ShouldBeRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string error, string reason)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(status, text);
        var body = JsonDocument.Parse(text).RootElement;
        body.GetProperty("error").GetString().ShouldBe(error);
        body.GetProperty("error_description").GetString()!.ShouldContain(reason);
    }
}
