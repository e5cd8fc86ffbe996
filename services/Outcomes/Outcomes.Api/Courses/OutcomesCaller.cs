using DitCloud.Domain;
using DitCloud.Persistence;
using DitCloud.ServiceDefaults.Security;

namespace DitCloud.Outcomes.Api.Courses;

/// <summary>
/// The verified caller as outcomes sees it. A clinician's user id is their practitioner id (a
/// UUID, as scheduling names practitioners); a DitCloud service acts for the system. Partners
/// reach no course's outcomes: those are open to the course's care team only.
/// </summary>
public sealed record OutcomesCaller(Caller Caller)
{
    /// <summary>The clinician's practitioner id; null for other callers and for a user id that is not one.</summary>
    public Guid? PractitionerId { get; } =
        Caller.Kind == CallerKind.Clinician && Guid.TryParse(Caller.Id, out var id) ? id : null;

    public bool IsService => Caller.Kind == CallerKind.Service;

    /// <summary>Supervisors and administrators may see any practitioner's figures.</summary>
    public bool OverseesPractitioners =>
        IsService || (Caller.Kind == CallerKind.Clinician && (Caller.IsInRole(Roles.Supervisor) || Caller.IsInRole(Roles.Admin)));

    public AuditActor Actor => new(Caller.Id, Caller.Kind.ToString().ToLowerInvariant());

    /// <summary>Who recorded something, as stored with it (kind:id, no personal data).</summary>
    public string RecordedBy => Caller.ToString();

    /// <summary>The course's practitioners and supervisors see its outcomes; so does a DitCloud service.</summary>
    public bool MaySee(CourseRecord course) => IsService || (PractitionerId is { } me && course.CareTeam.Contains(me));

    /// <summary>
    /// KPIs are aggregates for the service's clinicians: the whole service's for any of them, a
    /// practitioner's own for that practitioner, anyone's (and the breakdown) for supervisors and admins.
    /// </summary>
    public void DemandKpis(Guid? practitionerId, bool byPractitioner)
    {
        if (Caller.Kind == CallerKind.Partner)
        {
            throw DomainException.Denied("service KPIs are open to the service's clinicians, not to partner systems");
        }

        if (practitionerId is { } named && named != PractitionerId && !OverseesPractitioners)
        {
            throw DomainException.Denied("another practitioner's figures need the supervisor or admin role");
        }

        if (byPractitioner && !OverseesPractitioners)
        {
            throw DomainException.Denied("figures by practitioner need the supervisor or admin role");
        }
    }
}
