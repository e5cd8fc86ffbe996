using DitCloud.Domain;

namespace DitCloud.Outcomes.Domain.Questionnaires;

/// <summary>A completed PHQ-9 (depression): 9 items scored 0-3, total 0-27.</summary>
public sealed record Phq9
{
    internal static readonly QuestionnaireForm Form = new("PHQ-9", "phq9.items", ItemCount: 9, MaxItemScore: 3);

    private Phq9(ItemScores items) => Items = items;

    public ItemScores Items { get; }

    public int Total => Items.Total;

    /// <summary>
    /// Item 9 asks about thoughts of self-harm. A score above 0 prompts a clinician to assess risk;
    /// the item on its own is never a risk assessment.
    /// </summary>
    public int Item9 => Items.Item(9);

    public bool Item9AboveZero => Item9 > 0;

    public bool AtCaseness => MeasureThresholds.Phq9.AtCaseness(Total);

    public Phq9Severity Severity => SeverityOf(Total);

    /// <summary>The severity band of a PHQ-9 total (0-27).</summary>
    public static Phq9Severity SeverityOf(int total) => total switch
    {
        <= 4 => Phq9Severity.Minimal,
        <= 9 => Phq9Severity.Mild,
        <= 14 => Phq9Severity.Moderate,
        <= 19 => Phq9Severity.ModeratelySevere,
        _ => Phq9Severity.Severe,
    };

    /// <summary>Scores the answers; INVALID_ARGUMENT names every missing or out-of-range item.</summary>
    public static Phq9 Score(IReadOnlyList<int?> items)
    {
        var violations = new List<FieldViolation>();
        return TryScore(items, violations) ?? throw DomainException.Invalid(violations);
    }

    internal static Phq9? TryScore(IReadOnlyList<int?> items, ICollection<FieldViolation> violations) =>
        Form.Check(items, violations) is { } scores ? new Phq9(scores) : null;
}
