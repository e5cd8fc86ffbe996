using DitCloud.Domain;
using DitCloud.Scheduling.Domain.Attendance;
using DitCloud.Scheduling.Domain.Courses;

namespace DitCloud.Scheduling.Domain.Booking;

/// <summary>
/// Books, reschedules, cancels and records attendance, keeping a course and its appointments in
/// step. Each call returns the new course and appointment, to be saved together; nothing is changed
/// in place.
/// </summary>
public static class CourseScheduler
{
    /// <summary>Books the course's next free session at <paramref name="start"/> for the plan's session length.</summary>
    /// <param name="practitionerId">
    /// Who sees the patient when it is not the course's own practitioner (a colleague covering);
    /// <paramref name="context"/> then holds that practitioner's availability and appointments.
    /// Check the colleague with <see cref="Practitioners.DitEligibility.CheckForSession"/> first.
    /// </param>
    public static ScheduleChange Book(Course course, Guid appointmentId, DateTimeOffset start, BookingContext context, Guid? practitionerId = null)
    {
        if (appointmentId == Guid.Empty)
        {
            throw DomainException.Invalid("appointment_id", "is required");
        }

        course.EnsureOpen();
        if (course.PractitionerId is not { } coursePractitionerId)
        {
            throw DomainException.Precondition("the course has no practitioner yet; the patient is waiting for one to be assigned");
        }

        var seenBy = practitionerId ?? coursePractitionerId;
        if (seenBy == Guid.Empty)
        {
            throw DomainException.Invalid("practitioner_id", "must be a practitioner's id when given");
        }

        if (course.SessionsLeftToBook <= 0)
        {
            throw DomainException.Precondition(
                $"all {course.Plan.SessionCount} sessions of the course are booked or used; reschedule an existing appointment instead");
        }

        var time = TimeRange.StartingAt(start, course.Plan.SessionLength);
        BookingRules.EnsureBookable(time, context);

        var appointment = new Appointment(appointmentId, course.Id, course.PatientId, seenBy, time,
            course.DeliveryMode, AppointmentStatus.Booked, null, null);
        return new(course.WithBooking(new(appointmentId, time)), appointment);
    }

    /// <summary>Moves a booked appointment that has not started to a new start time, under the same rules as booking.</summary>
    /// <param name="practitionerId">
    /// The practitioner the appointment moves to, when it changes hands; <paramref name="context"/>
    /// then holds that practitioner's availability and appointments. Null keeps the current one.
    /// </param>
    public static ScheduleChange Reschedule(Course course, Appointment appointment, DateTimeOffset newStart, BookingContext context, Guid? practitionerId = null)
    {
        EnsureBelongs(course, appointment);
        course.EnsureOpen();
        EnsureBooked(appointment);
        if (appointment.Time.Start <= context.Now)
        {
            throw DomainException.Precondition("the appointment has already started; record attendance or cancel it instead");
        }

        var time = TimeRange.StartingAt(newStart, appointment.Time.Duration);
        BookingRules.EnsureBookable(time, context, appointment.Id);

        if (practitionerId == Guid.Empty)
        {
            throw DomainException.Invalid("practitioner_id", "must be a practitioner's id when given");
        }

        return new(course.WithBookingMoved(appointment.Id, time),
            appointment with { Time = time, PractitionerId = practitionerId ?? appointment.PractitionerId });
    }

    /// <summary>
    /// Cancels a booked appointment and frees its session. The patient may cancel until the
    /// appointment starts (after that it is a DNA); the provider may cancel until attendance is recorded.
    /// </summary>
    public static ScheduleChange Cancel(Course course, Appointment appointment, CancelledBy by, string reason, DateTimeOffset now, DnaPolicy policy)
    {
        EnsureBelongs(course, appointment);
        var code = by switch
        {
            CancelledBy.Patient => AttendanceCode.CancelledByPatient,
            CancelledBy.Provider => AttendanceCode.CancelledByProvider,
            _ => throw DomainException.Invalid("cancelled_by", "must be patient or provider"),
        };

        var why = Course.RequireReason(reason, "reason");
        EnsureBooked(appointment);
        if (by == CancelledBy.Patient && appointment.Time.Start <= now)
        {
            throw DomainException.Precondition(
                "the appointment has started, so the patient can no longer cancel it; record attendance code 3 (did not attend) instead");
        }

        var cancellation = new Cancellation(by, why, now.ToUniversalTime());
        var record = new AttendanceRecord(appointment.Id, HeldSession(course, appointment), code, appointment.Time, now.ToUniversalTime());
        var updated = course.WithOutcome(record);
        return new(updated,
            appointment with { Status = AppointmentStatus.Cancelled, Outcome = code, Cancellation = cancellation },
            policy.Evaluate(updated.AttendanceHistory));
    }

    /// <summary>
    /// Records whether the patient was seen (codes 5, 6) or not (3, 7) once the appointment has
    /// started, in appointment order, then applies the DNA policy and the completion rule.
    /// </summary>
    public static AttendanceResult RecordAttendance(Course course, Appointment appointment, AttendanceCode code, DateTimeOffset now, DnaPolicy policy)
    {
        EnsureBelongs(course, appointment);
        if (!Enum.IsDefined(code))
        {
            throw DomainException.Invalid("attendance_code", "must be an NHS attendance code: 5, 6, 7 or 3");
        }

        if (code.IsCancellation())
        {
            throw DomainException.Invalid("attendance_code", "codes 2 and 4 are cancellations; use Cancel with a reason");
        }

        EnsureBooked(appointment);
        if (appointment.Time.Start > now)
        {
            throw DomainException.Precondition("the appointment has not started yet; record attendance once it has begun");
        }

        var session = HeldSession(course, appointment);
        if (session != course.UsedSessions.Count + 1)
        {
            throw DomainException.Precondition("an earlier appointment of this course has no attendance yet; record that one first");
        }

        var record = new AttendanceRecord(appointment.Id, session, code, appointment.Time, now.ToUniversalTime());
        var updated = course.WithOutcome(record);
        var status = code.CountsAsAttended() ? AppointmentStatus.Attended : AppointmentStatus.Missed;

        return new(updated, appointment with { Status = status, Outcome = code }, record,
            course.Plan.PhaseOf(session), policy.Evaluate(updated.AttendanceHistory));
    }

    private static int HeldSession(Course course, Appointment appointment) =>
        course.SessionNumberOf(appointment.Id)
        ?? throw DomainException.Precondition("the appointment is not booked on this course; reload the course and try again");

    private static void EnsureBelongs(Course course, Appointment appointment)
    {
        if (appointment.CourseId != course.Id)
        {
            throw DomainException.Invalid("appointment_id", "belongs to a different course; give an appointment of this course");
        }
    }

    private static void EnsureBooked(Appointment appointment)
    {
        switch (appointment.Status)
        {
            case AppointmentStatus.Booked:
                return;
            case AppointmentStatus.Cancelled:
                throw DomainException.Precondition("the appointment is cancelled; book a new one");
            default:
                throw DomainException.Precondition("attendance is already recorded for this appointment; it can no longer change");
        }
    }
}
