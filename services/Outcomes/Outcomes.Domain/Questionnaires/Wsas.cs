using DitCloud.Domain;

namespace DitCloud.Outcomes.Domain.Questionnaires;

/// <summary>
/// A completed Work and Social Adjustment Scale: 5 items scored 0-8 (work, home management, social
/// leisure, private leisure, close relationships), total 0-40.
/// </summary>
public sealed record Wsas
{
    internal static readonly QuestionnaireForm Form = new("WSAS", "wsas.items", ItemCount: 5, MaxItemScore: 8);

    private Wsas(ItemScores items, bool workItemNotApplicable)
    {
        Items = items;
        WorkItemNotApplicable = workItemNotApplicable;
    }

    public ItemScores Items { get; }

    /// <summary>
    /// The patient is retired or chooses not to work for reasons unrelated to their problem: item 1
    /// is then scored 0 and the total is over the other four items (0-32).
    /// </summary>
    public bool WorkItemNotApplicable { get; }

    public int Total => Items.Total;

    public WsasImpairment Impairment => ImpairmentOf(Total);

    /// <summary>The impairment band of a WSAS total (0-40).</summary>
    public static WsasImpairment ImpairmentOf(int total) => total switch
    {
        <= 9 => WsasImpairment.Subclinical,
        <= 20 => WsasImpairment.Significant,
        _ => WsasImpairment.ModeratelySevereOrWorse,
    };

    /// <summary>Scores the answers; INVALID_ARGUMENT names every missing or out-of-range item.</summary>
    public static Wsas Score(IReadOnlyList<int?> items, bool workItemNotApplicable = false)
    {
        var violations = new List<FieldViolation>();
        return TryScore(items, workItemNotApplicable, violations) ?? throw DomainException.Invalid(violations);
    }

    internal static Wsas? TryScore(IReadOnlyList<int?> items, bool workItemNotApplicable, ICollection<FieldViolation> violations)
    {
        var scores = Form.Check(items, violations);
        if (scores is null)
        {
            return null;
        }

        if (workItemNotApplicable && scores.Item(1) != 0)
        {
            violations.Add(new($"{Form.ItemsField}[0]", "WSAS item 1 must be 0 when the work item is not applicable"));
            return null;
        }

        return new Wsas(scores, workItemNotApplicable);
    }
}
