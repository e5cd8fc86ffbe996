using System.Diagnostics;
using DitCloud.Gateway.Audit;
using DitCloud.ServiceDefaults.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DitCloud.Gateway.Tokens;

/// <summary>
/// POST /dev/sign-in {"user_id": "...", "roles": ["clinician"]}: a clinician's access token from the
/// development issuer, for running the system and the browser tests without an identity provider.
/// Only in the Development environment (start-up refuses it anywhere else); its issuer is separate
/// from the partner tokens' and the services trust it for clinicians only.
/// </summary>
public static class DevelopmentSignIn
{
    public const string Path = "/dev/sign-in";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public sealed record SignInRequest(string? User_id, List<string>? Roles, string? Organisation_code);

    public static WebApplication MapDevelopmentSignIn(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.DevelopmentSignIn;
        if (!options.Enabled) return app;
        if (!app.Environment.IsDevelopment())
            throw new InvalidOperationException("Gateway:DevelopmentSignIn:Enabled is true outside the Development environment; use a real identity provider there.");

        var credentials = new SigningCredentials(SigningKeys.Load(options.SigningKey, options.SigningKeyFile, options.KeyId), SecurityAlgorithms.RsaSha512);
        app.MapPost(Path, async (SignInRequest request, HttpContext context, GatewayAudit audit, TimeProvider time) =>
        {
            var started = Stopwatch.GetTimestamp();
            var problem = Problem(request, options);
            var caller = problem is null ? new AuditCaller("clinician", request.User_id!, request.Organisation_code) : null;
            await audit.RecordAsync(context, caller, "POST " + Path, "http", problem is null ? "issued" : "invalid_request",
                problem is null ? 200 : 400, started, patientReference: null);
            if (problem is not null) return Results.BadRequest(new { error = "invalid_request", error_description = problem });

            var scopes = request.Roles!.SelectMany(role => options.RoleScopes[role].Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
            var now = time.GetUtcNow().UtcDateTime;
            var claims = new Dictionary<string, object>
            {
                [CallerClaimTypes.Subject] = request.User_id!,
                [CallerClaimTypes.Kind] = "clinician",
                [CallerClaimTypes.Roles] = request.Roles!.ToArray(),
                [CallerClaimTypes.Scope] = string.Join(' ', scopes.Order(StringComparer.Ordinal)),
                ["jti"] = Guid.CreateVersion7().ToString("N"),
            };
            if (!string.IsNullOrWhiteSpace(request.Organisation_code)) claims[CallerClaimTypes.OrganisationCode] = request.Organisation_code.Trim().ToUpperInvariant();
            var token = Handler.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = options.Issuer, Audience = options.Audience, IssuedAt = now, NotBefore = now, Expires = now.AddHours(1),
                SigningCredentials = credentials, Claims = claims,
            });
            return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = 3600, scope = claims[CallerClaimTypes.Scope] });
        });
        return app;
    }

    private static string? Problem(SignInRequest request, DevelopmentSignInOptions options)
    {
        if (string.IsNullOrWhiteSpace(request.User_id) || request.User_id.Length > 128 || request.User_id.Any(char.IsWhiteSpace))
            return "user_id is required: 1-128 characters without spaces (e.g. the practitioner id).";
        if (request.Roles is not { Count: > 0 }) return $"roles is required: one or more of {string.Join(", ", options.RoleScopes.Keys)}.";
        var unknown = request.Roles.Where(role => !options.RoleScopes.ContainsKey(role)).ToList();
        return unknown.Count > 0 ? $"roles names unknown role(s) {string.Join(", ", unknown)}; known: {string.Join(", ", options.RoleScopes.Keys)}." : null;
    }
}
