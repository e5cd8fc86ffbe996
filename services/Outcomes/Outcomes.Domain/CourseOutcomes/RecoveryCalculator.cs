using DitCloud.Outcomes.Domain.Measures;
using DitCloud.Outcomes.Domain.Questionnaires;

namespace DitCloud.Outcomes.Domain.CourseOutcomes;

/// <summary>
/// Applies the NHS Talking Therapies outcome rules to a course.
/// <list type="bullet">
/// <item>Only measures taken at assessment or at sessions count; follow-up measures do not.</item>
/// <item>Each measure is paired on its own: its first score is from the earliest set that contains
/// it and its last from the latest, so a session that skipped GAD-7 does not hide the PHQ-9 change.
/// A measure taken once has the same first and last score: it shows no change, and if it was at
/// caseness it is still at caseness at the end (no evidence it resolved), which blocks recovery.</item>
/// <item>Caseness at the start (end) is PHQ-9 or GAD-7 at caseness at its first (last) score.</item>
/// <item>A course with neither PHQ-9 nor GAD-7 has no caseness at the start, so it is left out of
/// recovery, and counts as neither improved nor deteriorated.</item>
/// </list>
/// </summary>
public static class RecoveryCalculator
{
    /// <summary>Finished a course of treatment: the referral ended after at least this many attended sessions.</summary>
    public const int MinimumAttendedSessionsToFinish = 2;

    public static CourseOutcome Assess(CourseHistory course)
    {
        var measures = course.Measures.Where(set => set.Point.IsDuringTreatment).Order(MeasureSet.TimeOrder).ToList();
        var phq9 = Pair(measures, Questionnaire.Phq9);
        var gad7 = Pair(measures, Questionnaire.Gad7);
        var wsas = Pair(measures, Questionnaire.Wsas);

        var measured = phq9 is not null || gad7 is not null;
        bool? casenessAtStart = measured ? AtCaseness(phq9?.First, gad7?.First) : null;
        bool? casenessAtEnd = measured ? AtCaseness(phq9?.Last, gad7?.Last) : null;

        var sessionsAttended = course.AttendedSessions.DistinctBy(session => session.SessionNumber).Count();
        bool? finished = course.HasEnded ? sessionsAttended >= MinimumAttendedSessionsToFinish : null;

        return new CourseOutcome(
            course.CourseId,
            course.HasEnded ? OutcomeStatus.Final : OutcomeStatus.Provisional,
            sessionsAttended,
            measures.Count,
            phq9,
            gad7,
            wsas,
            casenessAtStart,
            casenessAtEnd,
            finished,
            finished == true ? Classify(phq9, gad7, casenessAtStart, casenessAtEnd) : null);
    }

    private static TreatmentClassification Classify(ScorePair? phq9, ScorePair? gad7, bool? casenessAtStart, bool? casenessAtEnd)
    {
        var phq9Fall = phq9 is not null && MeasureThresholds.Phq9.IsReliableFall(phq9.First, phq9.Last);
        var phq9Rise = phq9 is not null && MeasureThresholds.Phq9.IsReliableRise(phq9.First, phq9.Last);
        var gad7Fall = gad7 is not null && MeasureThresholds.Gad7.IsReliableFall(gad7.First, gad7.Last);
        var gad7Rise = gad7 is not null && MeasureThresholds.Gad7.IsReliableRise(gad7.First, gad7.Last);

        var improvement = (phq9Fall && !gad7Rise) || (gad7Fall && !phq9Rise);
        var deterioration = phq9Rise || gad7Rise;
        bool? recovered = casenessAtStart == true ? casenessAtEnd == false : null;
        bool? reliableRecovery = recovered is { } r ? r && improvement : null;
        return new TreatmentClassification(recovered, improvement, deterioration, reliableRecovery);
    }

    private static bool AtCaseness(int? phq9Total, int? gad7Total) =>
        (phq9Total is { } phq9 && MeasureThresholds.Phq9.AtCaseness(phq9))
        || (gad7Total is { } gad7 && MeasureThresholds.Gad7.AtCaseness(gad7));

    private static ScorePair? Pair(IReadOnlyList<MeasureSet> measuresInTimeOrder, Questionnaire questionnaire)
    {
        var totals = measuresInTimeOrder.Select(set => set.Total(questionnaire)).OfType<int>().ToList();
        return totals.Count == 0 ? null : new ScorePair(totals[0], totals[^1], totals.Count);
    }
}
