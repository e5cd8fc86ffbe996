using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DitCloud.Gateway.Tests;

/// <summary>A partner's signed JWT client assertion; the defaults are what a well-behaved partner sends.</summary>
public sealed record ClientAssertion
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public required string Issuer { get; init; }

    public required string Subject { get; init; }

    public required string Audience { get; init; }

    public required SecurityKey Key { get; init; }

    public string Algorithm { get; init; } = SecurityAlgorithms.RsaSha512;

    public string? Jti { get; init; } = Guid.NewGuid().ToString();

    public TimeSpan ExpiresIn { get; init; } = TimeSpan.FromMinutes(4);

    /// <summary>Leave the kid header out (the key's id is used otherwise).</summary>
    public bool OmitKeyId { get; init; }

    public static ClientAssertion For(string clientId, string tokenUrl) =>
        new() { Issuer = clientId, Subject = clientId, Audience = tokenUrl, Key = GatewayTestbed.PartnerKeys[clientId] };

    public string Sign()
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["sub"] = Subject };
        if (Jti is not null) claims["jti"] = Jti;
        var key = Key;
        if (OmitKeyId && Key is RsaSecurityKey rsa) key = new RsaSecurityKey(rsa.Rsa);
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now + ExpiresIn - TimeSpan.FromMinutes(5),
            Expires = now + ExpiresIn,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, Algorithm),
        });
    }
}

/// <summary>Posts a token request as a partner system does.</summary>
public static class TokenClient
{
    private static readonly HttpClient Http = new();

    public static Task<HttpResponseMessage> RequestAsync(Uri gateway, ClientAssertion assertion, string? scope = null, string grantType = "client_credentials") =>
        RequestAsync(gateway, assertion.Sign(), scope, grantType);

    public static Task<HttpResponseMessage> RequestAsync(Uri gateway, string assertion, string? scope = null, string grantType = "client_credentials")
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = grantType,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        };
        if (scope is not null) form["scope"] = scope;
        return Http.PostAsync(new Uri(gateway, "/oauth2/token"), new FormUrlEncodedContent(form));
    }
}
