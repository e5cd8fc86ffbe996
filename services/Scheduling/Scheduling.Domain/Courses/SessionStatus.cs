namespace DitCloud.Scheduling.Domain.Courses;

public enum SessionStatus
{
    NotBooked = 1,
    Booked = 2,
    Attended = 3,

    /// <summary>Did not attend, or arrived too late to be seen. The session is used up, not added back.</summary>
    Missed = 4,
}
