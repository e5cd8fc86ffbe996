using DitCloud.Domain;

namespace DitCloud.Outcomes.Domain.Questionnaires;

/// <summary>A completed GAD-7 (anxiety): 7 items scored 0-3, total 0-21.</summary>
public sealed record Gad7
{
    internal static readonly QuestionnaireForm Form = new("GAD-7", "gad7.items", ItemCount: 7, MaxItemScore: 3);

    private Gad7(ItemScores items) => Items = items;

    public ItemScores Items { get; }

    public int Total => Items.Total;

    public bool AtCaseness => MeasureThresholds.Gad7.AtCaseness(Total);

    public Gad7Severity Severity => SeverityOf(Total);

    /// <summary>The severity band of a GAD-7 total (0-21).</summary>
    public static Gad7Severity SeverityOf(int total) => total switch
    {
        <= 4 => Gad7Severity.Minimal,
        <= 9 => Gad7Severity.Mild,
        <= 14 => Gad7Severity.Moderate,
        _ => Gad7Severity.Severe,
    };

    /// <summary>Scores the answers; INVALID_ARGUMENT names every missing or out-of-range item.</summary>
    public static Gad7 Score(IReadOnlyList<int?> items)
    {
        var violations = new List<FieldViolation>();
        return TryScore(items, violations) ?? throw DomainException.Invalid(violations);
    }

    internal static Gad7? TryScore(IReadOnlyList<int?> items, ICollection<FieldViolation> violations) =>
        Form.Check(items, violations) is { } scores ? new Gad7(scores) : null;
}
