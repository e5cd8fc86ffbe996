using DitCloud.Outcomes.Domain.CourseOutcomes;

namespace DitCloud.Outcomes.Domain.Kpis;

/// <summary>One course as the KPIs need it: one row of the read model. Dates are local to the service.</summary>
/// <param name="FirstSessionOn">The first attended treatment session; null before treatment starts.</param>
/// <param name="SecondSessionOn">The second attended treatment session; null until it happens.</param>
/// <param name="EndedOn">When the course ended; null while open.</param>
public sealed record CourseKpiRecord(
    Guid PractitionerId,
    DateOnly ReferredOn,
    DateOnly? FirstSessionOn,
    DateOnly? SecondSessionOn,
    DateOnly? EndedOn,
    CourseOutcome Outcome)
{
    public static CourseKpiRecord From(CourseHistory course)
    {
        var attended = course.AttendedDates;
        return new CourseKpiRecord(
            course.PractitionerId,
            course.ReferredOn,
            attended.Count > 0 ? attended[0] : null,
            attended.Count > 1 ? attended[1] : null,
            course.EndedOn,
            RecoveryCalculator.Assess(course));
    }

    /// <summary>Days from referral to the first attended treatment session; null before treatment starts.</summary>
    public int? DaysToFirstSession => FirstSessionOn is { } first ? first.DayNumber - ReferredOn.DayNumber : null;

    /// <summary>
    /// Days from the first to the second attended session. While the second is still awaited on an
    /// open course the wait is still running, so it counts up to <paramref name="asOf"/>; a course
    /// that ended after one session has no second-session wait (null).
    /// </summary>
    public int? DaysFirstToSecondSession(DateOnly asOf) =>
        (FirstSessionOn, SecondSessionOn, EndedOn) switch
        {
            ({ } first, { } second, _) => second.DayNumber - first.DayNumber,
            ({ } first, null, null) => Math.Max(0, asOf.DayNumber - first.DayNumber),
            _ => null,
        };
}
