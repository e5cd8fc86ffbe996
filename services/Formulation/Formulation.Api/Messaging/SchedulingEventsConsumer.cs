using DitCloud.Contracts.Events.V1;
using DitCloud.Formulation.Api.Data;
using DitCloud.Formulation.Api.Watch;
using DitCloud.Formulation.V1;
using DitCloud.Messaging.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using DomainPhase = DitCloud.Formulation.Domain.Phases.TherapyPhase;

namespace DitCloud.Formulation.Api.Messaging;

/// <summary>
/// What formulation learns from scheduling: a course's plan, who treats and supervises it, the
/// sessions attended (session number and phase, for notes and the overdue rule) and its end. One
/// queue for all four, each message inside the inbox's transaction (processed once), holding the
/// course row's lock so one course's events apply one at a time.
/// Events can arrive in any order (retries, several consumers at once): each one records its
/// part and re-checks the overdue rule, so the outcome does not depend on the order.
/// </summary>
public sealed class SchedulingEventsConsumer(FormulationDbContext db, IOutbox outbox, FormulationChangeFeed feed)
    : IConsumer<CourseCreated>, IConsumer<PractitionerAssigned>, IConsumer<SessionAttended>, IConsumer<CourseCompleted>
{
    public async Task Consume(ConsumeContext<CourseCreated> context)
    {
        var created = context.Message;
        var course = await LockCourseAsync(created.CourseId, context.CancellationToken);
        course.PatientReference = created.PatientReference;
        course.PlannedSessions = created.PlannedSessions;
        course.InitialPhaseLastSession = created.InitialPhaseLastSession;
        course.MiddlePhaseLastSession = created.MiddlePhaseLastSession;
        // Sessions attended before this event arrived could not be judged without the plan.
        await CheckOverdueAsync(course, created.OccurredAt, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<PractitionerAssigned> context)
    {
        var assigned = context.Message;
        var course = await LockCourseAsync(assigned.CourseId, context.CancellationToken);
        if (course.AssignedAt is { } known && known > assigned.OccurredAt)
        {
            return; // a later assignment is already recorded; this one arrived late
        }

        course.PractitionerId = assigned.PractitionerId;
        course.SupervisorId = assigned.SupervisorId == assigned.PractitionerId ? null : assigned.SupervisorId;
        course.AssignedAt = assigned.OccurredAt;
    }

    public async Task Consume(ConsumeContext<SessionAttended> context)
    {
        var attended = context.Message;
        var course = await LockCourseAsync(attended.CourseId, context.CancellationToken);
        if (!await db.AttendedSessions.AnyAsync(s => s.AppointmentId == attended.AppointmentId, context.CancellationToken))
        {
            db.AttendedSessions.Add(new AttendedSessionRow
            {
                AppointmentId = attended.AppointmentId,
                CourseId = attended.CourseId,
                SessionNumber = attended.SessionNumber,
                Phase = (DomainPhase)(int)attended.Phase,
                PractitionerId = attended.PractitionerId,
                SessionStartedAt = attended.SessionStartedAt,
            });
            await db.SaveChangesAsync(context.CancellationToken);
        }

        await CheckOverdueAsync(course, attended.OccurredAt, context.CancellationToken, attended.PractitionerId);
    }

    public async Task Consume(ConsumeContext<CourseCompleted> context)
    {
        var course = await LockCourseAsync(context.Message.CourseId, context.CancellationToken);
        course.EndedAt ??= context.Message.OccurredAt;
    }

    /// <summary>
    /// The course's row, created empty if this is the first event about it, locked for the rest of
    /// the inbox transaction.
    /// </summary>
    private async Task<CourseRow> LockCourseAsync(Guid courseId, CancellationToken cancellationToken)
    {
        feed.Discard(db); // whatever an earlier, failed attempt on this context staged
        await db.Database.ExecuteSqlAsync($"INSERT INTO courses (course_id) VALUES ({courseId}) ON CONFLICT DO NOTHING", cancellationToken);
        return await db.Courses.FromSql($"SELECT * FROM courses WHERE course_id = {courseId} FOR UPDATE").SingleAsync(cancellationToken);
    }

    /// <summary>
    /// Applies the overdue rule to the attended sessions in session order, once the plan is known:
    /// the first one after the initial phase with no IPAF agreed raises FormulationOverdue, once.
    /// </summary>
    private async Task CheckOverdueAsync(CourseRow course, DateTimeOffset at, CancellationToken cancellationToken, Guid? seenBy = null)
    {
        if (course.OverdueRaisedAtSession is not null || course.PhasePlan() is not { } plan) return;

        var (formulation, _) = await db.FormulationAsync(course, tracked: false, cancellationToken);
        var sessions = await db.AttendedSessionsAsync(course.CourseId, cancellationToken);
        foreach (var session in sessions)
        {
            var outcome = formulation.RecordSessionAttended(session.SessionNumber, plan.InitialPhase);
            if (outcome.Overdue is not { } overdue) continue;

            course.OverdueRaisedAtSession = overdue.SessionNumber;
            var practitioner = course.PractitionerId ?? seenBy ?? session.PractitionerId;
            outbox.Publish(new FormulationOverdue(
                Guid.CreateVersion7(), at, course.CourseId, practitioner, course.SupervisorId,
                sessions.Count, overdue.LastInitialPhaseSession), course.CourseId.ToString("D"));
            feed.Stage(db, course, new WatchFormulationResponse
            {
                ChangeType = FormulationChangeType.FormulationOverdue,
                CourseId = course.CourseId.ToString("D"),
                ChangeTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(at),
            });
            return;
        }
    }
}
