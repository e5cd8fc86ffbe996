using DitCloud.Scheduling.Domain;
using DitCloud.Scheduling.Domain.Attendance;
using DitCloud.Scheduling.Domain.Booking;
using DitCloud.Scheduling.Domain.Courses;
using DitCloud.Scheduling.Domain.Practitioners;

namespace DitCloud.Scheduling.Api.Data;

/// <summary>Why an appointment was cancelled or last moved (matches dit.scheduling.v1.ChangeReason).</summary>
public enum ChangeReason
{
    PatientRequest = 1,
    PractitionerUnavailable = 2,
    ServiceIssue = 3,
    CourseEnded = 4,
    Other = 5,
}

/// <summary>
/// One appointment as it stands now. Two exclusion constraints in the database (per practitioner
/// and per patient, over [starts_at, ends_at), cancelled ones excepted) are the final guard
/// against double-booking. Every change is also appended to <see cref="AppointmentChangeRow"/>.
/// </summary>
public sealed class AppointmentRow
{
    public Guid Id { get; init; }
    /// <summary>The caller's idempotency key: a retried booking finds the first one.</summary>
    public Guid RequestId { get; init; }
    public Guid CourseId { get; init; }
    public Guid PatientReference { get; init; }
    public Guid PractitionerId { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public DeliveryMode DeliveryMode { get; init; }
    public AppointmentStatus Status { get; set; }
    /// <summary>The session it holds now (booked ones move up when an earlier one is cancelled) or held at its outcome.</summary>
    public int SessionNumber { get; set; }
    public TherapyPhase Phase { get; set; }
    public AttendanceCode? Outcome { get; set; }
    public ChangeReason? ChangeReason { get; set; }
    public CancelledBy? CancelledBy { get; set; }
    /// <summary>The cancellation's explanation; may hold personal text: stored, never logged.</summary>
    public string? CancellationNote { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    /// <summary>Who supervised the session, recorded with its attendance.</summary>
    public Guid? SupervisorId { get; set; }
    public DateTimeOffset BookedAt { get; init; }
    public int Version { get; set; }

    public TimeRange Time => new(StartsAt, EndsAt);

    public Appointment ToDomain() => new(Id, CourseId, PatientReference, PractitionerId, Time, DeliveryMode, Status, Outcome,
        CancelledBy is { } by ? new Cancellation(by, CancellationNote ?? "", CancelledAt!.Value) : null);
}

/// <summary>What happened to an appointment.</summary>
public enum AppointmentChange
{
    Booked = 1,
    Rescheduled = 2,
    Cancelled = 3,
    AttendanceRecorded = 4,
}

/// <summary>One change to an appointment, appended and never altered: the appointment's full history.</summary>
public sealed class AppointmentChangeRow
{
    public long Sequence { get; init; }
    public Guid AppointmentId { get; init; }
    public Guid CourseId { get; init; }
    public AppointmentChange Change { get; init; }
    public Guid PractitionerId { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public AttendanceCode? AttendanceCode { get; init; }
    public ChangeReason? Reason { get; init; }
    public string? Note { get; init; }
    public required string ActorId { get; init; }
    public required string ActorKind { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
}

/// <summary>
/// One outcome in a course's history (attended, missed or cancelled), appended in the order
/// recorded and never altered: the domain's attendance history, rebuilt row by row.
/// </summary>
public sealed class AttendanceRow
{
    public long Sequence { get; init; }
    public Guid CourseId { get; init; }
    public Guid AppointmentId { get; init; }
    public int SessionNumber { get; init; }
    public AttendanceCode Code { get; init; }
    public DateTimeOffset AppointmentStartsAt { get; init; }
    public DateTimeOffset AppointmentEndsAt { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    public AttendanceRecord ToDomain() =>
        new(AppointmentId, SessionNumber, Code, new TimeRange(AppointmentStartsAt, AppointmentEndsAt), RecordedAt);

    public static AttendanceRow From(Guid courseId, AttendanceRecord record) => new()
    {
        CourseId = courseId,
        AppointmentId = record.AppointmentId,
        SessionNumber = record.SessionNumber,
        Code = record.Code,
        AppointmentStartsAt = record.AppointmentTime.Start,
        AppointmentEndsAt = record.AppointmentTime.End,
        RecordedAt = record.RecordedAt,
    };
}
