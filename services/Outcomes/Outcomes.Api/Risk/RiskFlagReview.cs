using DitCloud.Domain;
using DitCloud.Outcomes.Api.Courses;
using DitCloud.Outcomes.Api.Data;
using DitCloud.Outcomes.Domain.Risk;
using DitCloud.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DitCloud.Outcomes.Api.Risk;

/// <summary>A page of risk flags with the course each belongs to (for its pseudonymous patient reference).</summary>
public sealed record RiskFlagList(IReadOnlyList<RiskFlagRow> Flags, long? NextAfter);

/// <summary>
/// Risk flags for the clinicians who must assess them: listed for the courses a caller may see, and
/// acknowledged once, by a practitioner of the course, saying what was done. The acknowledgement is
/// a row of its own beside the flag as raised; neither is ever changed afterwards.
/// </summary>
public sealed class RiskFlagReview(OutcomesDbContext db, CourseStore courses, CourseAccess access, IAuditTrail audit, ServiceCalendar calendar)
{
    public async Task<RiskFlagList> ListAsync(
        OutcomesCaller caller, Guid? courseId, RiskFlagStatus? status, int pageSize, long? after, CancellationToken cancellationToken)
    {
        caller.DemandStaff();
        IQueryable<RiskFlagRow> flags = db.RiskFlags.AsNoTracking().Include(f => f.Acknowledgement);
        if (courseId is { } id)
        {
            await access.DemandAsync(caller, await courses.GetAsync(id, cancellationToken), "ListRiskFlags", cancellationToken);
            flags = flags.Where(f => f.CourseId == id);
        }
        else if (!caller.IsService)
        {
            var me = caller.PractitionerId ?? throw NoPractitioner();
            flags = flags.Where(f =>
                db.Courses.Any(c => c.Id == f.CourseId && (c.PractitionerId == me || c.SupervisorId == me))
                || db.Attendance.Any(a => a.CourseId == f.CourseId && (a.PractitionerId == me || a.SupervisorId == me)));
        }

        flags = status switch
        {
            RiskFlagStatus.Open => flags.Where(f => f.Acknowledgement == null),
            RiskFlagStatus.Acknowledged => flags.Where(f => f.Acknowledgement != null),
            _ => flags,
        };
        if (after is { } sequence) flags = flags.Where(f => f.Sequence < sequence);

        var page = await flags.OrderByDescending(f => f.Sequence).Take(pageSize + 1).ToListAsync(cancellationToken);
        var more = page.Count > pageSize;
        if (more) page.RemoveAt(page.Count - 1);

        var courseIds = page.Select(f => f.CourseId).Distinct().ToList();
        var patients = await db.Courses.Where(c => courseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.PatientReference, cancellationToken);
        foreach (var flag in page)
        {
            audit.Record(caller.Actor, AuditAction.Read, RiskFlagRaiser.Resource, flag.Id.ToString(), patients[flag.CourseId], "ListRiskFlags");
        }

        await db.SaveChangesAsync(cancellationToken);
        return new RiskFlagList(page, more ? page[^1].Sequence : null);
    }

    public async Task<RiskFlagRow> AcknowledgeAsync(OutcomesCaller caller, Guid riskFlagId, RiskAction action, string? note, CancellationToken cancellationToken)
    {
        caller.DemandStaff();
        var courseId = await db.RiskFlags.Where(f => f.Id == riskFlagId).Select(f => (Guid?)f.CourseId).SingleOrDefaultAsync(cancellationToken)
            ?? throw DomainException.NotFound($"risk flag {riskFlagId} does not exist");
        var course = await courses.GetAsync(courseId, cancellationToken);
        await access.DemandAsync(caller, course, "AcknowledgeRiskFlag", cancellationToken);
        var practitioner = caller.PractitionerId ?? throw NoPractitioner();
        var flag = course.RiskFlags.Single(f => f.Id == riskFlagId);

        var acknowledgement = RiskFlagRows.ToDomain(flag).Acknowledge(practitioner, action, note, calendar.Now()).Acknowledgement!;
        flag.Acknowledgement = new RiskAcknowledgementRow
        {
            RiskFlagId = flag.Id,
            PractitionerId = acknowledgement.PractitionerId,
            AcknowledgedAt = acknowledgement.AcknowledgedAt,
            Action = acknowledgement.Action,
            Note = acknowledgement.Note,
        };
        db.RiskAcknowledgements.Add(flag.Acknowledgement);
        audit.Record(caller.Actor, AuditAction.Change, RiskFlagRaiser.Resource, flag.Id.ToString(), course.Row.PatientReference, $"AcknowledgeRiskFlag ({action})");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException failure) when (failure.IsUniqueViolation(DatabaseErrors.RiskAcknowledgementKey))
        {
            // Another clinician acknowledged it meanwhile: answer as if they had been first, naming them.
            db.ChangeTracker.Clear();
            var stored = await db.RiskFlags.AsNoTracking().Include(f => f.Acknowledgement).SingleAsync(f => f.Id == riskFlagId, cancellationToken);
            RiskFlagRows.ToDomain(stored).Acknowledge(practitioner, action, note, calendar.Now());
            throw;
        }

        return flag;
    }

    private static DomainException NoPractitioner() => DomainException.Denied(
        "risk flags are reviewed by the practitioners and supervisors of a course; sign in with your practitioner account");
}
