namespace DitCloud.Scheduling.Domain.Attendance;

/// <summary>
/// One outcome of one appointment in a course's history, kept for the DNA policy, waiting times and
/// reporting. For a cancellation, <see cref="SessionNumber"/> is the session the appointment held
/// when it was cancelled; the session itself is freed.
/// </summary>
public sealed record AttendanceRecord(
    Guid AppointmentId,
    int SessionNumber,
    AttendanceCode Code,
    TimeRange AppointmentTime,
    DateTimeOffset RecordedAt);
