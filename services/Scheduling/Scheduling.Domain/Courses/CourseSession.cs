using DitCloud.Scheduling.Domain.Attendance;

namespace DitCloud.Scheduling.Domain.Courses;

/// <summary>One planned session as the course stands now: its phase, status, and the appointment that holds it, if any.</summary>
public sealed record CourseSession(
    int Number,
    TherapyPhase Phase,
    SessionStatus Status,
    Guid? AppointmentId,
    TimeRange? Time,
    AttendanceCode? Code);
