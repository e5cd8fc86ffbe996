using DitCloud.Domain;
using DitCloud.Outcomes.Domain.Questionnaires;

namespace DitCloud.Outcomes.Domain.Measures;

/// <summary>
/// The questionnaires completed at one occasion of a course. Any of them may be absent, but not all.
/// Create through <see cref="Record"/>; the public constructor is for rebuilding a stored set.
/// </summary>
public sealed record MeasureSet(Guid Id, MeasurementPoint Point, DateTimeOffset MeasuredAt, Phq9? Phq9, Gad7? Gad7, Wsas? Wsas)
{
    /// <summary>Time order (when completed), then pathway order for sets completed at the same instant.</summary>
    public static IComparer<MeasureSet> TimeOrder { get; } = Comparer<MeasureSet>.Create((a, b) =>
    {
        var byTime = a.MeasuredAt.CompareTo(b.MeasuredAt);
        if (byTime != 0)
        {
            return byTime;
        }

        var byOccasion = a.Point.Occasion.CompareTo(b.Point.Occasion);
        return byOccasion != 0 ? byOccasion : (a.Point.SessionNumber ?? 0).CompareTo(b.Point.SessionNumber ?? 0);
    });

    /// <summary>At caseness on PHQ-9 or GAD-7, as far as this set shows.</summary>
    public bool AtCaseness => Phq9?.AtCaseness == true || Gad7?.AtCaseness == true;

    public bool Has(Questionnaire questionnaire) => Total(questionnaire) is not null;

    /// <summary>The total of <paramref name="questionnaire"/>, or null when it was not taken.</summary>
    public int? Total(Questionnaire questionnaire) => questionnaire switch
    {
        Questionnaire.Phq9 => Phq9?.Total,
        Questionnaire.Gad7 => Gad7?.Total,
        Questionnaire.Wsas => Wsas?.Total,
        _ => throw new ArgumentOutOfRangeException(nameof(questionnaire), questionnaire, "Unknown questionnaire."),
    };

    /// <summary>
    /// Scores the answers taken at <paramref name="point"/>. INVALID_ARGUMENT lists every bad item of
    /// every questionnaire at once, a set with no questionnaire, and a completion time after
    /// <paramref name="now"/>.
    /// </summary>
    public static MeasureSet Record(Guid id, MeasurementPoint point, DateTimeOffset measuredAt, MeasureAnswers answers, DateTimeOffset now)
    {
        var violations = new List<FieldViolation>();
        if (measuredAt > now)
        {
            violations.Add(new("measure_time", "measure_time must not be in the future"));
        }

        if (answers.Phq9 is null && answers.Gad7 is null && answers.Wsas is null)
        {
            violations.Add(new("phq9", "at least one of phq9, gad7 and wsas is required"));
        }

        var phq9 = answers.Phq9 is null ? null : Questionnaires.Phq9.TryScore(answers.Phq9, violations);
        var gad7 = answers.Gad7 is null ? null : Questionnaires.Gad7.TryScore(answers.Gad7, violations);
        var wsas = answers.Wsas is null ? null : Questionnaires.Wsas.TryScore(answers.Wsas, answers.WsasWorkItemNotApplicable, violations);

        return violations.Count > 0
            ? throw DomainException.Invalid(violations)
            : new MeasureSet(id, point, measuredAt.ToUniversalTime(), phq9, gad7, wsas);
    }
}
