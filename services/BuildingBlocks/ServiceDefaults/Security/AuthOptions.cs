using System.ComponentModel.DataAnnotations;

namespace DitCloud.ServiceDefaults.Security;

/// <summary>
/// Whose access tokens this service accepts (section "Auth"). Each trusted issuer has its name (the
/// token's iss), the audience its tokens must name (aud) and its public keys as a JWKS, inline or in
/// a file. Keys are configured, never fetched: a service trusts exactly what it was given.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    [MinLength(1, ErrorMessage = "At least one trusted token issuer is required (Issuer, Audience, Jwks or JwksFile, CallerKinds).")]
    public List<TrustedIssuerOptions> TrustedIssuers { get; init; } = [];

    /// <summary>How far clocks may disagree when checking a token's exp and nbf.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < TrustedIssuers.Count; i++)
        {
            var prefix = $"{nameof(TrustedIssuers)}:{i}:";
            var issuer = TrustedIssuers[i];
            if (string.IsNullOrWhiteSpace(issuer.Issuer))
                yield return new("is required: the iss value of the tokens this issuer signs.", [prefix + nameof(issuer.Issuer)]);
            else if (!seen.Add(issuer.Issuer))
                yield return new($"names issuer '{issuer.Issuer}' a second time; list each issuer once.", [prefix + nameof(issuer.Issuer)]);
            if (string.IsNullOrWhiteSpace(issuer.Audience))
                yield return new("is required: the aud value this service's tokens must carry.", [prefix + nameof(issuer.Audience)]);
            if (issuer.CallerKinds.Count == 0)
                yield return new("is required: which kinds of caller (Partner, Clinician, Service) this issuer may vouch for.", [prefix + nameof(issuer.CallerKinds)]);
            if (JwksProblem(issuer) is { } problem)
                yield return new(problem, [prefix + (string.IsNullOrWhiteSpace(issuer.JwksFile) ? nameof(issuer.Jwks) : nameof(issuer.JwksFile))]);
        }
    }

    private static string? JwksProblem(TrustedIssuerOptions issuer)
    {
        try
        {
            _ = issuer.LoadSigningKeys();
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }
}

/// <summary>One issuer whose tokens are accepted.</summary>
public sealed class TrustedIssuerOptions
{
    /// <summary>The token's iss, e.g. the gateway's base address.</summary>
    public string Issuer { get; init; } = "";

    /// <summary>The aud the tokens must carry, e.g. "ditcloud-api".</summary>
    public string Audience { get; init; } = "";

    /// <summary>The issuer's public keys as a JSON Web Key Set (inline JSON).</summary>
    public string? Jwks { get; init; }

    /// <summary>Or: a file holding the JSON Web Key Set (read at start; a Kubernetes secret or config map).</summary>
    public string? JwksFile { get; init; }

    /// <summary>The kinds of caller this issuer may vouch for; a token claiming another kind is refused.</summary>
    public List<CallerKind> CallerKinds { get; init; } = [];

    /// <summary>Reads and checks the key set: RSA public keys, each with a kid, no private parts.</summary>
    internal IReadOnlyList<Microsoft.IdentityModel.Tokens.JsonWebKey> LoadSigningKeys()
    {
        var hasInline = !string.IsNullOrWhiteSpace(Jwks);
        var hasFile = !string.IsNullOrWhiteSpace(JwksFile);
        if (hasInline == hasFile)
            throw new InvalidOperationException("set exactly one of Jwks (the key set as JSON) and JwksFile (a path to it).");
        string json;
        try
        {
            json = hasFile ? File.ReadAllText(JwksFile!) : Jwks!;
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"the file '{JwksFile}' cannot be read ({e.GetType().Name}); point JwksFile at the issuer's public JWKS.");
        }
        catch (UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"the file '{JwksFile}' cannot be read (access denied).");
        }
        Microsoft.IdentityModel.Tokens.JsonWebKeySet set;
        try
        {
            set = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(json);
        }
        catch (ArgumentException)
        {
            throw new InvalidOperationException("is not a JSON Web Key Set: expected {\"keys\":[{\"kty\":\"RSA\",\"kid\":...,\"n\":...,\"e\":...}]}.");
        }
        if (set.Keys.Count == 0) throw new InvalidOperationException("holds no keys; add the issuer's RSA public keys.");
        foreach (var key in set.Keys)
        {
            if (key.Kty != "RSA" || string.IsNullOrEmpty(key.N) || string.IsNullOrEmpty(key.E))
                throw new InvalidOperationException("holds a key that is not an RSA public key (kty RSA with n and e); only RS256 and RS512 are accepted.");
            if (string.IsNullOrEmpty(key.Kid)) throw new InvalidOperationException("holds a key without a kid; every key needs one so tokens can name it.");
            if (!string.IsNullOrEmpty(key.D)) throw new InvalidOperationException($"key '{key.Kid}' includes its private part (d); configure public keys only.");
        }
        return [.. set.Keys];
    }
}
