using DitCloud.Outcomes.Domain.Questionnaires;

namespace DitCloud.Outcomes.Domain.Measures;

/// <summary>
/// Finds attended sessions without their measures. Recovery and reliable change rest on PHQ-9 and
/// GAD-7, so those two are expected at every attended session; WSAS is not required every time.
/// </summary>
public static class MissingMeasures
{
    private static readonly Questionnaire[] SessionBySession = [Questionnaire.Phq9, Questionnaire.Gad7];

    /// <summary>The gap at <paramref name="session"/>, or null when PHQ-9 and GAD-7 were both taken.</summary>
    public static SessionMeasureGap? For(AttendedSession session, IEnumerable<MeasureSet> courseMeasures)
    {
        var atSession = courseMeasures
            .Where(set => set.Point.Occasion == MeasurementOccasion.Session && set.Point.SessionNumber == session.SessionNumber)
            .ToList();
        var missing = SessionBySession.Where(questionnaire => !atSession.Any(set => set.Has(questionnaire))).ToList();
        return missing.Count == 0 ? null : new SessionMeasureGap(session.SessionNumber, atSession.Count == 0, missing);
    }

    /// <summary>Every attended session of the course with measures missing, in session order.</summary>
    public static IReadOnlyList<SessionMeasureGap> Find(IEnumerable<AttendedSession> attended, IReadOnlyCollection<MeasureSet> courseMeasures) =>
        [.. attended
            .OrderBy(session => session.SessionNumber)
            .Select(session => For(session, courseMeasures))
            .OfType<SessionMeasureGap>()];
}
