using DitCloud.Outcomes.Domain.Measures;
using DitCloud.Outcomes.Domain.Questionnaires;

namespace DitCloud.Outcomes.Domain.Risk;

/// <summary>
/// Symptoms can rise around the ending of DIT, so a rise in the ending phase is flagged for the
/// clinician. For PHQ-9 and GAD-7 separately, a session in the ending phase is compared with the
/// baseline: that measure's last score before the ending phase (normally the last middle-phase
/// session; the initial phase or assessment when there was none). It rises when it goes up by the
/// reliable-change amount or more, or goes from below caseness to caseness. A rise is reported
/// once: a later ending session that shows nothing more than the previous ending session (against
/// the same baseline) is not reported again, so one worsening raises one flag.
/// </summary>
public static class EndingPhaseRiseCheck
{
    private static readonly MeasureThresholds[] Measures = [MeasureThresholds.Phq9, MeasureThresholds.Gad7];

    public static IReadOnlyList<ScoreRise> Rises(MeasureSet current, IEnumerable<MeasureSet> courseMeasures)
    {
        if (current.Point.Phase != TherapyPhase.Ending)
        {
            return [];
        }

        var earlier = courseMeasures
            .Where(set => set.Id != current.Id && set.Point.IsDuringTreatment && MeasureSet.TimeOrder.Compare(set, current) < 0)
            .Order(MeasureSet.TimeOrder)
            .ToList();

        var rises = new List<ScoreRise>();
        foreach (var thresholds in Measures)
        {
            if (current.Total(thresholds.Questionnaire) is not { } now
                || earlier.LastOrDefault(set => set.Point.Phase != TherapyPhase.Ending && set.Has(thresholds.Questionnaire)) is not { } baselineSet)
            {
                continue;
            }

            var baseline = baselineSet.Total(thresholds.Questionnaire)!.Value;
            if (RiseOf(thresholds, baseline, now) is not { } rise)
            {
                continue;
            }

            var previous = earlier.LastOrDefault(set => set.Point.Phase == TherapyPhase.Ending && set.Has(thresholds.Questionnaire));
            var previousRise = previous is null ? null : RiseOf(thresholds, baseline, previous.Total(thresholds.Questionnaire)!.Value);
            if (previousRise is null || !rise.IsCoveredBy(previousRise))
            {
                rises.Add(rise);
            }
        }

        return rises;
    }

    private static ScoreRise? RiseOf(MeasureThresholds thresholds, int baseline, int now)
    {
        var reliable = thresholds.IsReliableRise(baseline, now);
        var intoCaseness = !thresholds.AtCaseness(baseline) && thresholds.AtCaseness(now);
        return reliable || intoCaseness ? new ScoreRise(thresholds.Questionnaire, baseline, now, reliable, intoCaseness) : null;
    }
}
