namespace DitCloud.Scheduling.Domain.Courses;

public enum CourseState
{
    /// <summary>No practitioner had capacity; the patient is in the queue.</summary>
    AwaitingPractitioner = 1,
    InTreatment = 2,

    /// <summary>The last planned session was attended.</summary>
    Completed = 3,

    /// <summary>Ended before the last planned session, with a recorded reason.</summary>
    EndedEarly = 4,
}
