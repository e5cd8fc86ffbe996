using DitCloud.Formulation.Domain.Inventory;
using DitCloud.Formulation.Domain.Ipaf;
using Microsoft.EntityFrameworkCore;

namespace DitCloud.Formulation.Api.Data;

/// <summary>Loads a course's records as the domain sees them, keeping the rows so a change can be written back.</summary>
public static class ClinicalQueries
{
    public static async Task<(InterpersonalInventory Inventory, List<RelationshipRevisionRow> Rows)> InventoryAsync(
        this FormulationDbContext db, Guid courseId, CancellationToken cancellationToken)
    {
        var rows = await db.RelationshipRevisions.AsNoTracking()
            .Where(r => r.CourseId == courseId)
            .OrderBy(r => r.RecordedAt).ThenBy(r => r.RelationshipId).ThenBy(r => r.Revision)
            .ToListAsync(cancellationToken);
        return (new InterpersonalInventory(courseId, [.. rows.Select(r => r.ToDomain())]), rows);
    }

    /// <param name="tracked">Track the rows, for a change that writes them back.</param>
    public static async Task<(IpafFormulation Formulation, List<IpafVersionRow> Rows)> FormulationAsync(
        this FormulationDbContext db, CourseRow course, bool tracked, CancellationToken cancellationToken)
    {
        var query = db.IpafVersions.Where(v => v.CourseId == course.CourseId);
        var rows = await (tracked ? query : query.AsNoTracking()).OrderBy(v => v.Number).ToListAsync(cancellationToken);
        return (new IpafFormulation(course.CourseId, [.. rows.Select(r => r.ToDomain())], course.OverdueRaisedAtSession), rows);
    }

    /// <summary>
    /// Writes a formulation step back: the newest version's row takes the changes, a new version
    /// gets a new row. Earlier versions are never touched (the database would refuse it anyway).
    /// </summary>
    public static IpafVersionRow Store(this FormulationDbContext db, IpafFormulation formulation, List<IpafVersionRow> rows)
    {
        var newest = formulation.Current!;
        if (rows.Count > 0 && rows[^1].Number == newest.Number)
        {
            rows[^1].Apply(newest);
            return rows[^1];
        }

        var added = IpafVersionRow.From(formulation.CourseId, newest);
        db.IpafVersions.Add(added);
        rows.Add(added);
        return added;
    }

    /// <summary>The course's attended sessions, by session number.</summary>
    public static Task<List<AttendedSessionRow>> AttendedSessionsAsync(this FormulationDbContext db, Guid courseId, CancellationToken cancellationToken) =>
        db.AttendedSessions.AsNoTracking().Where(s => s.CourseId == courseId).OrderBy(s => s.SessionNumber).ToListAsync(cancellationToken);

    public static Task<SessionNoteRow?> NoteAsync(this FormulationDbContext db, Guid noteId, bool tracked, CancellationToken cancellationToken)
    {
        var query = db.SessionNotes.Include(n => n.Addenda.OrderBy(a => a.Sequence)).Where(n => n.Id == noteId);
        return (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(cancellationToken);
    }
}
