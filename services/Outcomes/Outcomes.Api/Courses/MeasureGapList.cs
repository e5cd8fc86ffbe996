using DitCloud.Domain;
using DitCloud.Outcomes.Api.Data;
using DitCloud.Outcomes.Domain.Measures;
using DitCloud.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DitCloud.Outcomes.Api.Courses;

/// <summary>A course with attended sessions whose measures are missing.</summary>
public sealed record CourseMeasureGaps(CourseRecord Course, IReadOnlyList<SessionMeasureGap> Gaps);

/// <summary>
/// The worklist of attended sessions without their measures: courses whose read model counts gaps,
/// still open or ended recently enough for session measures to be added, for one practitioner
/// (by default the caller). The gaps themselves are the domain's (<see cref="MissingMeasures"/>).
/// </summary>
public sealed class MeasureGapList(OutcomesDbContext db, CourseStore courses, IAuditTrail audit, ServiceCalendar calendar)
{
    public async Task<(IReadOnlyList<CourseMeasureGaps> Page, Guid? NextAfter)> ListAsync(
        OutcomesCaller caller, Guid? practitionerId, int pageSize, Guid? after, CancellationToken cancellationToken)
    {
        var whose = practitionerId ?? caller.PractitionerId;
        if (whose is null && !caller.IsService)
        {
            throw DomainException.Denied("the measure-gap worklist is a practitioner's; sign in with your practitioner account");
        }

        if (practitionerId is { } named && named != caller.PractitionerId && !caller.OverseesPractitioners)
        {
            throw DomainException.Denied("another practitioner's worklist needs the supervisor or admin role");
        }

        var stillOpenFor = calendar.Now() - MeasurementRules.LateEntryWindow;
        var query = db.Courses.AsNoTracking().Where(c => c.MeasureGapCount > 0 && (c.EndedAt == null || c.EndedAt >= stillOpenFor));
        if (whose is { } me) query = query.Where(c => c.PractitionerId == me || c.SupervisorId == me);
        if (after is { } last) query = query.Where(c => c.Id.CompareTo(last) > 0);
        var rows = await query.OrderBy(c => c.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var more = rows.Count > pageSize;
        if (more) rows.RemoveAt(rows.Count - 1);

        var page = (await courses.ReadManyAsync(rows, cancellationToken))
            .Select(course => new CourseMeasureGaps(course, MissingMeasures.Find(course.AttendedSessions(calendar), course.CurrentMeasures)))
            .ToList();
        foreach (var entry in page)
        {
            audit.Record(caller.Actor, AuditAction.Read, CourseAccess.Resource, entry.Course.Id.ToString(), entry.Course.Row.PatientReference, "ListMeasureGaps");
        }

        await db.SaveChangesAsync(cancellationToken);
        return (page, more ? rows[^1].Id : null);
    }
}
