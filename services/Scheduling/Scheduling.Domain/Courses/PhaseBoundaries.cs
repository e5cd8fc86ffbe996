namespace DitCloud.Scheduling.Domain.Courses;

/// <summary>Which sessions belong to which phase; validated against the session count by <see cref="CoursePlan.Create"/>.</summary>
public sealed record PhaseBoundaries(SessionRange Initial, SessionRange Middle, SessionRange Ending)
{
    /// <summary>The manual's phases for a 16-session course: initial 1-4, middle 5-12, ending 13-16.</summary>
    public static PhaseBoundaries SixteenSessionDefault { get; } = new(new(1, 4), new(5, 12), new(13, 16));

    public TherapyPhase PhaseOf(int session) =>
        Initial.Contains(session) ? TherapyPhase.Initial
        : Middle.Contains(session) ? TherapyPhase.Middle
        : Ending.Contains(session) ? TherapyPhase.Ending
        : throw new ArgumentOutOfRangeException(nameof(session), session, "The session lies outside every phase.");
}
