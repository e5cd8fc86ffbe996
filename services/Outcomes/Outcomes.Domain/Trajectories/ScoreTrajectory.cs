using DitCloud.Outcomes.Domain.Measures;
using DitCloud.Outcomes.Domain.Questionnaires;

namespace DitCloud.Outcomes.Domain.Trajectories;

/// <summary>
/// A course's totals over time, one series per measure in time order, for charts. Follow-up points
/// are included and marked by their <see cref="MeasurementPoint.Occasion"/>. A measure not taken
/// at an occasion has no point there (a gap in its series, never a zero).
/// </summary>
public sealed record ScoreTrajectory(IReadOnlyList<ScorePoint> Phq9, IReadOnlyList<ScorePoint> Gad7, IReadOnlyList<ScorePoint> Wsas)
{
    public static ScoreTrajectory Of(IEnumerable<MeasureSet> courseMeasures)
    {
        var ordered = courseMeasures.Order(MeasureSet.TimeOrder).ToList();
        return new ScoreTrajectory(Series(ordered, Questionnaire.Phq9), Series(ordered, Questionnaire.Gad7), Series(ordered, Questionnaire.Wsas));
    }

    private static IReadOnlyList<ScorePoint> Series(IEnumerable<MeasureSet> ordered, Questionnaire questionnaire) =>
        [.. ordered
            .Where(set => set.Has(questionnaire))
            .Select(set => new ScorePoint(set.Point, set.MeasuredAt, set.Total(questionnaire)!.Value))];
}
