namespace DitCloud.ServiceDefaults.Security;

/// <summary>
/// The claims a DitCloud access token carries, as written by the issuers (the gateway's token
/// endpoint, the clinicians' issuer) and read by every service. Standard names where one exists.
/// </summary>
public static class CallerClaimTypes
{
    /// <summary>The caller's id: a partner's client id, a clinician's user id, a service's name.</summary>
    public const string Subject = "sub";

    /// <summary>"partner", "clinician" or "service" (<see cref="CallerKind"/>, lower case).</summary>
    public const string Kind = "caller_kind";

    /// <summary>Granted scopes, space-separated (RFC 8693 / RFC 9068).</summary>
    public const string Scope = "scope";

    /// <summary>A clinician's roles (a JSON array, or one string).</summary>
    public const string Roles = "roles";

    /// <summary>The caller's organisation as an ODS code; required for partners.</summary>
    public const string OrganisationCode = "ods_code";

    /// <summary>The OAuth client the token was issued to (RFC 9068).</summary>
    public const string ClientId = "client_id";
}
