namespace DitCloud.Formulation.Domain.Access;

/// <summary>
/// Clinical text of a course is read and written only by its practitioner and their supervisor.
/// Everyone else, including other practitioners of the same service, is refused.
/// </summary>
public static class ClinicalAccessPolicy
{
    public static AccessDecision Decide(CourseCareTeam careTeam, string? userId, ClinicalRecordKind record, ClinicalAccessKind kind)
    {
        ArgumentNullException.ThrowIfNull(careTeam);
        return new AccessDecision(careTeam.CourseId, userId ?? string.Empty, record, kind, careTeam.RoleOf(userId));
    }
}
