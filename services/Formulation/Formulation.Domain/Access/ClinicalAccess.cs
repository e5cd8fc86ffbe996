using DitCloud.Domain;

namespace DitCloud.Formulation.Domain.Access;

/// <summary>
/// Proof that the policy allowed this user into this course's clinical records. Every write in
/// this domain takes one, so no change can skip the policy, and the author of a change is always
/// the user the policy checked.
/// </summary>
public sealed class ClinicalAccess
{
    internal ClinicalAccess(Guid courseId, string userId, CareTeamRole role, ClinicalAccessKind kind)
    {
        CourseId = courseId;
        UserId = userId;
        Role = role;
        Kind = kind;
    }

    public Guid CourseId { get; }

    public string UserId { get; }

    public CareTeamRole Role { get; }

    public ClinicalAccessKind Kind { get; }

    internal void EnsureCanWrite(Guid courseId)
    {
        if (courseId != CourseId)
        {
            throw DomainException.Denied("the access decision was made for a different course; decide access for this course first");
        }

        if (Kind != ClinicalAccessKind.Write)
        {
            throw DomainException.Denied("the access decision allows reading only; decide write access before changing clinical records");
        }
    }
}
