namespace DitCloud.Outcomes.Domain.Measures;

/// <summary>
/// The raw answers given at one occasion, item scores in questionnaire order; null for a
/// questionnaire that was not taken, and a null item for an unanswered one.
/// </summary>
public sealed record MeasureAnswers(
    IReadOnlyList<int?>? Phq9 = null,
    IReadOnlyList<int?>? Gad7 = null,
    IReadOnlyList<int?>? Wsas = null,
    bool WsasWorkItemNotApplicable = false);
