using DitCloud.Domain;

namespace DitCloud.Formulation.Domain.Access;

/// <summary>
/// The policy's answer to one request for clinical text. The caller writes it to the audit trail
/// whether it was allowed or refused, then calls <see cref="Demand"/> to go on or be refused.
/// Only <see cref="ClinicalAccessPolicy"/> makes one, so an allowed decision cannot be forged.
/// </summary>
public sealed record AccessDecision
{
    internal AccessDecision(Guid courseId, string userId, ClinicalRecordKind record, ClinicalAccessKind kind, CareTeamRole? role)
    {
        CourseId = courseId;
        UserId = userId;
        Record = record;
        Kind = kind;
        Role = role;
    }

    public Guid CourseId { get; }

    /// <summary>The caller as authenticated; empty when the request carried no identity.</summary>
    public string UserId { get; }

    public ClinicalRecordKind Record { get; }

    public ClinicalAccessKind Kind { get; }

    /// <summary>The caller's place in the care team; null when they have none and were refused.</summary>
    public CareTeamRole? Role { get; }

    public bool Allowed => Role is not null;

    /// <summary>The access to pass to the domain's writes; throws PermissionDenied when refused.</summary>
    public ClinicalAccess Demand() =>
        Role is { } role
            ? new ClinicalAccess(CourseId, UserId, role, Kind)
            : throw DomainException.Denied(
                "clinical records of a course are open only to its practitioner and their supervisor; " +
                "ask the course's practitioner to have scheduling record you as practitioner or supervisor");
}
