using DitCloud.Domain;

namespace DitCloud.Outcomes.Domain.Measures;

/// <summary>
/// Where a new set of measures belongs in a course, from what scheduling reported of it:
/// <list type="bullet">
/// <item>Session measures belong to a session the patient attended, in that session's phase, and
/// may be added until <see cref="LateEntryWindow"/> after the course ended (late paperwork, not
/// new clinical contact).</item>
/// <item>Assessment measures are taken before treatment: not after the first attended session started.</item>
/// <item>Follow-up measures are taken after the course ended.</item>
/// </list>
/// </summary>
public static class MeasurementRules
{
    /// <summary>How long after a course ended its session measures may still be recorded.</summary>
    public static readonly TimeSpan LateEntryWindow = TimeSpan.FromDays(90);

    /// <param name="sessionNumber">The requested session number: 1 or more for sessions, 0 otherwise.</param>
    /// <param name="attended">The course's attended sessions, each with its phase.</param>
    /// <param name="firstSessionStartedAt">When the first attended session started; null before treatment.</param>
    /// <param name="endedAt">When the course ended; null while it is open.</param>
    public static MeasurementPoint PointFor(
        MeasurementOccasion occasion,
        int sessionNumber,
        DateTimeOffset measuredAt,
        IReadOnlyCollection<AttendedSession> attended,
        DateTimeOffset? firstSessionStartedAt,
        DateTimeOffset? endedAt,
        DateTimeOffset now)
    {
        if (occasion != MeasurementOccasion.Session && sessionNumber != 0)
        {
            throw DomainException.Invalid("session_number", "session_number must be 0 unless the occasion is a session");
        }

        switch (occasion)
        {
            case MeasurementOccasion.Session:
                return SessionPoint(sessionNumber, attended, endedAt, now);
            case MeasurementOccasion.Assessment:
                return firstSessionStartedAt is { } started && measuredAt > started
                    ? throw DomainException.Invalid("measure_time",
                        "assessment measures are taken before treatment, and this course's first session had already started; record them as session measures")
                    : MeasurementPoint.Assessment;
            case MeasurementOccasion.FollowUp:
                if (endedAt is not { } ended)
                {
                    throw DomainException.Precondition("follow-up measures are taken after the course ended, and this course is still open");
                }

                return measuredAt < ended
                    ? throw DomainException.Invalid("measure_time", "follow-up measures must be taken after the course ended")
                    : MeasurementPoint.FollowUp;
            default:
                throw DomainException.Invalid("occasion", "occasion must be assessment, session or follow-up");
        }
    }

    private static MeasurementPoint SessionPoint(int sessionNumber, IReadOnlyCollection<AttendedSession> attended, DateTimeOffset? endedAt, DateTimeOffset now)
    {
        if (sessionNumber < 1)
        {
            throw DomainException.Invalid("session_number", "session_number must be 1 or more for measures taken at a session");
        }

        var session = attended.FirstOrDefault(s => s.SessionNumber == sessionNumber)
            ?? throw DomainException.Precondition(
                $"session {sessionNumber} of this course has no attendance recorded; measures are recorded against sessions the patient attended, once scheduling has recorded the attendance");
        if (endedAt is { } ended && now - ended > LateEntryWindow)
        {
            throw DomainException.Precondition(
                $"the course ended more than {LateEntryWindow.TotalDays:0} days ago; session measures can no longer be added (record follow-up measures instead)");
        }

        return MeasurementPoint.Session(sessionNumber,
            session.Phase ?? throw new InvalidOperationException($"Attended session {sessionNumber} has no phase; scheduling reports one for every attended session."));
    }
}
