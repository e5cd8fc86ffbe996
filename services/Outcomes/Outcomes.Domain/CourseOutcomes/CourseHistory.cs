using DitCloud.Outcomes.Domain.Measures;

namespace DitCloud.Outcomes.Domain.CourseOutcomes;

/// <summary>What the Outcomes service knows of one course: its referral, attended sessions, end and measures.</summary>
/// <param name="PractitionerId">The practitioner who holds (or last held) the course; KPIs are credited to them.</param>
/// <param name="ReferredOn">The referral date, local to the service.</param>
/// <param name="AttendedSessions">Attended treatment sessions (attendance codes 5 and 6).</param>
/// <param name="EndedOn">The date the course ended (local), or null while it is open.</param>
/// <param name="Measures">Every measure set of the course, in any order.</param>
public sealed record CourseHistory(
    Guid CourseId,
    Guid PractitionerId,
    DateOnly ReferredOn,
    IReadOnlyList<AttendedSession> AttendedSessions,
    DateOnly? EndedOn,
    IReadOnlyList<MeasureSet> Measures)
{
    public bool HasEnded => EndedOn is not null;

    /// <summary>The dates of the attended sessions, earliest first, each session counted once.</summary>
    public IReadOnlyList<DateOnly> AttendedDates =>
        [.. AttendedSessions.DistinctBy(session => session.SessionNumber).Select(session => session.Date).Order()];
}
