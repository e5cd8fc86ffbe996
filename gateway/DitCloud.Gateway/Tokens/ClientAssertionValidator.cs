using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DitCloud.Gateway.Tokens;

/// <summary>Why a token request was refused, as RFC 6749 section 5.2 words it.</summary>
/// <param name="RetryAfter">When set, the client may try again after this long (sent as Retry-After).</param>
public sealed record TokenError(string Error, string Description, int StatusCode = StatusCodes.Status400BadRequest, TimeSpan? RetryAfter = null)
{
    public static TokenError InvalidClient(string description) => new("invalid_client", description, StatusCodes.Status401Unauthorized);

    public static TokenError InvalidRequest(string description) => new("invalid_request", description);

    /// <summary>A passing fault on our side (RFC 6749's temporarily_unavailable, as HTTP 503): the client should retry.</summary>
    public static TokenError TemporarilyUnavailable(string description, TimeSpan retryAfter) =>
        new("temporarily_unavailable", description, StatusCodes.Status503ServiceUnavailable, retryAfter);
}

/// <summary>
/// Checks a partner's signed JWT client assertion the way NHS APIs do (RFC 7523): RS512 with a
/// kid among the partner's registered keys; iss = sub = the client id; aud = this token endpoint;
/// exp at most five minutes ahead; a jti never seen before, by any replica.
/// </summary>
public sealed class ClientAssertionValidator(
    PartnerRegistry partners, AssertionReplayGuard replays, IOptions<GatewayOptions> options, TokenEndpointAddress address, TimeProvider time)
{
    private static readonly JsonWebTokenHandler Handler = new();
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>Long enough for Redis to come back from a restart or fail over, short enough not to stall a partner.</summary>
    private static readonly TimeSpan ReplayCheckRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>The partner the assertion proves, or why not.</summary>
    public async Task<(Partner? Partner, TokenError? Error)> ValidateAsync(string assertion, string? clientId)
    {
        JsonWebToken token;
        try
        {
            token = Handler.ReadJsonWebToken(assertion);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenMalformedException)
        {
            return (null, TokenError.InvalidRequest("client_assertion is not a JWT."));
        }
        if (token.Alg != SecurityAlgorithms.RsaSha512) return (null, TokenError.InvalidClient("client_assertion must be signed with RS512."));
        if (string.IsNullOrEmpty(token.Kid)) return (null, TokenError.InvalidClient("client_assertion has no kid header; name the key it is signed with."));
        if (string.IsNullOrEmpty(token.Issuer) || token.Issuer != token.Subject)
            return (null, TokenError.InvalidClient("client_assertion iss and sub must both be the client id."));
        if (clientId is not null && clientId != token.Issuer) return (null, TokenError.InvalidClient("client_id does not match the client_assertion's iss."));
        if (partners.Find(token.Issuer) is not { } partner) return (null, TokenError.InvalidClient("The client id is not registered."));
        if (!partner.Keys.Any(k => k.Kid == token.Kid)) return (null, TokenError.InvalidClient($"The key '{token.Kid}' is not registered for this client."));

        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = partner.ClientId,
            ValidAudiences = address.Audiences,
            IssuerSigningKeys = partner.Keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha512],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,
        });
        if (!result.IsValid) return (null, TokenError.InvalidClient(Explain(result.Exception)));

        var now = time.GetUtcNow();
        var expiresAt = new DateTimeOffset(token.ValidTo, TimeSpan.Zero);
        if (expiresAt - now > options.Value.Tokens.MaxAssertionLifetime + ClockSkew)
            return (null, TokenError.InvalidClient($"client_assertion exp is more than {options.Value.Tokens.MaxAssertionLifetime.TotalMinutes:0} minutes ahead."));
        if (!token.TryGetPayloadValue<string>("jti", out var jti) || string.IsNullOrWhiteSpace(jti) || jti.Length > 256)
            return (null, TokenError.InvalidClient("client_assertion needs a unique jti (at most 256 characters)."));
        return await replays.CheckAsync(partner.ClientId, jti, expiresAt - now + ClockSkew) switch
        {
            ReplayCheck.FirstUse => (partner, null),
            ReplayCheck.Replayed => (null, TokenError.InvalidClient("client_assertion jti has been used before; make a new assertion for every request.")),
            // A new assertion on retry: had the SET reached Redis before its answer was lost, this jti would now count as used.
            _ => (null, TokenError.TemporarilyUnavailable(
                "The client_assertion replay check is unavailable for the moment; no token was issued. Retry after the Retry-After seconds with a new client_assertion.",
                ReplayCheckRetryAfter)),
        };
    }

    private static string Explain(Exception? error) => error switch
    {
        SecurityTokenExpiredException => "client_assertion has expired.",
        SecurityTokenNotYetValidException => "client_assertion is not valid yet (nbf).",
        SecurityTokenInvalidAudienceException => "client_assertion aud must be this token endpoint's URL.",
        SecurityTokenNoExpirationException => "client_assertion has no exp.",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "client_assertion signature does not verify with the registered key.",
        _ => "client_assertion was refused.",
    };
}

/// <summary>The URLs a client assertion's aud may name: the configured token URL, else this gateway's own endpoints.</summary>
public sealed class TokenEndpointAddress(IOptions<GatewayOptions> options, IConfiguration configuration)
{
    public const string Path = "/oauth2/token";

    public IReadOnlyList<string> Audiences { get; } = options.Value.Tokens.TokenUrl is { } url
        ? [url]
        : [.. configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(endpoint => endpoint["Url"]).OfType<string>()
            .Select(endpoint => endpoint.TrimEnd('/') + Path)];
}
