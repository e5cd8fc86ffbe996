using DitCloud.Domain;
using DitCloud.Persistence;
using DitCloud.ServiceDefaults.Security;

namespace DitCloud.Outcomes.Api.Courses;

/// <summary>
/// The verified caller as outcomes sees it. A clinician's user id is their practitioner id (a
/// UUID, as scheduling names practitioners); a DitCloud service acts for the system; a partner
/// system is its client id. Everything held for a course is open to its care team. The partner
/// system that referred the patient reads the course's outcome and trajectory, as NHS Talking
/// Therapies tells the referrer the outcome; nothing else (not measures one by one, corrections,
/// risk flags, worklists or KPIs).
/// </summary>
public sealed record OutcomesCaller(Caller Caller)
{
    /// <summary>The clinician's practitioner id; null for other callers and for a user id that is not one.</summary>
    public Guid? PractitionerId { get; } =
        Caller.Kind == CallerKind.Clinician && Guid.TryParse(Caller.Id, out var id) ? id : null;

    public bool IsService => Caller.Kind == CallerKind.Service;

    public bool IsPartner => Caller.Kind == CallerKind.Partner;

    /// <summary>Supervisors and administrators may see any practitioner's figures.</summary>
    public bool OverseesPractitioners =>
        IsService || (Caller.Kind == CallerKind.Clinician && (Caller.IsInRole(Roles.Supervisor) || Caller.IsInRole(Roles.Admin)));

    public AuditActor Actor => new(Caller.Id, Caller.Kind.ToString().ToLowerInvariant());

    /// <summary>Who recorded something, as stored with it (kind:id, no personal data).</summary>
    public string RecordedBy => Caller.ToString();

    /// <summary>The course's practitioners and supervisors see its outcomes; so does a DitCloud service.</summary>
    public bool MaySee(CourseRecord course) => IsService || (PractitionerId is { } me && course.CareTeam.Contains(me));

    /// <summary>
    /// The partner system that sent the course's referral. A course scheduling created before it
    /// named the partner (no partner recorded) was referred by no partner as far as outcomes knows.
    /// </summary>
    public bool Referred(CourseRecord course) => IsPartner && course.Row.PartnerId is { } partner && partner == Caller.Id;

    /// <summary>
    /// Refuses a partner system what is for DitCloud's own staff. Checked before anything is looked
    /// up, so the refusal is the same whether or not the course, measure set or flag exists.
    /// </summary>
    public void DemandStaff()
    {
        if (IsPartner)
        {
            throw DomainException.Denied(
                "measures, their corrections and risk flags are open to the course's care team, not to partner systems; " +
                "a partner system reads the outcome and trajectory of the courses it referred");
        }
    }

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
