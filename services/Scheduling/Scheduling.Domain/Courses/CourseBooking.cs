namespace DitCloud.Scheduling.Domain.Courses;

/// <summary>An appointment booked for the course whose outcome is not yet recorded.</summary>
public sealed record CourseBooking(Guid AppointmentId, TimeRange Time);
