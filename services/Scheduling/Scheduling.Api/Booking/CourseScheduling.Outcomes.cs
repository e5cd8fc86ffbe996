using CourseEndReason = DitCloud.Contracts.Events.V1.CourseEndReason;
using DitCloud.Domain;
using DitCloud.Persistence;
using DitCloud.Scheduling.Api.Courses;
using DitCloud.Scheduling.Api.Data;
using DitCloud.Scheduling.Domain.Attendance;
using DitCloud.Scheduling.Domain.Booking;
using Proto = DitCloud.Scheduling.V1;

namespace DitCloud.Scheduling.Api.Booking;

public sealed partial class CourseScheduling
{
    /// <summary>Cancels a booked appointment; an appointment already cancelled is returned unchanged.</summary>
    public async Task<AppointmentRow> CancelAsync(
        Guid appointmentId, CancelledBy by, ChangeReason reason, string? note, string? etag, AuditActor actor, CancellationToken cancellationToken)
    {
        var appointment = await GetAppointmentAsync(appointmentId, etag, cancellationToken);
        if (appointment.Status == AppointmentStatus.Cancelled)
        {
            audit.Record(actor, AuditAction.Read, "appointment", appointment.Id.ToString(), appointment.PatientReference, "CancelAppointment (already cancelled)");
            await db.SaveChangesAsync(cancellationToken);
            return appointment;
        }

        var loaded = await courses.GetAsync(appointment.CourseId, cancellationToken);
        var review = Cancel(loaded, appointment, by, reason, note, actor);
        if (review is not null) RaiseReview(loaded, review);
        audit.Record(actor, AuditAction.Change, "appointment", appointment.Id.ToString(), appointment.PatientReference, "CancelAppointment");
        await db.SaveChangesOrExplainAsync("appointment", cancellationToken);
        return appointment;
    }

    /// <summary>
    /// Records attendance (codes 3, 5, 6, 7) and applies the DNA policy and the completion rule.
    /// The same code again changes nothing. A course completed by this session frees its
    /// practitioner's place, which goes to the next waiting patient in the same transaction.
    /// </summary>
    public async Task<(AppointmentRow Appointment, LoadedCourse Course)> RecordAttendanceAsync(
        Guid appointmentId, AttendanceCode code, Guid? supervisorId, AuditActor actor, CancellationToken cancellationToken)
    {
        var appointment = await GetAppointmentAsync(appointmentId, etag: null, cancellationToken);
        var loaded = await courses.GetAsync(appointment.CourseId, cancellationToken);
        if (appointment.Outcome == code && appointment.Status != AppointmentStatus.Cancelled)
        {
            audit.Record(actor, AuditAction.Read, "appointment", appointment.Id.ToString(), appointment.PatientReference, "RecordAttendance (same code again)");
            await db.SaveChangesAsync(cancellationToken);
            return (appointment, loaded);
        }

        if (supervisorId is { } named) await practitioners.GetAsync(named, cancellationToken, "supervisor_practitioner_id");
        var now = clock.GetUtcNow();
        var result = CourseScheduler.RecordAttendance(loaded.Course, appointment.ToDomain(), code, now, options.Value.DnaPolicy());
        appointment.Status = result.Appointment.Status;
        appointment.Outcome = code;
        appointment.SessionNumber = result.Record.SessionNumber;
        appointment.Phase = result.Phase;
        appointment.SupervisorId = supervisorId ?? loaded.Row.SupervisorId;
        appointment.Version++;
        courses.Apply(loaded, result.Course);
        Record(appointment, AppointmentChange.AttendanceRecorded, actor, now, code);
        var partition = loaded.Row.Id.ToString();
        if (result.Attended)
        {
            loaded.Row.DischargeReviewNeeded = false; // the patient is back: a pending review has its answer
            outbox.Publish(CourseEvents.Attended(appointment, now), partition);
        }
        else
        {
            outbox.Publish(CourseEvents.Missed(appointment, result.Course, now), partition);
        }

        if (result.DischargeReview is { } review) RaiseReview(loaded, review);
        audit.Record(actor, AuditAction.Change, "appointment", appointment.Id.ToString(), appointment.PatientReference, "RecordAttendance");
        Stage(appointment, Proto.DiaryChangeType.AttendanceRecorded, now);

        if (!result.CourseCompleted)
        {
            await db.SaveChangesOrExplainAsync("course", cancellationToken);
            metrics.AttendanceRecorded(code);
            return (appointment, loaded);
        }

        outbox.Publish(CourseEvents.Completed(loaded.Row, result.Course, now), partition);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesOrExplainAsync("course", cancellationToken);
        await allocator.AllocateAsync(actor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.AttendanceRecorded(code);
        return (appointment, loaded);
    }

    /// <summary>
    /// Ends an open course early: its booked appointments are cancelled by the provider (they never
    /// count against the patient), then the course ends with its reason. The caller saves, and
    /// allocates the freed place if the course had a practitioner.
    /// </summary>
    public void EndCourse(LoadedCourse loaded, CourseEndReason reason, string explanation, AuditActor actor)
    {
        if (!loaded.Course.IsOpen)
        {
            throw DomainException.Precondition("the course has already ended; there is nothing left to end");
        }

        foreach (var booked in loaded.Booked.Values.OrderBy(a => a.StartsAt).ToList())
        {
            Cancel(loaded, booked, CancelledBy.Provider, ChangeReason.CourseEnded, explanation, actor);
        }

        var now = clock.GetUtcNow();
        courses.Apply(loaded, loaded.Course.EndEarly(explanation, now));
        loaded.Row.EndReason = reason;
        loaded.Row.DischargeReviewNeeded = false;
        outbox.Publish(CourseEvents.Completed(loaded.Row, loaded.Course, now), loaded.Row.Id.ToString());
        audit.Record(actor, AuditAction.Change, "course", loaded.Row.Id.ToString(), loaded.Row.PatientReference, $"course ended ({reason})");
    }

    /// <summary>Applies one cancellation to the rows and stages its event, history and diary entry.</summary>
    private DischargeReview? Cancel(LoadedCourse loaded, AppointmentRow appointment, CancelledBy by, ChangeReason reason, string? note, AuditActor actor)
    {
        var now = clock.GetUtcNow();
        var explanation = string.IsNullOrWhiteSpace(note) ? Describe(reason) : note;
        var change = CourseScheduler.Cancel(loaded.Course, appointment.ToDomain(), by, explanation, now, options.Value.DnaPolicy());
        appointment.Status = AppointmentStatus.Cancelled;
        appointment.Outcome = change.Appointment.Outcome;
        appointment.CancelledBy = by;
        appointment.CancellationNote = string.IsNullOrWhiteSpace(note) ? null : note;
        appointment.CancelledAt = now;
        appointment.ChangeReason = reason;
        appointment.Version++;
        courses.Apply(loaded, change.Course);
        Record(appointment, AppointmentChange.Cancelled, actor, now, appointment.Outcome, reason, appointment.CancellationNote);
        outbox.Publish(CourseEvents.Cancelled(appointment, now), appointment.CourseId.ToString());
        Stage(appointment, Proto.DiaryChangeType.Cancelled, now);
        return change.DischargeReview;
    }

    private void RaiseReview(LoadedCourse loaded, DischargeReview review)
    {
        loaded.Row.DischargeReviewNeeded = true;
        outbox.Publish(CourseEvents.ReviewNeeded(loaded.Row, review, clock.GetUtcNow()), loaded.Row.Id.ToString());
    }

    private static string Describe(ChangeReason reason) => reason switch
    {
        ChangeReason.PatientRequest => "The patient asked.",
        ChangeReason.PractitionerUnavailable => "The practitioner is unavailable.",
        ChangeReason.ServiceIssue => "A service problem (room, video platform).",
        ChangeReason.CourseEnded => "The course ended.",
        _ => "Another reason.",
    };
}
