using DitCloud.Domain;
using DitCloud.Scheduling.Domain.Attendance;
using DitCloud.Scheduling.Domain.Practitioners;

namespace DitCloud.Scheduling.Domain.Courses;

/// <summary>
/// A patient's DIT course. Session numbers are not fixed when an appointment is booked: sessions
/// are used in time order, so the attended and missed sessions come first (in the order their
/// outcomes were recorded), then the booked appointments by start time, then the sessions still to
/// book. Cancelling an appointment frees its session; a missed session is used up, because DIT is
/// time-limited and holds to its planned ending. Change bookings and attendance through
/// <see cref="Booking.CourseScheduler"/>; the public constructor is for rebuilding a stored course.
/// </summary>
/// <param name="AttendanceHistory">Every recorded outcome, cancellations included, in the order recorded.</param>
public sealed record Course(
    Guid Id,
    Guid PatientId,
    Guid ReferralId,
    DateTimeOffset ReferredAt,
    DeliveryMode DeliveryMode,
    CoursePlan Plan,
    CourseState State,
    Guid? PractitionerId,
    string? AssignmentReason,
    IReadOnlyList<CourseBooking> Bookings,
    IReadOnlyList<AttendanceRecord> AttendanceHistory,
    CourseEnding? Ending)
{
    public const int MaxReasonLength = 1000;

    /// <summary>Opens a course for an accepted referral; it waits for a practitioner.</summary>
    public static Course Open(Guid id, Guid patientId, Guid referralId, DateTimeOffset referredAt, DeliveryMode mode, CoursePlan plan)
    {
        var violations = new List<FieldViolation>();
        AddIfEmpty(violations, id, "course_id");
        AddIfEmpty(violations, patientId, "patient_id");
        AddIfEmpty(violations, referralId, "referral_id");
        if (DitDeliveryModes.Refusal(mode) is { } refusal)
        {
            violations.Add(new("delivery_mode", refusal));
        }

        if (violations.Count > 0)
        {
            throw DomainException.Invalid(violations);
        }

        return new(id, patientId, referralId, referredAt.ToUniversalTime(), mode, plan,
            CourseState.AwaitingPractitioner, null, null, [], [], null);
    }

    public bool IsOpen => State is CourseState.AwaitingPractitioner or CourseState.InTreatment;

    /// <summary>Attended and missed sessions, in session order.</summary>
    public IReadOnlyList<AttendanceRecord> UsedSessions => [.. AttendanceHistory.Where(r => !r.Code.IsCancellation())];

    /// <summary>Sessions neither used nor booked.</summary>
    public int SessionsLeftToBook => Plan.SessionCount - UsedSessions.Count - Bookings.Count;

    /// <summary>Every planned session with its phase and where it stands.</summary>
    public IReadOnlyList<CourseSession> Sessions
    {
        get
        {
            var used = UsedSessions;
            var booked = BookingsInTimeOrder;
            return [.. Plan.Sessions.Select(planned =>
            {
                var index = planned.Number - 1;
                if (index < used.Count)
                {
                    var record = used[index];
                    var status = record.Code.CountsAsAttended() ? SessionStatus.Attended : SessionStatus.Missed;
                    return new CourseSession(planned.Number, planned.Phase, status, record.AppointmentId, record.AppointmentTime, record.Code);
                }

                index -= used.Count;
                return index < booked.Count
                    ? new CourseSession(planned.Number, planned.Phase, SessionStatus.Booked, booked[index].AppointmentId, booked[index].Time, null)
                    : new CourseSession(planned.Number, planned.Phase, SessionStatus.NotBooked, null, null, null);
            })];
        }
    }

    /// <summary>Sessions missed in a row at the end of the used sessions (codes 3 and 7); cancellations neither count nor break the run.</summary>
    public int MissedInARow => UsedSessions.Reverse().TakeWhile(r => r.Code.CountsAsMissed()).Count();

    /// <summary>The phase of the next session to take place, or of the last one once all are used.</summary>
    public TherapyPhase CurrentPhase => Plan.PhaseOf(Math.Min(UsedSessions.Count + 1, Plan.SessionCount));

    /// <summary>The session number an appointment holds now, or null if it holds none.</summary>
    public int? SessionNumberOf(Guid appointmentId) =>
        Sessions.FirstOrDefault(s => s.AppointmentId == appointmentId)?.Number;

    /// <summary>Records the practitioner chosen by <see cref="Assignment.PractitionerAssigner"/> and the reason.</summary>
    public Course AssignPractitioner(Guid practitionerId, string reason)
    {
        if (State != CourseState.AwaitingPractitioner)
        {
            throw DomainException.Precondition("the course already has a practitioner or has finished; only a waiting course can be assigned");
        }

        if (practitionerId == Guid.Empty)
        {
            throw DomainException.Invalid("practitioner_id", "is required; give the id of the practitioner chosen");
        }

        return this with
        {
            State = CourseState.InTreatment,
            PractitionerId = practitionerId,
            AssignmentReason = RequireReason(reason, "assignment_reason"),
        };
    }

    /// <summary>Ends the course before its last planned session. Booked appointments must be cancelled first.</summary>
    public Course EndEarly(string reason, DateTimeOffset at)
    {
        var why = RequireReason(reason, "reason");
        EnsureOpen();
        if (Bookings.Count > 0)
        {
            throw DomainException.Precondition(
                $"the course still has {Bookings.Count} booked appointment(s); cancel them before ending the course early");
        }

        return this with { State = CourseState.EndedEarly, Ending = new(why, at.ToUniversalTime()) };
    }

    internal IReadOnlyList<CourseBooking> BookingsInTimeOrder =>
        [.. Bookings.OrderBy(b => b.Time.Start).ThenBy(b => b.AppointmentId)];

    internal void EnsureOpen()
    {
        if (!IsOpen)
        {
            throw DomainException.Precondition("the course has finished; open a new course to book more sessions");
        }
    }

    internal Course WithBooking(CourseBooking booking) => this with { Bookings = [.. Bookings, booking] };

    internal Course WithBookingMoved(Guid appointmentId, TimeRange time) =>
        this with { Bookings = [.. Bookings.Select(b => b.AppointmentId == appointmentId ? b with { Time = time } : b)] };

    /// <summary>Removes the booking and appends its outcome; completes the course when the last planned session is attended.</summary>
    internal Course WithOutcome(AttendanceRecord record)
    {
        var next = this with
        {
            Bookings = [.. Bookings.Where(b => b.AppointmentId != record.AppointmentId)],
            AttendanceHistory = [.. AttendanceHistory, record],
        };

        return record.SessionNumber == Plan.SessionCount && record.Code.CountsAsAttended()
            ? next with
            {
                State = CourseState.Completed,
                Ending = new($"The last planned session ({Plan.SessionCount}) was attended.", record.RecordedAt),
            }
            : next;
    }

    internal static string RequireReason(string reason, string field)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw DomainException.Invalid(field, "is required; say why");
        }

        return reason.Length <= MaxReasonLength
            ? reason.Trim()
            : throw DomainException.Invalid(field, $"must be at most {MaxReasonLength} characters");
    }

    private static void AddIfEmpty(List<FieldViolation> violations, Guid value, string field)
    {
        if (value == Guid.Empty)
        {
            violations.Add(new(field, "is required"));
        }
    }
}
