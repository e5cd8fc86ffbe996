using System.Diagnostics;
using System.Globalization;
using DitCloud.Gateway.Audit;
using DitCloud.Gateway.Limits;
using Microsoft.Extensions.Options;

namespace DitCloud.Gateway.Tokens;

/// <summary>
/// POST /oauth2/token: OAuth 2.0 client credentials with a signed JWT client assertion (RFC 7523),
/// as NHS APIs take it. Form fields: grant_type=client_credentials,
/// client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer, client_assertion,
/// and optionally scope (a subset of the partner's) and client_id. Every request is audited.
/// </summary>
public static class TokenEndpoint
{
    private const string JwtBearerAssertion = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(TokenEndpointAddress.Path, IssueAsync).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> IssueAsync(
        HttpContext context, ClientAssertionValidator assertions, AccessTokenIssuer issuer, RateLimiter limiter, IOptions<GatewayOptions> options, GatewayAudit audit)
    {
        var started = Stopwatch.GetTimestamp();
        var (result, partner, outcome) = await ExchangeAsync(context, assertions, issuer, limiter, options.Value);
        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        await audit.RecordAsync(context, partner is null ? null : new AuditCaller("partner", partner.ClientId, partner.OdsCode),
            "POST " + TokenEndpointAddress.Path, "http", outcome, status, started, patientReference: null);
        return result;
    }

    private static async Task<(IResult Result, Partner? Partner, string Outcome)> ExchangeAsync(
        HttpContext context, ClientAssertionValidator assertions, AccessTokenIssuer issuer, RateLimiter limiter, GatewayOptions options)
    {
        if (!context.Request.HasFormContentType)
            return Refused(context, TokenError.InvalidRequest("Send the token request as application/x-www-form-urlencoded."));
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["grant_type"] != "client_credentials")
            return Refused(context, new("unsupported_grant_type", "grant_type must be client_credentials."));
        if (form["client_assertion_type"] != JwtBearerAssertion)
            return Refused(context, TokenError.InvalidRequest($"client_assertion_type must be {JwtBearerAssertion}."));
        if (form["client_assertion"].ToString() is not { Length: > 0 } assertion)
            return Refused(context, TokenError.InvalidRequest("client_assertion is required: a JWT signed with your registered key."));

        var clientId = form["client_id"].ToString();
        var (partner, error) = await assertions.ValidateAsync(assertion, clientId.Length > 0 ? clientId : null);
        if (partner is null) return Refused(context, error!);

        var limit = await limiter.TryAcquireAsync("token:" + partner.ClientId, options.RateLimits.TokenRequestsPerMinute / 60.0, options.RateLimits.TokenRequestsPerMinute);
        if (!limit.Allowed)
            return Refused(context, new("slow_down", "Too many token requests; try again after the Retry-After seconds.", StatusCodes.Status429TooManyRequests, limit.RetryAfter), partner);

        var asked = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        var notGranted = asked.Where(scope => !partner.Scopes.Contains(scope)).ToList();
        if (notGranted.Count > 0) return Refused(context, new("invalid_scope", $"The client is not registered for: {string.Join(' ', notGranted)}."), partner);
        IReadOnlyCollection<string> scopes = asked.Count > 0 ? asked : [.. partner.Scopes];

        context.Response.Headers.CacheControl = "no-store";
        var response = TypedResults.Json(new
        {
            access_token = issuer.IssueForPartner(partner, scopes),
            token_type = "Bearer",
            expires_in = (int)issuer.Lifetime.TotalSeconds,
            scope = string.Join(' ', scopes.Order(StringComparer.Ordinal)),
        });
        return (response, partner, "issued");
    }

    private static (IResult, Partner?, string) Refused(HttpContext context, TokenError error, Partner? partner = null)
    {
        if (error.RetryAfter is { } delay)
            context.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return (TypedResults.Json(new { error = error.Error, error_description = error.Description }, statusCode: error.StatusCode), partner, error.Error);
    }
}
