using DitCloud.Scheduling.Domain.Attendance;
using DitCloud.Scheduling.Domain.Courses;

namespace DitCloud.Scheduling.Domain.Booking;

/// <summary>
/// The course and appointment after attendance is recorded, the session it used (for SessionAttended
/// or SessionMissed), and any discharge review the DNA policy raises.
/// </summary>
public sealed record AttendanceResult(
    Course Course,
    Appointment Appointment,
    AttendanceRecord Record,
    TherapyPhase Phase,
    DischargeReview? DischargeReview)
{
    public bool Attended => Record.Code.CountsAsAttended();

    public bool CourseCompleted => Course.State == CourseState.Completed;
}
