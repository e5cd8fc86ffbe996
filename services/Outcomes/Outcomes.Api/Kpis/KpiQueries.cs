using DitCloud.Domain;
using DitCloud.Outcomes.Api.Courses;
using DitCloud.Outcomes.Api.Data;
using DitCloud.Outcomes.Domain.Kpis;
using Microsoft.EntityFrameworkCore;

namespace DitCloud.Outcomes.Api.Kpis;

/// <summary>
/// Computes KPIs from the read model: the courses that ended or started treatment in the period
/// (one row each, with the domain's assessment of it) and the sessions due in it. The rules are the
/// domain's (<see cref="KpiCalculator"/>, <see cref="AttendanceKpis"/>); this only selects the rows.
/// </summary>
public sealed class KpiQueries(OutcomesDbContext db, ServiceCalendar calendar)
{
    /// <summary>NOT_FOUND when <paramref name="practitionerId"/> names a practitioner outcomes has never heard of.</summary>
    public async Task<KpiReport> ComputeAsync(ReportingPeriod period, Guid? practitionerId, bool byPractitioner, CancellationToken cancellationToken)
    {
        if (practitionerId is { } named && !await KnownAsync(named, cancellationToken))
        {
            throw DomainException.NotFound($"practitioner {named} has no courses known to outcomes");
        }

        var (start, end) = (period.Start, period.End);
        var rows = await db.Courses.AsNoTracking()
            .Where(c => c.PractitionerId != null && c.ReferredOn != null && c.Outcome != null)
            .Where(c => (c.EndedOn >= start && c.EndedOn <= end) || (c.FirstSessionOn >= start && c.FirstSessionOn <= end))
            .Where(c => practitionerId == null || c.PractitionerId == practitionerId)
            .ToListAsync(cancellationToken);
        var courses = rows.Select(CourseReadModel.KpiRecord).OfType<CourseKpiRecord>().ToList();
        var sessions = await db.Attendance.AsNoTracking()
            .Where(a => a.ReportedOn >= start && a.ReportedOn <= end)
            .Where(a => practitionerId == null || a.PractitionerId == practitionerId)
            .Select(a => new SessionAttendanceRecord(a.PractitionerId, a.ReportedOn, a.Attended))
            .ToListAsync(cancellationToken);

        var now = calendar.Now();
        var today = calendar.LocalDate(now);
        var overall = new KpiFigures(KpiCalculator.Compute(courses, period, today, practitionerId), AttendanceKpis.DidNotAttend(sessions, period, practitionerId), now);
        IReadOnlyList<KpiFigures> each = byPractitioner
            ? [.. KpiCalculator.ByPractitioner(courses, period, today)
                .OrderBy(entry => entry.Key)
                .Select(entry => new KpiFigures(entry.Value, AttendanceKpis.DidNotAttend(sessions, period, entry.Key), now))]
            : [];
        return new KpiReport(overall, each);
    }

    private Task<bool> KnownAsync(Guid practitionerId, CancellationToken cancellationToken) =>
        db.Courses.AnyAsync(c => c.PractitionerId == practitionerId || c.SupervisorId == practitionerId, cancellationToken);
}
