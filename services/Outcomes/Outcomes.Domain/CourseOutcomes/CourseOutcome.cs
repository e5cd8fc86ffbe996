namespace DitCloud.Outcomes.Domain.CourseOutcomes;

/// <summary>
/// A course's outcome so far, computed by <see cref="RecoveryCalculator"/>. The score pairs and
/// caseness are shown while the course is open; the classification only once it finished treatment.
/// </summary>
/// <param name="SessionsAttended">Attended treatment sessions, each counted once.</param>
/// <param name="MeasureCount">Measure sets taken before or during treatment (follow-ups excluded).</param>
/// <param name="CasenessAtStart">PHQ-9 or GAD-7 at caseness at its first score; null with neither measure taken.</param>
/// <param name="CasenessAtEnd">PHQ-9 or GAD-7 at caseness at its last score; null with neither measure taken.</param>
/// <param name="FinishedTreatment">Ended after at least 2 attended sessions; null while the course is open.</param>
/// <param name="Classification">Set only when <paramref name="FinishedTreatment"/> is true.</param>
public sealed record CourseOutcome(
    Guid CourseId,
    OutcomeStatus Status,
    int SessionsAttended,
    int MeasureCount,
    ScorePair? Phq9,
    ScorePair? Gad7,
    ScorePair? Wsas,
    bool? CasenessAtStart,
    bool? CasenessAtEnd,
    bool? FinishedTreatment,
    TreatmentClassification? Classification);
