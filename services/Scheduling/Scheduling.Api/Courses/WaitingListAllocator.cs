using DitCloud.Messaging.Outbox;
using DitCloud.Persistence;
using DitCloud.Scheduling.Api.Data;
using DitCloud.Scheduling.Domain;
using DitCloud.Scheduling.Domain.Assignment;
using DitCloud.Scheduling.Domain.Courses;
using Microsoft.EntityFrameworkCore;

namespace DitCloud.Scheduling.Api.Courses;

/// <summary>
/// Gives waiting courses their practitioners, first referred first served, by the domain's
/// explainable rule (<see cref="PractitionerAssigner"/>), for as long as capacity lasts. Runs in the
/// transaction of whatever made capacity appear (a course created, ended or completed; a
/// practitioner registered, re-activated or given a larger caseload), so a patient is offered as
/// soon as there is room. One allocation runs at a time across all replicas (a transaction-scoped
/// advisory lock), so two allocations can never both take a practitioner's last place.
/// </summary>
public sealed class WaitingListAllocator(
    SchedulingDbContext db,
    CourseStore courses,
    FirstOffers offers,
    IOutbox outbox,
    IAuditTrail audit,
    TimeProvider clock)
{
    /// <summary>Must run inside a transaction; saves its changes (the caller commits).</summary>
    public async Task AllocateAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Allocation must run inside the transaction of the change that made capacity appear.");
        }

        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('scheduling-waiting-list'))", cancellationToken);
        var waitingRows = await db.Courses.Where(c => c.State == CourseState.AwaitingPractitioner).ToDictionaryAsync(c => c.Id, cancellationToken);
        if (waitingRows.Count == 0) return;

        var practitionerRows = await db.Practitioners.Where(p => p.Active).ToListAsync(cancellationToken);
        var caseloads = await db.Courses
            .Where(c => c.State == CourseState.InTreatment && c.PractitionerId != null)
            .GroupBy(c => c.PractitionerId!.Value)
            .Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Id, g => g.Count, cancellationToken);
        var pool = practitionerRows.ToDictionary(p => p.Id, p => p.ToDomain(caseloads.GetValueOrDefault(p.Id)));
        var offeredThisRound = new List<TimeRange>();
        var now = clock.GetUtcNow();

        // Waiting courses have neither bookings nor outcomes, so their rows alone make the domain course.
        var queue = AssignmentQueue.InOrder(waitingRows.Values.Select(row => new Course(
            row.Id, row.PatientReference, row.ReferralId, row.ReferredAt, row.DeliveryMode, row.Plan, row.State,
            null, row.AssignmentReason, [], [], null)));
        foreach (var waiting in queue)
        {
            var row = waitingRows[waiting.Id];
            var decision = PractitionerAssigner.Assign([.. pool.Values], waiting.DeliveryMode);
            if (decision.Chosen is not { } chosen)
            {
                row.AssignmentReason = decision.Reason;
                continue;
            }

            var loaded = new LoadedCourse(row, waiting, []);
            courses.Apply(loaded, waiting.AssignPractitioner(chosen.Id, decision.Reason));
            row.SupervisorId = chosen.SupervisorId;
            row.AssignedAt = now;
            var firstOffers = await offers.FindAsync(row, offeredThisRound, cancellationToken);
            offeredThisRound.AddRange(firstOffers);
            row.FirstOffers = FirstOffers.Serialize(firstOffers);
            pool[chosen.Id] = chosen.TakeOnCase();

            outbox.Publish(CourseEvents.Assigned(row, now), row.Id.ToString());
            audit.Record(actor, AuditAction.Change, "course", row.Id.ToString(), row.PatientReference, "practitioner assigned");
        }

        await db.SaveChangesOrExplainAsync("course", cancellationToken);
    }
}
