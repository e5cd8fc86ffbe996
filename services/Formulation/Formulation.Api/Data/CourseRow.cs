using DitCloud.Formulation.Domain.Access;
using DitCloud.Formulation.Domain.Phases;

namespace DitCloud.Formulation.Api.Data;

/// <summary>
/// What formulation knows of a course, all of it from scheduling's events: the plan (CourseCreated),
/// who treats and supervises it (PractitionerAssigned), whether it has ended (CourseCompleted).
/// Events may arrive in any order, so every part is optional until its event has been seen. Writes
/// to a course's clinical records lock this row, so they happen one at a time per course.
/// </summary>
public sealed class CourseRow
{
    public Guid CourseId { get; init; }

    /// <summary>Pseudonymous patient (from CourseCreated), for the audit trail.</summary>
    public Guid? PatientReference { get; set; }

    public int? PlannedSessions { get; set; }

    public int? InitialPhaseLastSession { get; set; }

    public int? MiddlePhaseLastSession { get; set; }

    public Guid? PractitionerId { get; set; }

    public Guid? SupervisorId { get; set; }

    /// <summary>When scheduling made the assignment reported last; an older report arriving late is ignored.</summary>
    public DateTimeOffset? AssignedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The session at which FormulationOverdue was raised; null while it has not been.</summary>
    public int? OverdueRaisedAtSession { get; set; }

    /// <summary>The care team, once scheduling has assigned a practitioner; null before.</summary>
    public CourseCareTeam? CareTeam() =>
        PractitionerId is { } practitioner ? new CourseCareTeam(CourseId, UserId(practitioner), SupervisorId is { } s ? UserId(s) : null) : null;

    /// <summary>The phase plan, once CourseCreated has been seen; null before.</summary>
    public CoursePhasePlan? PhasePlan() =>
        PlannedSessions is { } planned && InitialPhaseLastSession is { } initial && MiddlePhaseLastSession is { } middle
            ? new CoursePhasePlan(planned, initial, middle)
            : null;

    /// <summary>A practitioner id as the domain and the audit trail write it: the UUID's standard form.</summary>
    public static string UserId(Guid practitionerId) => practitionerId.ToString("D");
}
