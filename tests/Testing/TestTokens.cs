using System.Security.Cryptography;
using System.Text.Json;
using Grpc.Core;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DitCloud.Testing;

/// <summary>
/// Access tokens for tests, signed by a key pair made for this test run, and the "Auth" settings that
/// make a service under test trust them. A service verifies them exactly as it verifies the
/// gateway's: issuer, audience, lifetime, RSA signature.
/// <code>
/// await using var host = await ServiceHost.StartAsync(ReferralApp.Build, TestTokens.AuthSettings.Concat(...));
/// var client = new ReferralService.ReferralServiceClient(host.Channel);
/// await client.GetReferralAsync(request, TestTokens.Headers(TestTokens.Partner("partner-a", "RX1", Scopes.ReferralRead)));
/// </code>
/// </summary>
public static class TestTokens
{
    public const string Issuer = "https://tokens.test.ditcloud.invalid";
    public const string Audience = "ditcloud-api";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>The trusted test signing key (private; its public half is in <see cref="Jwks"/>).</summary>
    public static RsaSecurityKey SigningKey { get; } = NewKey("test-signing-key");

    /// <summary>A key nobody trusts: tokens signed with it must be refused.</summary>
    public static RsaSecurityKey UntrustedKey { get; } = NewKey("untrusted-key");

    /// <summary>The public JWKS of <see cref="SigningKey"/>.</summary>
    public static string Jwks { get; } = PublicJwks(SigningKey);

    /// <summary>Settings (configuration keys) that make a service trust the test issuer for every kind of caller.</summary>
    public static IReadOnlyDictionary<string, string?> AuthSettings { get; } = new Dictionary<string, string?>
    {
        ["Auth:TrustedIssuers:0:Issuer"] = Issuer,
        ["Auth:TrustedIssuers:0:Audience"] = Audience,
        ["Auth:TrustedIssuers:0:Jwks"] = Jwks,
        ["Auth:TrustedIssuers:0:CallerKinds:0"] = "Partner",
        ["Auth:TrustedIssuers:0:CallerKinds:1"] = "Clinician",
        ["Auth:TrustedIssuers:0:CallerKinds:2"] = "Service",
    };

    /// <summary>The same as environment variables, for a service run as a process.</summary>
    public static IReadOnlyDictionary<string, string?> AuthEnvironment { get; } =
        AuthSettings.ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value);

    /// <summary>A partner system's token: its client id, its ODS code and the scopes it was granted.</summary>
    public static string Partner(string clientId, string ods, params string[] scopes) =>
        Issue(new TestToken { Subject = clientId, Kind = "partner", OrganisationCode = ods, Scopes = scopes });

    /// <summary>A clinician's token: user (practitioner) id, roles such as clinician / supervisor / admin, scopes.</summary>
    public static string Clinician(string userId, IEnumerable<string> roles, params string[] scopes) =>
        Issue(new TestToken { Subject = userId, Kind = "clinician", Roles = [.. roles], Scopes = scopes });

    /// <summary>Any token, including broken ones (expired, wrong audience or issuer, an untrusted key).</summary>
    public static string Issue(TestToken token)
    {
        var issuedAt = token.IssuedAt ?? DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = token.Subject,
            ["caller_kind"] = token.Kind,
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (token.Scopes.Count > 0) claims["scope"] = string.Join(' ', token.Scopes);
        if (token.Roles.Count > 0) claims["roles"] = token.Roles.ToArray();
        if (token.OrganisationCode is not null) claims["ods_code"] = token.OrganisationCode;
        if (token.Kind == "partner") claims["client_id"] = token.Subject;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = token.Issuer,
            Audience = token.Audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = token.Lifetime is { } lifetime ? (issuedAt + lifetime).UtcDateTime : null,
            Claims = claims,
            SigningCredentials = new SigningCredentials(token.Key ?? SigningKey, token.Algorithm),
        });
    }

    /// <summary>The token with one signature byte changed: well-formed, signed by the right kid, but forged.</summary>
    public static string Tamper(string token)
    {
        var signatureStart = token.LastIndexOf('.') + 1;
        var bytes = Base64UrlEncoder.DecodeBytes(token[signatureStart..]);
        bytes[bytes.Length / 2] ^= 0x55;
        return token[..signatureStart] + Base64UrlEncoder.Encode(bytes);
    }

    /// <summary>gRPC call metadata carrying the token (works on plain-text channels).</summary>
    public static Metadata Headers(string token) => new() { { "authorization", "Bearer " + token } };

    /// <summary>
    /// Call credentials carrying the token, for a channel's <c>GrpcChannelOptions.Credentials</c>
    /// (<c>ChannelCredentials.Create(ChannelCredentials.Insecure, ...)</c>, with
    /// <c>UnsafeUseInsecureChannelCallCredentials = true</c> on a plain-text test channel).
    /// </summary>
    public static CallCredentials Credentials(string token) =>
        CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", "Bearer " + token);
            return Task.CompletedTask;
        });

    /// <summary>A new 2048-bit RSA key with the given kid (test partners' own keys, for example).</summary>
    public static RsaSecurityKey NewKey(string keyId) => new(RSA.Create(2048)) { KeyId = keyId };

    /// <summary>The public JWKS of a key: what an issuer or partner publishes and a verifier is configured with.</summary>
    public static string PublicJwks(RsaSecurityKey key)
    {
        var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
        return JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new
                {
                    kty = "RSA",
                    use = "sig",
                    kid = key.KeyId,
                    n = Base64UrlEncoder.Encode(parameters.Modulus),
                    e = Base64UrlEncoder.Encode(parameters.Exponent),
                },
            },
        });
    }
}

/// <summary>What a test token says; the defaults make a valid partner token from the test issuer.</summary>
public sealed record TestToken
{
    public required string Subject { get; init; }

    /// <summary>"partner", "clinician" or "service".</summary>
    public string Kind { get; init; } = "partner";

    public string? OrganisationCode { get; init; }

    public IReadOnlyCollection<string> Scopes { get; init; } = [];

    public IReadOnlyCollection<string> Roles { get; init; } = [];

    public string Issuer { get; init; } = TestTokens.Issuer;

    public string Audience { get; init; } = TestTokens.Audience;

    /// <summary>When the token was issued (now by default); nbf is the same, exp this plus <see cref="Lifetime"/>.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>How long the token lasts; null for a token with no exp (which must be refused).</summary>
    public TimeSpan? Lifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The signing key; the trusted test key by default.</summary>
    public SecurityKey? Key { get; init; }

    public string Algorithm { get; init; } = SecurityAlgorithms.RsaSha512;
}
