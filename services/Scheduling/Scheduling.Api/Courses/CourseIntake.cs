using DitCloud.Contracts.Events.V1;
using DitCloud.Messaging.Outbox;
using DitCloud.Persistence;
using DitCloud.Scheduling.Api.Booking;
using DitCloud.Scheduling.Api.Data;
using DitCloud.Scheduling.Domain.Courses;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DitCloud.Scheduling.Api.Courses;

/// <summary>
/// What the referral service's decisions mean for scheduling: an accepted referral opens a course
/// (and the waiting list is allocated at once); a withdrawn one ends its course and cancels what
/// is booked. Both run in the consumer's inbox transaction and take a lock on the referral, so the
/// two can arrive in either order, or at once on two replicas, and still agree: a withdrawal that
/// overtakes the acceptance is remembered, and the acceptance then creates nothing.
/// </summary>
public sealed partial class CourseIntake(
    SchedulingDbContext db,
    CourseStore courses,
    WaitingListAllocator allocator,
    CourseScheduling scheduling,
    IOutbox outbox,
    IAuditTrail audit,
    IOptions<SchedulingOptions> options,
    TimeProvider clock,
    ILogger<CourseIntake> logger)
{
    private static readonly AuditActor ReferralEvents = AuditActor.Service("scheduling");

    public async Task AcceptAsync(ReferralAccepted accepted, CancellationToken cancellationToken)
    {
        await LockReferralAsync(accepted.ReferralId, cancellationToken);
        if (await db.WithdrawnReferrals.AnyAsync(w => w.ReferralId == accepted.ReferralId, cancellationToken))
        {
            LogAcceptedAfterWithdrawal(accepted.ReferralId);
            return;
        }

        // Another message for the same referral (a re-sent acceptance) finds the course already open.
        if (await db.Courses.AnyAsync(c => c.ReferralId == accepted.ReferralId, cancellationToken)) return;

        var settings = options.Value;
        var plan = settings.CoursePlan();
        var mode = accepted.PreferredDeliveryMode switch
        {
            DeliveryMode.Video => Domain.Practitioners.DeliveryMode.Video,
            DeliveryMode.FaceToFace => Domain.Practitioners.DeliveryMode.InPerson,
            _ => settings.DefaultDeliveryMode,
        };
        var now = clock.GetUtcNow();
        var course = Course.Open(Guid.CreateVersion7(), accepted.PatientReference, accepted.ReferralId, accepted.ReceivedAt, mode, plan);
        var row = new CourseRow
        {
            Id = course.Id,
            ReferralId = course.ReferralId,
            PartnerId = accepted.PartnerId,
            PatientReference = course.PatientId,
            ReferredAt = course.ReferredAt,
            AcceptedAt = accepted.AcceptedAt,
            DeliveryMode = mode,
            SessionCount = plan.SessionCount,
            SessionMinutes = (int)plan.SessionLength.TotalMinutes,
            InitialPhaseLastSession = plan.Phases.Initial.Last,
            MiddlePhaseLastSession = plan.Phases.Middle.Last,
            State = course.State,
            CreatedAt = now,
        };
        db.Courses.Add(row);
        outbox.Publish(CourseEvents.Created(row, now), row.Id.ToString());
        audit.Record(ReferralEvents, AuditAction.Create, "course", row.Id.ToString(), row.PatientReference, "referral accepted");
        await db.SaveChangesAsync(cancellationToken);

        await allocator.AllocateAsync(ReferralEvents, cancellationToken);
    }

    public async Task WithdrawAsync(ReferralWithdrawn withdrawn, CancellationToken cancellationToken)
    {
        await LockReferralAsync(withdrawn.ReferralId, cancellationToken);
        var now = clock.GetUtcNow();
        if (!await db.WithdrawnReferrals.AnyAsync(w => w.ReferralId == withdrawn.ReferralId, cancellationToken))
        {
            db.WithdrawnReferrals.Add(new WithdrawnReferralRow
            {
                ReferralId = withdrawn.ReferralId,
                Reason = withdrawn.Reason,
                WithdrawnAt = withdrawn.OccurredAt,
                ReceivedAt = now,
            });
        }

        var loaded = await courses.FindByReferralAsync(withdrawn.ReferralId, cancellationToken);
        if (loaded is null || !loaded.Course.IsOpen)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var heldAPlace = loaded.Course.State == CourseState.InTreatment;
        scheduling.EndCourse(loaded, CourseEndReason.ReferralWithdrawn, $"The referral was withdrawn ({withdrawn.Reason}).", ReferralEvents);
        await db.SaveChangesAsync(cancellationToken);

        if (heldAPlace) await allocator.AllocateAsync(ReferralEvents, cancellationToken);
    }

    /// <summary>Serialises everything about one referral across replicas until the transaction ends.</summary>
    private Task LockReferralAsync(Guid referralId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({referralId.ToString()}, 0))", cancellationToken);

    [LoggerMessage(LogLevel.Information, "Referral {ReferralId} was withdrawn before it was accepted: no course is created")]
    private partial void LogAcceptedAfterWithdrawal(Guid referralId);
}
