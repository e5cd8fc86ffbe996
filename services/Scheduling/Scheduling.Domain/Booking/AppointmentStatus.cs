namespace DitCloud.Scheduling.Domain.Booking;

public enum AppointmentStatus
{
    Booked = 1,

    /// <summary>Attendance code 2 or 4.</summary>
    Cancelled = 2,

    /// <summary>Attendance code 5 or 6.</summary>
    Attended = 3,

    /// <summary>Attendance code 3 or 7.</summary>
    Missed = 4,
}
