namespace DitCloud.ServiceDefaults.Security;

/// <summary>What kind of party is calling: decides which claims its token carries.</summary>
public enum CallerKind
{
    /// <summary>A partner NHS system (a referrer's EPR, a GP system), authenticated by the gateway's token endpoint.</summary>
    Partner,

    /// <summary>A person using the front end (practitioner, supervisor, administrator), signed in at the clinicians' issuer.</summary>
    Clinician,

    /// <summary>Another DitCloud service acting on its own behalf (background work, not on a user's behalf).</summary>
    Service,
}

/// <summary>
/// The verified identity behind a call, built from a bearer token whose issuer, audience, lifetime
/// and signature this service checked itself. A partner's <see cref="Id"/> is its client id and its
/// <see cref="OrganisationCode"/> its ODS code; a clinician's <see cref="Id"/> is the user id (the
/// practitioner id) and the organisation, when the token names one, the service they work for.
/// </summary>
public sealed record Caller(string Id, CallerKind Kind, IReadOnlySet<string> Scopes, IReadOnlySet<string> Roles, string? OrganisationCode)
{
    public bool HasScope(string scope) => Scopes.Contains(scope);

    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>Who the caller is in an audit record or a log line: kind and id, never personal data.</summary>
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}:{Id}";
}
