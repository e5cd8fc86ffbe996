using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace DitCloud.ServiceDefaults.Security;

public static class CallerAuthenticationExtensions
{
    /// <summary>
    /// Every call's bearer token verified by this service itself (issuer, audience, lifetime and RSA
    /// signature against the keys in section "Auth"), and the caller made available as
    /// <see cref="Caller"/>. From then on every gRPC method needs a verified caller unless it is marked
    /// [AllowAnonymous]; health and reflection stay open, and so do /alive and /health. No app-side
    /// call is needed: WebApplication adds the authentication middleware itself.
    /// </summary>
    public static IHostApplicationBuilder AddCallerAuthentication(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<AuthOptions>(AuthOptions.Section);
        builder.Services.AddSingleton<TrustedIssuers>();
        builder.Services.AddSingleton<CallerAuthorizer>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureCallerTokens>();
        return builder;
    }

    /// <summary>JwtBearer set up from the trusted issuers: nothing fetched, nothing mapped, RSA only.</summary>
    private sealed class ConfigureCallerTokens(TrustedIssuers issuers) : IConfigureNamedOptions<JwtBearerOptions>
    {
        public void Configure(JwtBearerOptions options) => Configure(JwtBearerDefaults.AuthenticationScheme, options);

        public void Configure(string? name, JwtBearerOptions options)
        {
            if (name != JwtBearerDefaults.AuthenticationScheme) return;
            // Claims keep their JWT names (sub, scope, roles), not the WS-* URIs.
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuers = [.. issuers.Names],
                ValidateAudience = true,
                // Each issuer has its own audience: a token is checked against its issuer's.
                AudienceValidator = (audiences, token, _) => issuers.AcceptsAudience(token.Issuer, audiences),
                IssuerSigningKeyResolver = (_, token, kid, _) => issuers.KeysFor(token.Issuer, kid),
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha512],
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ValidateLifetime = true,
                ClockSkew = issuers.ClockSkew,
                NameClaimType = CallerClaimTypes.Subject,
                RoleClaimType = CallerClaimTypes.Roles,
            };
            options.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    var outcome = CallerClaims.Read(context.Principal!, context.SecurityToken.Issuer, issuers);
                    context.HttpContext.Features.Set(outcome);
                    if (outcome.Caller is null) context.Fail(outcome.Failure!);
                    return Task.CompletedTask;
                },
                OnAuthenticationFailed = context =>
                {
                    // Keep the first reason (a claims problem set above) rather than its echo.
                    if (context.HttpContext.Features.Get<CallerOutcome>() is null)
                        context.HttpContext.Features.Set(CallerOutcome.Refused(CallerClaims.Explain(context.Exception)));
                    return Task.CompletedTask;
                },
            };
        }
    }
}
