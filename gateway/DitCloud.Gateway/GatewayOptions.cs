using System.ComponentModel.DataAnnotations;
using DitCloud.Gateway.Tokens;
using DitCloud.ServiceDefaults.Security;

namespace DitCloud.Gateway;

/// <summary>Everything the gateway is told (section "Gateway"), checked at start.</summary>
public sealed class GatewayOptions : IValidatableObject
{
    public const string Section = "Gateway";

    /// <summary>The services behind the gateway by name (the name of their services:{name}:grpc:N addresses).</summary>
    public Dictionary<string, ServiceRouteOptions> Services { get; init; } = [];

    public TokenOptions Tokens { get; init; } = new();

    /// <summary>Partner systems registered here; more may come from <see cref="PartnersDirectory"/>.</summary>
    public List<PartnerOptions> Partners { get; init; } = [];

    /// <summary>A directory of partner registrations (one JSON file each), re-read when it changes.</summary>
    public string? PartnersDirectory { get; init; }

    public RateLimitOptions RateLimits { get; init; } = new();

    public GatewayLimitsOptions Limits { get; init; } = new();

    /// <summary>Browser origins allowed to call (CORS), e.g. https://dit.example.nhs.uk.</summary>
    public List<string> CorsOrigins { get; init; } = [];

    /// <summary>Prefix of every Redis key the gateway writes (replicas of one gateway share it).</summary>
    [Required]
    public string RedisKeyPrefix { get; init; } = "gateway:";

    /// <summary>A sign-in for clinicians with no identity provider: Development only.</summary>
    public DevelopmentSignInOptions DevelopmentSignIn { get; init; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Services.Count == 0)
            yield return new("needs at least one service: Gateway:Services:{name}:PathPrefix and its Methods.", [nameof(Services)]);
        foreach (var (name, service) in Services)
        {
            foreach (var problem in service.Problems()) yield return new(problem, [$"{nameof(Services)}:{name}"]);
        }
        foreach (var result in Tokens.Validate($"{nameof(Tokens)}:")) yield return result;
        for (var i = 0; i < Partners.Count; i++)
        {
            foreach (var (member, problem) in Partners[i].Problems()) yield return new(problem, [$"{nameof(Partners)}:{i}:{member}"]);
        }
        foreach (var origin in CorsOrigins.Where(o => !Uri.TryCreate(o, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/"))
            yield return new($"'{origin}' is not an origin; write scheme://host[:port] with no path.", [nameof(CorsOrigins)]);
        if (DevelopmentSignIn.Enabled)
        {
            foreach (var result in DevelopmentSignIn.Validate($"{nameof(DevelopmentSignIn)}:")) yield return result;
        }
    }
}

/// <summary>One service: which gRPC paths go to it and the scope each method needs.</summary>
public sealed class ServiceRouteOptions
{
    /// <summary>The start of its methods' paths, e.g. "/dit.referral.v1." (its proto package).</summary>
    public string PathPrefix { get; init; } = "";

    /// <summary>
    /// "Service/Method" (after the prefix) to the scope it needs; several scopes separated by spaces
    /// mean any one of them. A method not listed is not callable through the gateway.
    /// </summary>
    public Dictionary<string, string> Methods { get; init; } = [];

    /// <summary>The "Service/Method"s that stream responses (Watch...): they get the longer deadline cap.</summary>
    public List<string> StreamingMethods { get; init; } = [];

    internal IEnumerable<string> Problems()
    {
        if (PathPrefix.LastIndexOf('/') != 0 || !PathPrefix.EndsWith('.') || PathPrefix.Length < 3)
            yield return $"PathPrefix '{PathPrefix}' must be a proto package path such as /dit.referral.v1. (leading slash, trailing dot).";
        if (Methods.Count == 0) yield return "lists no Methods; add \"Service/Method\": \"scope\" for each method callers may use.";
        foreach (var (method, scopes) in Methods)
        {
            if (method.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
                yield return $"method '{method}' must be written Service/Method.";
            foreach (var scope in scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(s => !Scopes.All.Contains(s)))
                yield return $"method '{method}' names unknown scope '{scope}'; known: {string.Join(", ", Scopes.All)}.";
        }
        foreach (var method in StreamingMethods.Where(m => !Methods.ContainsKey(m)))
            yield return $"streaming method '{method}' is not in Methods.";
    }
}

/// <summary>The access tokens the gateway issues to partners.</summary>
public sealed class TokenOptions
{
    /// <summary>iss of the tokens; the services trust it (their Auth:TrustedIssuers).</summary>
    public string Issuer { get; init; } = "";

    /// <summary>aud of the tokens: the DitCloud API.</summary>
    public string Audience { get; init; } = "";

    /// <summary>The RSA private key signing them, PEM; or <see cref="SigningKeyFile"/>.</summary>
    public string? SigningKey { get; init; }

    public string? SigningKeyFile { get; init; }

    /// <summary>The kid the services find the public key by.</summary>
    public string KeyId { get; init; } = "";

    /// <summary>How long an access token lasts.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The token endpoint's public URL: the aud a client assertion must name. Unset, it is this
    /// gateway's own "http" endpoint (Kestrel:Endpoints:http:Url) followed by /oauth2/token.
    /// </summary>
    public string? TokenUrl { get; init; }

    /// <summary>A client assertion may expire at most this far ahead (NHS rule: 5 minutes).</summary>
    public TimeSpan MaxAssertionLifetime { get; init; } = TimeSpan.FromMinutes(5);

    internal IEnumerable<ValidationResult> Validate(string prefix)
    {
        if (string.IsNullOrWhiteSpace(Issuer)) yield return new("is required: the iss of the access tokens the gateway issues.", [prefix + nameof(Issuer)]);
        if (string.IsNullOrWhiteSpace(Audience)) yield return new("is required: the aud of the access tokens (the services' Auth audience).", [prefix + nameof(Audience)]);
        if (string.IsNullOrWhiteSpace(KeyId)) yield return new("is required: the kid of the signing key, as in the JWKS the services trust.", [prefix + nameof(KeyId)]);
        if (Lifetime < TimeSpan.FromMinutes(1) || Lifetime > TimeSpan.FromHours(1)) yield return new("must be between 1 and 60 minutes.", [prefix + nameof(Lifetime)]);
        if (TokenUrl is not null && !Uri.TryCreate(TokenUrl, UriKind.Absolute, out _)) yield return new("must be an absolute URL.", [prefix + nameof(TokenUrl)]);
        if (SigningKeys.Problem(SigningKey, SigningKeyFile) is { } problem)
            yield return new(problem, [prefix + (SigningKeyFile is null ? nameof(SigningKey) : nameof(SigningKeyFile))]);
    }
}

/// <summary>One partner system: who it is, its public keys, what it may do, how fast.</summary>
public sealed class PartnerOptions
{
    /// <summary>The OAuth client id: iss and sub of its client assertions.</summary>
    public string ClientId { get; init; } = "";

    /// <summary>The partner organisation's ODS code; services scope ownership by it.</summary>
    public string OdsCode { get; init; } = "";

    /// <summary>The scopes it may be granted.</summary>
    public List<string> Scopes { get; init; } = [];

    /// <summary>Its public keys as a JWKS (inline JSON), or <see cref="JwksFile"/>.</summary>
    public string? Jwks { get; init; }

    public string? JwksFile { get; init; }

    /// <summary>Its own rate limit, when it differs from the default.</summary>
    public double? RequestsPerSecond { get; init; }

    public int? Burst { get; init; }

    internal IEnumerable<(string Member, string Problem)> Problems()
    {
        if (string.IsNullOrWhiteSpace(ClientId) || ClientId.Length > 128 || ClientId.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            yield return (nameof(ClientId), "is required: 1-128 characters without spaces.");
        if (!DitCloud.Referral.Domain.OdsCode.TryParse(OdsCode, out _, out var odsFailure))
            yield return (nameof(OdsCode), odsFailure);
        if (Scopes.Count == 0) yield return (nameof(Scopes), "is required: the scopes the partner may be granted.");
        foreach (var scope in Scopes.Where(s => !ServiceDefaults.Security.Scopes.All.Contains(s)))
            yield return (nameof(Scopes), $"names unknown scope '{scope}'.");
        if (RequestsPerSecond is <= 0 or > 100_000) yield return (nameof(RequestsPerSecond), "must be above 0 and at most 100000.");
        if (Burst is < 1 or > 100_000) yield return (nameof(Burst), "must be between 1 and 100000.");
        if (PartnerKeys.Problem(Jwks, JwksFile) is { } problem) yield return (JwksFile is null ? nameof(Jwks) : nameof(JwksFile), problem);
    }
}

/// <summary>Per-caller request rates, enforced across every replica through Redis.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Sustained calls per second per partner or clinician.</summary>
    [Range(0.001, 100_000)]
    public double RequestsPerSecond { get; init; } = 50;

    /// <summary>Calls allowed at once above the sustained rate.</summary>
    [Range(1, 100_000)]
    public int Burst { get; init; } = 100;

    /// <summary>Token requests per minute per client id.</summary>
    [Range(1, 10_000)]
    public int TokenRequestsPerMinute { get; init; } = 60;
}

/// <summary>Limits on what one call may take.</summary>
public sealed class GatewayLimitsOptions
{
    /// <summary>Largest request body of a unary call or token request.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public long MaxRequestBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Longest deadline of a unary call (a longer or absent grpc-timeout is lowered to it).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MaxDeadline { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest a streaming call (Watch...) may stay open.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxStreamingDeadline { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Slowest upload accepted (bytes per second, after a 5-second grace): slow clients are cut off.</summary>
    [Range(1, 1_000_000)]
    public double MinRequestBytesPerSecond { get; init; } = 240;
}

/// <summary>Development sign-in for clinicians: a user id and roles in, a token from its own issuer out.</summary>
public sealed class DevelopmentSignInOptions
{
    public bool Enabled { get; init; }

    public string Issuer { get; init; } = "";

    public string Audience { get; init; } = "";

    public string? SigningKey { get; init; }

    public string? SigningKeyFile { get; init; }

    public string KeyId { get; init; } = "";

    /// <summary>Role to the scopes it grants, e.g. clinician: "referral.read referral.manage ...".</summary>
    public Dictionary<string, string> RoleScopes { get; init; } = [];

    internal IEnumerable<ValidationResult> Validate(string prefix)
    {
        if (string.IsNullOrWhiteSpace(Issuer)) yield return new("is required when DevelopmentSignIn is enabled.", [prefix + nameof(Issuer)]);
        if (string.IsNullOrWhiteSpace(Audience)) yield return new("is required when DevelopmentSignIn is enabled.", [prefix + nameof(Audience)]);
        if (string.IsNullOrWhiteSpace(KeyId)) yield return new("is required when DevelopmentSignIn is enabled.", [prefix + nameof(KeyId)]);
        if (RoleScopes.Count == 0) yield return new("is required: which scopes each role gets.", [prefix + nameof(RoleScopes)]);
        foreach (var (role, scopes) in RoleScopes)
        {
            foreach (var scope in scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(s => !Scopes.All.Contains(s)))
                yield return new($"role '{role}' names unknown scope '{scope}'.", [prefix + nameof(RoleScopes)]);
        }
        if (SigningKeys.Problem(SigningKey, SigningKeyFile) is { } problem)
            yield return new(problem, [prefix + (SigningKeyFile is null ? nameof(SigningKey) : nameof(SigningKeyFile))]);
    }
}
