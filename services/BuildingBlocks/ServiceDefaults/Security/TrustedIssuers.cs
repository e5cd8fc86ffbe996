using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace DitCloud.ServiceDefaults.Security;

/// <summary>The configured issuers with their keys loaded once: which keys may sign for which issuer.</summary>
internal sealed class TrustedIssuers
{
    private readonly Dictionary<string, Trusted> _byIssuer;
    private readonly SecurityKey[] _allKeys;

    public TrustedIssuers(IOptions<AuthOptions> options)
    {
        _byIssuer = options.Value.TrustedIssuers.ToDictionary(
            issuer => issuer.Issuer,
            issuer => new Trusted(issuer.Audience, [.. issuer.CallerKinds], [.. issuer.LoadSigningKeys()]),
            StringComparer.Ordinal);
        _allKeys = [.. _byIssuer.Values.SelectMany(issuer => issuer.Keys)];
        ClockSkew = options.Value.ClockSkew;
    }

    public IEnumerable<string> Names => _byIssuer.Keys;

    public TimeSpan ClockSkew { get; }

    /// <summary>
    /// The keys that may have signed a token from <paramref name="issuer"/>: that issuer's own (one
    /// issuer's key never vouches for another). An unknown issuer is offered every key so that a
    /// properly signed token from it is refused for its issuer, the clearer reason, not for its key.
    /// </summary>
    public IEnumerable<SecurityKey> KeysFor(string issuer, string? kid)
    {
        var keys = _byIssuer.TryGetValue(issuer, out var trusted) ? trusted.Keys : _allKeys;
        return kid is null ? keys : keys.Where(key => key.KeyId == kid);
    }

    /// <summary>
    /// Whether the token names its issuer's audience. The audience is checked before the issuer, so an
    /// unknown issuer passes here and is refused by the issuer check, with that reason.
    /// </summary>
    public bool AcceptsAudience(string issuer, IEnumerable<string> audiences) =>
        !_byIssuer.TryGetValue(issuer, out var trusted) || audiences.Contains(trusted.Audience, StringComparer.Ordinal);

    public bool MayVouchFor(string issuer, CallerKind kind) =>
        _byIssuer.TryGetValue(issuer, out var trusted) && trusted.Kinds.Contains(kind);

    private sealed record Trusted(string Audience, HashSet<CallerKind> Kinds, JsonWebKey[] Keys);
}
