using DitCloud.Domain;
using DitCloud.Outcomes.Api.Data;
using DitCloud.Persistence;

namespace DitCloud.Outcomes.Api.Courses;

/// <summary>Checks a caller may see a course; a refusal is audited before it is returned.</summary>
public sealed class CourseAccess(OutcomesDbContext db, IAuditTrail audit)
{
    public const string Resource = "course";

    /// <summary>
    /// Everything held for the course: its care team (and DitCloud services) only. Partner systems
    /// are refused these uses before the course is looked up (<see cref="OutcomesCaller.DemandStaff"/>).
    /// </summary>
    /// <param name="method">The gRPC method, for the audit record.</param>
    public async Task DemandAsync(OutcomesCaller caller, CourseRecord course, string method, CancellationToken cancellationToken)
    {
        if (caller.MaySee(course)) return;

        await RefuseAsync(caller, course, method, cancellationToken);
        throw CareTeamOnly();
    }

    /// <summary>
    /// The course's outcome (as GetCourseOutcome and GetTrajectory give it): its care team's, and
    /// the referring partner system's. Any other partner is answered as if the course did not
    /// exist, so that a partner learns nothing of patients it did not refer.
    /// </summary>
    public async Task DemandOutcomeAsync(OutcomesCaller caller, CourseRecord course, string method, CancellationToken cancellationToken)
    {
        if (caller.MaySee(course) || caller.Referred(course)) return;

        await RefuseAsync(caller, course, method, cancellationToken);
        throw caller.IsPartner ? CourseStore.Unknown(course.Id) : CareTeamOnly();
    }

    private async Task RefuseAsync(OutcomesCaller caller, CourseRecord course, string method, CancellationToken cancellationToken)
    {
        // Only the refusal is saved: whatever else this unit of work had staged is dropped with it.
        db.ChangeTracker.Clear();
        audit.Record(caller.Actor, AuditAction.Read, Resource, course.Id.ToString(), course.Row.PatientReference, $"{method} refused");
        await db.SaveChangesAsync(cancellationToken);
    }

    private static DomainException CareTeamOnly() => DomainException.Denied(
        "a course's outcomes are open only to its practitioner and supervisor; " +
        "ask the course's practitioner, or have scheduling record you as its practitioner or supervisor");
}
