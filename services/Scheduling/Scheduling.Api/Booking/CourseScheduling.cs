using DitCloud.Domain;
using DitCloud.Messaging.Outbox;
using DitCloud.Persistence;
using DitCloud.Scheduling.Api.Courses;
using DitCloud.Scheduling.Api.Data;
using DitCloud.Scheduling.Api.Diary;
using DitCloud.Scheduling.Api.Grpc;
using DitCloud.Scheduling.Api.Practitioners;
using DitCloud.Scheduling.Domain;
using DitCloud.Scheduling.Domain.Booking;
using DitCloud.Scheduling.Domain.Practitioners;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Proto = DitCloud.Scheduling.V1;

namespace DitCloud.Scheduling.Api.Booking;

/// <summary>What a booking asks for; optional parts default to the course's.</summary>
public sealed record BookingRequest(
    Guid RequestId, Guid CourseId, Guid PractitionerId, DateTimeOffset Start, TimeSpan? Duration, DeliveryMode? Mode, int SessionNumber);

/// <summary>
/// Books, moves, cancels and records the outcomes of appointments, and ends courses: the domain's
/// <see cref="CourseScheduler"/> decides; this class loads what it needs, holds the slot while the
/// booking is confirmed, and saves the course, the appointment, its history, the events, the audit
/// record and the diary entries as one unit of work.
/// </summary>
public sealed partial class CourseScheduling(
    SchedulingDbContext db,
    CourseStore courses,
    PractitionerDirectory practitioners,
    SlotSearch slots,
    SlotHolds holds,
    DiaryFeed diary,
    WaitingListAllocator allocator,
    IOutbox outbox,
    IAuditTrail audit,
    IOptions<SchedulingOptions> options,
    TimeProvider clock,
    SchedulingMetrics metrics)
{
    public async Task<AppointmentRow> BookAsync(BookingRequest request, AuditActor actor, CancellationToken cancellationToken)
    {
        if (await FindRetryAsync(request, cancellationToken) is { } earlier)
        {
            audit.Record(actor, AuditAction.Read, "appointment", earlier.Id.ToString(), earlier.PatientReference, "BookAppointment (retry)");
            await db.SaveChangesAsync(cancellationToken);
            return earlier;
        }

        var loaded = await courses.GetAsync(request.CourseId, cancellationToken);
        var row = loaded.Row;
        var plan = loaded.Course.Plan;
        if (request.Duration is { } duration && duration != plan.SessionLength)
        {
            throw DomainException.Invalid("duration", $"must be the course's session length ({plan.SessionLength.TotalMinutes:0} minutes) or absent");
        }

        if (request.Mode is { } mode && mode != row.DeliveryMode)
        {
            throw DomainException.Invalid("delivery_mode", $"must be the course's delivery mode ({DitDeliveryModes.Describe(row.DeliveryMode)}) or unspecified");
        }

        if (request.SessionNumber > plan.SessionCount)
        {
            throw DomainException.Precondition($"session_number is beyond the plan: the course has {plan.SessionCount} sessions");
        }

        var cover = await CoverAsync(request.PractitionerId, row, cancellationToken);
        var time = TimeRange.StartingAt(request.Start, plan.SessionLength);
        var context = await ContextAsync(request.PractitionerId, row, time, cancellationToken);
        var change = CourseScheduler.Book(loaded.Course, Guid.CreateVersion7(), request.Start, context, cover);
        if (request.SessionNumber != 0 && change.SessionNumber != request.SessionNumber)
        {
            throw DomainException.Precondition(
                $"session {request.SessionNumber} is already booked or used; sessions are numbered in time order and this time would hold session {change.SessionNumber}");
        }

        await using var hold = await holds.HoldAsync(request.PractitionerId, row.PatientReference, request.Start);
        var now = clock.GetUtcNow();
        var appointment = new AppointmentRow
        {
            Id = change.Appointment.Id,
            RequestId = request.RequestId,
            CourseId = row.Id,
            PatientReference = row.PatientReference,
            PractitionerId = change.Appointment.PractitionerId,
            StartsAt = time.Start,
            EndsAt = time.End,
            DeliveryMode = row.DeliveryMode,
            Status = AppointmentStatus.Booked,
            BookedAt = now,
        };
        courses.AddBooking(loaded, appointment);
        courses.Apply(loaded, change.Course);
        Record(appointment, AppointmentChange.Booked, actor, now);
        outbox.Publish(CourseEvents.Booked(appointment, now, rescheduled: false), row.Id.ToString());
        audit.Record(actor, AuditAction.Create, "appointment", appointment.Id.ToString(), row.PatientReference, "BookAppointment");
        Stage(appointment, Proto.DiaryChangeType.Booked, now);
        try
        {
            await db.SaveChangesOrExplainAsync("course", cancellationToken);
        }
        catch (DbUpdateException failure) when (failure.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ix_appointments_request_id" })
        {
            // The same request arrived twice at once; the other copy booked it.
            db.ChangeTracker.Clear();
            return await FindRetryAsync(request, cancellationToken) ?? throw new DomainException(DomainErrorKind.Aborted,
                "a booking with this request_id was made concurrently; read the course again");
        }

        return appointment;
    }

    public async Task<AppointmentRow> RescheduleAsync(
        Guid appointmentId, DateTimeOffset newStart, Guid? practitionerId, ChangeReason reason, string? note, string? etag,
        AuditActor actor, CancellationToken cancellationToken)
    {
        var appointment = await GetAppointmentAsync(appointmentId, etag, cancellationToken);
        var loaded = await courses.GetAsync(appointment.CourseId, cancellationToken);
        var target = practitionerId ?? appointment.PractitionerId;
        var handover = target != appointment.PractitionerId ? await CoverAsync(target, loaded.Row, cancellationToken) ?? target : (Guid?)null;
        var time = TimeRange.StartingAt(newStart, appointment.Time.Duration);
        var context = await ContextAsync(target, loaded.Row, time, cancellationToken);
        var change = CourseScheduler.Reschedule(loaded.Course, appointment.ToDomain(), newStart, context, handover);

        await using var hold = await holds.HoldAsync(target, appointment.PatientReference, newStart);
        var now = clock.GetUtcNow();
        var previous = (Practitioner: appointment.PractitionerId, Start: appointment.StartsAt);
        appointment.PractitionerId = change.Appointment.PractitionerId;
        appointment.StartsAt = change.Appointment.Time.Start;
        appointment.EndsAt = change.Appointment.Time.End;
        appointment.ChangeReason = reason;
        appointment.Version++;
        courses.Apply(loaded, change.Course);
        Record(appointment, AppointmentChange.Rescheduled, actor, now, reason: reason, note: note);
        outbox.Publish(CourseEvents.Booked(appointment, now, rescheduled: true), appointment.CourseId.ToString());
        audit.Record(actor, AuditAction.Change, "appointment", appointment.Id.ToString(), appointment.PatientReference, "RescheduleAppointment");
        Stage(appointment, Proto.DiaryChangeType.Rescheduled, now, previous.Start);
        if (previous.Practitioner != appointment.PractitionerId)
        {
            Stage(appointment, Proto.DiaryChangeType.Rescheduled, now, previous.Start, previous.Practitioner);
        }

        await db.SaveChangesOrExplainAsync("appointment", cancellationToken);
        return appointment;
    }

    /// <summary>
    /// The booking an earlier request with this request_id made (a retry gets it back, wherever it
    /// has moved since), or null; a request_id reused for another course is refused.
    /// </summary>
    private async Task<AppointmentRow?> FindRetryAsync(BookingRequest request, CancellationToken cancellationToken)
    {
        var earlier = await db.Appointments.SingleOrDefaultAsync(a => a.RequestId == request.RequestId, cancellationToken);
        return earlier is null || earlier.CourseId == request.CourseId
            ? earlier
            : throw DomainException.AlreadyExists("request_id was already used for a booking of another course; use a new request_id for a new booking");
    }

    private async Task<AppointmentRow> GetAppointmentAsync(Guid appointmentId, string? etag, CancellationToken cancellationToken)
    {
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == appointmentId, cancellationToken)
            ?? throw DomainException.NotFound("no appointment has this appointment_id");
        if (!string.IsNullOrEmpty(etag) && etag != appointment.Version.ToString())
        {
            throw new DomainException(DomainErrorKind.Aborted, "the appointment has changed since it was read (etag mismatch); read it again");
        }

        return appointment;
    }

    /// <summary>
    /// Null when <paramref name="practitionerId"/> is the course's own practitioner; otherwise the
    /// colleague covering, once the domain agrees they may see this patient.
    /// </summary>
    private async Task<Guid?> CoverAsync(Guid practitionerId, CourseRow course, CancellationToken cancellationToken)
    {
        var practitioner = await practitioners.GetAsync(practitionerId, cancellationToken);
        if (!practitioner.Active)
        {
            throw DomainException.Precondition("the practitioner is not active and takes no bookings; choose another practitioner");
        }

        if (course.PractitionerId is null || course.PractitionerId == practitionerId) return null;
        var domain = await practitioners.ToDomainAsync(practitioner, cancellationToken);
        if (DitEligibility.CheckForSession(domain, course.DeliveryMode) is { } reason)
        {
            throw DomainException.Precondition(
                $"this practitioner cannot see the patient: {DitEligibility.Describe(reason, course.DeliveryMode)}; choose the course's practitioner or another");
        }

        return practitionerId;
    }

    /// <summary>What the booking rules need: the practitioner's availability then, and the diary of both people around it.</summary>
    private async Task<BookingContext> ContextAsync(Guid practitionerId, CourseRow course, TimeRange time, CancellationToken cancellationToken)
    {
        var availability = await practitioners.AvailabilityAtAsync(practitionerId, time, course.DeliveryMode, cancellationToken);
        var around = await slots.AppointmentsAroundAsync(practitionerId, course.PatientReference, time.Start - TimeSpan.FromDays(1), time.End + TimeSpan.FromDays(1), cancellationToken);
        return new BookingContext(availability, ClinicTimeZone.London,
            [.. around.Where(a => a.PractitionerId == practitionerId)],
            [.. around.Where(a => a.PatientId == course.PatientReference)],
            clock.GetUtcNow());
    }

    private void Record(AppointmentRow appointment, AppointmentChange change, AuditActor actor, DateTimeOffset at,
        Domain.Attendance.AttendanceCode? code = null, ChangeReason? reason = null, string? note = null) =>
        db.AppointmentChanges.Add(new AppointmentChangeRow
        {
            AppointmentId = appointment.Id,
            CourseId = appointment.CourseId,
            Change = change,
            PractitionerId = appointment.PractitionerId,
            StartsAt = appointment.StartsAt,
            EndsAt = appointment.EndsAt,
            AttendanceCode = code,
            Reason = reason,
            Note = note,
            ActorId = actor.Id,
            ActorKind = actor.Kind,
            OccurredAt = at,
        });

    private void Stage(AppointmentRow appointment, Proto.DiaryChangeType type, DateTimeOffset at, DateTimeOffset? previousStart = null, Guid? practitionerId = null)
    {
        var entry = new DiaryFeedEntry
        {
            Entry = new Proto.WatchDiaryResponse { ChangeType = type, Appointment = appointment.ToProto(), ChangeTime = Timestamp.FromDateTimeOffset(at) },
            PatientReference = appointment.PatientReference.ToString(),
        };
        if (previousStart is { } start) entry.PreviousStartTime = Timestamp.FromDateTimeOffset(start);
        diary.Stage(db, practitionerId ?? appointment.PractitionerId, entry);
    }
}
