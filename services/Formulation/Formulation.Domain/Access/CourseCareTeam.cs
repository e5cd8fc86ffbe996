using DitCloud.Domain;

namespace DitCloud.Formulation.Domain.Access;

/// <summary>
/// Who may see a course's clinical records, as scheduling last reported it: the allocated
/// practitioner and, when the case is supervised, their supervisor.
/// </summary>
public sealed record CourseCareTeam
{
    public CourseCareTeam(Guid courseId, string practitionerId, string? supervisorId)
    {
        var supervisor = string.IsNullOrWhiteSpace(supervisorId) ? null : supervisorId;
        new RequestCheck()
            .That(courseId != Guid.Empty, "course_id", "must be a course id (UUID)")
            .That(!string.IsNullOrWhiteSpace(practitionerId), "practitioner_id", "must name the course's allocated practitioner")
            .That(supervisor is null || !string.Equals(supervisor, practitionerId, StringComparison.Ordinal),
                "supervisor_practitioner_id", "must differ from practitioner_id; leave it empty when the case is not supervised")
            .ThrowIfAny();

        CourseId = courseId;
        PractitionerId = practitionerId;
        SupervisorId = supervisor;
    }

    public Guid CourseId { get; }

    public string PractitionerId { get; }

    /// <summary>Null when the case is not supervised.</summary>
    public string? SupervisorId { get; }

    /// <summary>The user's place in this care team, or null when they have none.</summary>
    public CareTeamRole? RoleOf(string? userId)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            return null;
        }

        if (string.Equals(userId, PractitionerId, StringComparison.Ordinal))
        {
            return CareTeamRole.Practitioner;
        }

        return string.Equals(userId, SupervisorId, StringComparison.Ordinal) ? CareTeamRole.Supervisor : null;
    }
}
