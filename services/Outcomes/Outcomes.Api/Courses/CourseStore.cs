using DitCloud.Domain;
using DitCloud.Outcomes.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace DitCloud.Outcomes.Api.Courses;

/// <summary>Loads courses with everything held for them, for one unit of work (tracked).</summary>
public sealed class CourseStore(OutcomesDbContext db)
{
    /// <summary>The course; NOT_FOUND when outcomes has heard nothing of it from scheduling.</summary>
    public async Task<CourseRecord> GetAsync(Guid courseId, CancellationToken cancellationToken) =>
        await FindAsync(courseId, cancellationToken) ?? throw Unknown(courseId);

    /// <summary>The answer for a course outcomes has not heard of, and for one a partner system may not know of.</summary>
    public static DomainException Unknown(Guid courseId) =>
        DomainException.NotFound($"course {courseId} is not known to outcomes; it appears once scheduling has created it");

    public async Task<CourseRecord?> FindAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var row = await db.Courses.SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken);
        return row is null ? null : await LoadAsync(row, cancellationToken);
    }

    /// <summary>
    /// The course for an event about it, created empty when this event is the first outcomes hears
    /// of it (events of one course arrive on different queues, so in any order). The insert skips an
    /// existing row, and when two first events race, the second waits for the first's transaction
    /// and then reads its row, rather than failing and being retried. Runs in the consumer's
    /// transaction: an empty row never outlives a failed event.
    /// </summary>
    public async Task<CourseRecord> GetOrAddAsync(Guid courseId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO courses (id, ended_early, measure_gap_count, version) VALUES ({courseId}, false, 0, 0) ON CONFLICT (id) DO NOTHING",
            cancellationToken);
        return await GetAsync(courseId, cancellationToken);
    }

    /// <summary>Several courses at once, read-only, with a query per table rather than per course.</summary>
    public async Task<IReadOnlyList<CourseRecord>> ReadManyAsync(IReadOnlyList<CourseRow> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var attendance = (await db.Attendance.AsNoTracking().Where(a => ids.Contains(a.CourseId)).ToListAsync(cancellationToken)).ToLookup(a => a.CourseId);
        var measures = (await db.MeasureSets.AsNoTracking().Where(m => ids.Contains(m.CourseId)).ToListAsync(cancellationToken)).ToLookup(m => m.CourseId);
        var flags = (await db.RiskFlags.AsNoTracking().Include(f => f.Acknowledgement).Where(f => ids.Contains(f.CourseId)).ToListAsync(cancellationToken))
            .ToLookup(f => f.CourseId);
        return [.. rows.Select(row => new CourseRecord(row, [.. attendance[row.Id]], [.. measures[row.Id]], [.. flags[row.Id]]))];
    }

    private async Task<CourseRecord> LoadAsync(CourseRow row, CancellationToken cancellationToken)
    {
        var attendance = await db.Attendance.Where(a => a.CourseId == row.Id).ToListAsync(cancellationToken);
        var measures = await db.MeasureSets.Where(m => m.CourseId == row.Id).ToListAsync(cancellationToken);
        var flags = await db.RiskFlags.Include(f => f.Acknowledgement).Where(f => f.CourseId == row.Id).ToListAsync(cancellationToken);
        return new CourseRecord(row, attendance, measures, flags);
    }
}
