namespace DitCloud.Outcomes.Domain.CourseOutcomes;

/// <summary>Whether a course outcome can still change.</summary>
public enum OutcomeStatus
{
    /// <summary>The course is open; figures may change.</summary>
    Provisional = 1,

    /// <summary>The course has ended; figures are final.</summary>
    Final = 2,
}
