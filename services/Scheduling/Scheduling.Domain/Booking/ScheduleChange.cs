using DitCloud.Scheduling.Domain.Attendance;
using DitCloud.Scheduling.Domain.Courses;

namespace DitCloud.Scheduling.Domain.Booking;

/// <summary>
/// The course and the appointment after a booking, reschedule or cancellation; save both together.
/// A patient's cancellation raises a discharge review only where the DNA policy counts them.
/// </summary>
public sealed record ScheduleChange(Course Course, Appointment Appointment, DischargeReview? DischargeReview = null)
{
    /// <summary>The session the appointment holds after the change; null once cancelled.</summary>
    public int? SessionNumber => Course.SessionNumberOf(Appointment.Id);
}
