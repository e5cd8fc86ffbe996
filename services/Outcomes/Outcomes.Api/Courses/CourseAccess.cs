using DitCloud.Domain;
using DitCloud.Outcomes.Api.Data;
using DitCloud.Persistence;

namespace DitCloud.Outcomes.Api.Courses;

/// <summary>Checks a caller may see a course; a refusal is audited before it is returned.</summary>
public sealed class CourseAccess(OutcomesDbContext db, IAuditTrail audit)
{
    public const string Resource = "course";

    /// <param name="method">The gRPC method, for the audit record.</param>
    public async Task DemandAsync(OutcomesCaller caller, CourseRecord course, string method, CancellationToken cancellationToken)
    {
        if (caller.MaySee(course)) return;

        // Only the refusal is saved: whatever else this unit of work had staged is dropped with it.
        db.ChangeTracker.Clear();
        audit.Record(caller.Actor, AuditAction.Read, Resource, course.Id.ToString(), course.Row.PatientReference, $"{method} refused");
        await db.SaveChangesAsync(cancellationToken);
        throw DomainException.Denied(
            "a course's outcomes are open only to its practitioner and supervisor; " +
            "ask the course's practitioner, or have scheduling record you as its practitioner or supervisor");
    }
}
