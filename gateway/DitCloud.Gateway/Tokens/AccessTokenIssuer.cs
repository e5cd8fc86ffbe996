using DitCloud.ServiceDefaults.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DitCloud.Gateway.Tokens;

/// <summary>Signs the access tokens partners call with (RS512), in the claims every service reads (CallerClaimTypes).</summary>
public sealed class AccessTokenIssuer(IOptions<GatewayOptions> options, TimeProvider time)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly TokenOptions _tokens = options.Value.Tokens;
    private readonly SigningCredentials _credentials = new(
        SigningKeys.Load(options.Value.Tokens.SigningKey, options.Value.Tokens.SigningKeyFile, options.Value.Tokens.KeyId), SecurityAlgorithms.RsaSha512);

    public TimeSpan Lifetime => _tokens.Lifetime;

    public string IssueForPartner(Partner partner, IReadOnlyCollection<string> scopes)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _tokens.Issuer,
            Audience = _tokens.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + _tokens.Lifetime,
            SigningCredentials = _credentials,
            Claims = new Dictionary<string, object>
            {
                [CallerClaimTypes.Subject] = partner.ClientId,
                [CallerClaimTypes.ClientId] = partner.ClientId,
                [CallerClaimTypes.Kind] = "partner",
                [CallerClaimTypes.OrganisationCode] = partner.OdsCode,
                [CallerClaimTypes.Scope] = string.Join(' ', scopes),
                ["jti"] = Guid.CreateVersion7().ToString("N"),
            },
        });
    }
}
