using DitCloud.Scheduling.Domain.Attendance;
using DitCloud.Scheduling.Domain.Practitioners;

namespace DitCloud.Scheduling.Domain.Booking;

/// <summary>
/// One booked meeting between a patient and a practitioner. Which course session it holds is the
/// course's answer (<see cref="Courses.Course.SessionNumberOf"/>), because cancelling an earlier
/// appointment moves later ones up. Change it through <see cref="CourseScheduler"/>; the public
/// constructor is for rebuilding a stored appointment.
/// </summary>
/// <param name="Outcome">The attendance code once recorded (cancellations record 2 or 4).</param>
public sealed record Appointment(
    Guid Id,
    Guid CourseId,
    Guid PatientId,
    Guid PractitionerId,
    TimeRange Time,
    DeliveryMode DeliveryMode,
    AppointmentStatus Status,
    AttendanceCode? Outcome,
    Cancellation? Cancellation)
{
    /// <summary>Whether the appointment still takes up the practitioner's and the patient's time.</summary>
    public bool OccupiesTime => Status != AppointmentStatus.Cancelled;
}
