using DitCloud.Gateway.Tokens;
using DitCloud.ServiceDefaults.Security;
using DitCloud.Testing;
using DitCloud.Testing.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace DitCloud.Gateway.Tests;

/// <summary>
/// The gateway remembers a verified token's signature until its exp, so repeated calls with the same
/// token skip RSA; everything else about the token is still checked on every call.
/// </summary>
public sealed class VerifiedTokenTests(OneGateway fixture) : IClassFixture<OneGateway>
{
    private readonly GatewayTestbed _bed = fixture.Bed;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_remembered_token_skips_its_signature_check_until_its_exp()
    {
        using var tokens = new RecentlyVerifiedTokens();
        var token = TestTokens.Partner("partner-a", "RX1", Scopes.ReferralRead);
        (await tokens.ValidateTokenAsync(token, Parameters(TestTokens.SigningKey))).IsValid.ShouldBeTrue();

        // Offered only a key that did not sign it, the remembered token still passes: RSA was not run again.
        (await tokens.ValidateTokenAsync(token, Parameters(TestTokens.UntrustedKey))).IsValid.ShouldBeTrue();
        // A token never verified before is verified: with the wrong key it fails.
        var other = TestTokens.Partner("partner-b", "RX2", Scopes.ReferralRead);
        (await tokens.ValidateTokenAsync(other, Parameters(TestTokens.UntrustedKey))).IsValid.ShouldBeFalse();
    }

    [Fact]
    public async Task An_expired_token_is_refused_after_it_was_remembered()
    {
        using var tokens = new RecentlyVerifiedTokens();
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(2);
        var token = TestTokens.Issue(new TestToken
        {
            Subject = "partner-a", OrganisationCode = "RX1", Scopes = [Scopes.ReferralRead],
            IssuedAt = expiresAt - TimeSpan.FromMinutes(10), Lifetime = TimeSpan.FromMinutes(10),
        });
        (await tokens.ValidateTokenAsync(token, Parameters(TestTokens.SigningKey))).IsValid.ShouldBeTrue();
        (await tokens.ValidateTokenAsync(token, Parameters(TestTokens.SigningKey))).IsValid.ShouldBeTrue();

        await Task.Delay(expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(500), Ct);

        var late = await tokens.ValidateTokenAsync(token, Parameters(TestTokens.SigningKey));
        late.IsValid.ShouldBeFalse();
        late.Exception.ShouldBeOfType<SecurityTokenExpiredException>();
    }

    [Fact]
    public async Task A_tampered_token_is_refused_after_the_genuine_one_was_remembered()
    {
        using var tokens = new RecentlyVerifiedTokens();
        var genuine = TestTokens.Partner("partner-a", "RX1", Scopes.ReferralRead);
        (await tokens.ValidateTokenAsync(genuine, Parameters(TestTokens.SigningKey))).IsValid.ShouldBeTrue();

        // The signature changed, or the claims changed under the genuine signature (more scopes).
        var forgedSignature = TestTokens.Tamper(genuine);
        var wider = TestTokens.Partner("partner-a", "RX1", Scopes.ReferralRead, Scopes.ReferralManage).Split('.');
        var forgedClaims = string.Join('.', wider[0], wider[1], genuine.Split('.')[2]);

        foreach (var forged in new[] { forgedSignature, forgedClaims })
        {
            var result = await tokens.ValidateTokenAsync(forged, Parameters(TestTokens.SigningKey));
            result.IsValid.ShouldBeFalse();
            result.Exception.ShouldBeOfType<SecurityTokenInvalidSignatureException>();
        }
    }

    [Fact]
    public async Task Through_the_gateway_a_tampered_token_is_refused_after_the_genuine_one_was_used()
    {
        var genuine = TestTokens.Partner("partner-c", "RX3", Scopes.ReferralRead);
        await _bed.Client().EchoAsync(Request(), TestTokens.Headers(genuine), cancellationToken: Ct);
        await _bed.Client().EchoAsync(Request(), TestTokens.Headers(genuine), cancellationToken: Ct);

        var refused = await Should.ThrowAsync<RpcException>(async () =>
            await _bed.Client().EchoAsync(Request(), TestTokens.Headers(TestTokens.Tamper(genuine)), cancellationToken: Ct));

        refused.StatusCode.ShouldBe(StatusCode.Unauthenticated);
        var bearer = _bed.Gateway.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        bearer.TokenHandlers.ShouldHaveSingleItem().ShouldBeOfType<RecentlyVerifiedTokens>();
    }

    private static EchoRequest Request() => new() { Payload = new EchoPayload { Message = "verified" } };

    /// <summary>What the gateway's caller authentication checks, with no clock skew and the given key.</summary>
    private static TokenValidationParameters Parameters(SecurityKey key) => new()
    {
        ValidIssuer = TestTokens.Issuer,
        ValidAudience = TestTokens.Audience,
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha512],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = TimeSpan.Zero,
    };
}
