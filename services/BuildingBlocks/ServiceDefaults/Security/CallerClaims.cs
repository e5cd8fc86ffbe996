using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace DitCloud.ServiceDefaults.Security;

/// <summary>The result of authenticating one request: a verified caller, or why the token was refused.</summary>
internal sealed record CallerOutcome(Caller? Caller, string? Failure)
{
    public static CallerOutcome Refused(string reason) => new(null, reason);
}

/// <summary>Turns a verified token's claims into a <see cref="Caller"/>, and refusals into reasons a caller can act on.</summary>
internal static class CallerClaims
{
    public static CallerOutcome Read(ClaimsPrincipal principal, string issuer, TrustedIssuers issuers)
    {
        var id = principal.FindFirst(CallerClaimTypes.Subject)?.Value;
        if (string.IsNullOrWhiteSpace(id)) return CallerOutcome.Refused("The access token has no sub claim.");
        if (!Enum.TryParse<CallerKind>(principal.FindFirst(CallerClaimTypes.Kind)?.Value, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            return CallerOutcome.Refused("The access token has no valid caller_kind claim (partner, clinician or service).");
        if (!issuers.MayVouchFor(issuer, kind))
            return CallerOutcome.Refused($"The access token's issuer is not trusted for {kind.ToString().ToLowerInvariant()} callers.");
        var organisation = principal.FindFirst(CallerClaimTypes.OrganisationCode)?.Value;
        if (kind == CallerKind.Partner && string.IsNullOrWhiteSpace(organisation))
            return CallerOutcome.Refused("A partner's access token must carry its ODS code (ods_code claim).");

        var scopes = principal.FindAll(CallerClaimTypes.Scope)
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
        var roles = principal.FindAll(CallerClaimTypes.Roles).Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal);
        return new(new Caller(id, kind, scopes, roles, string.IsNullOrWhiteSpace(organisation) ? null : organisation), null);
    }

    /// <summary>Why a token was refused, without echoing any of it.</summary>
    public static string Explain(Exception error) => error switch
    {
        SecurityTokenExpiredException => "The access token has expired; get a new one from the token endpoint.",
        SecurityTokenNotYetValidException => "The access token is not valid yet (nbf is in the future); check the issuer's clock.",
        SecurityTokenNoExpirationException => "The access token has no exp claim; tokens must expire.",
        SecurityTokenInvalidAudienceException => "The access token was issued for another audience.",
        SecurityTokenInvalidIssuerException => "The access token's issuer is not trusted here.",
        SecurityTokenInvalidAlgorithmException => "The access token is signed with an algorithm not accepted here; use RS256 or RS512.",
        SecurityTokenSignatureKeyNotFoundException => "The access token is signed with a key this service does not trust (unknown kid).",
        SecurityTokenInvalidSignatureException => "The access token's signature does not verify with the issuer's key.",
        SecurityTokenMalformedException or ArgumentException => "The bearer token is not a well-formed JWT.",
        _ => "The access token was refused.",
    };
}
