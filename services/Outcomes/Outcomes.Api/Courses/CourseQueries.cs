using DitCloud.Domain;
using DitCloud.Outcomes.Api.Data;
using DitCloud.Outcomes.Domain.CourseOutcomes;
using DitCloud.Outcomes.Domain.Measures;
using DitCloud.Persistence;

namespace DitCloud.Outcomes.Api.Courses;

/// <summary>A course's outcome as of now, with the attended sessions still missing measures.</summary>
public sealed record CourseOutcomeView(CourseRecord Course, CourseOutcome Outcome, IReadOnlyList<SessionMeasureGap> Gaps);

/// <summary>
/// Reads of one course's outcome, each audited before it is answered: for its care team, and for
/// the partner system that referred the patient (see <see cref="CourseAccess.DemandOutcomeAsync"/>).
/// </summary>
public sealed class CourseQueries(OutcomesDbContext db, CourseStore courses, CourseAccess access, IAuditTrail audit, ServiceCalendar calendar)
{
    /// <summary>
    /// The course assessed on demand by the domain's rules (the same as the read model holds, but
    /// computed now). NOT_FOUND when no measures have been recorded yet: there is no outcome to show.
    /// </summary>
    public async Task<CourseOutcomeView> OutcomeAsync(OutcomesCaller caller, Guid courseId, CancellationToken cancellationToken)
    {
        var course = await ReadAsync(caller, courseId, "GetCourseOutcome", cancellationToken);
        var history = course.History(calendar);
        if (history.Measures.Count == 0)
        {
            throw DomainException.NotFound($"course {courseId} has no measures recorded yet, so it has no outcome");
        }

        return new CourseOutcomeView(course, RecoveryCalculator.Assess(history), MissingMeasures.Find(history.AttendedSessions, history.Measures));
    }

    /// <summary>The latest version of every measure set of the course, in time order (the domain's).</summary>
    public async Task<IReadOnlyList<(MeasureSetRow Row, MeasureSet Set)>> TrajectoryAsync(OutcomesCaller caller, Guid courseId, CancellationToken cancellationToken)
    {
        var course = await ReadAsync(caller, courseId, "GetTrajectory", cancellationToken);
        var sets = course.CurrentVersions.ToDictionary(row => row.Id);
        return [.. course.CurrentMeasures.Order(MeasureSet.TimeOrder).Select(set => (sets[set.Id], set))];
    }

    private async Task<CourseRecord> ReadAsync(OutcomesCaller caller, Guid courseId, string method, CancellationToken cancellationToken)
    {
        var course = await courses.GetAsync(courseId, cancellationToken);
        await access.DemandOutcomeAsync(caller, course, method, cancellationToken);
        audit.Record(caller.Actor, AuditAction.Read, CourseAccess.Resource, course.Id.ToString(), course.Row.PatientReference, method);
        await db.SaveChangesAsync(cancellationToken);
        return course;
    }
}
