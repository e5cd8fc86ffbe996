using DitCloud.Domain;

namespace DitCloud.Outcomes.Domain.Questionnaires;

/// <summary>
/// The shape of a questionnaire: how many items it has and the highest score an item can take
/// (every item starts at 0). <paramref name="ItemsField"/> is the request path of its item list.
/// </summary>
internal sealed record QuestionnaireForm(string DisplayName, string ItemsField, int ItemCount, int MaxItemScore)
{
    /// <summary>
    /// Checks that every item is present and in range, adding one violation per bad item; returns
    /// the scores when all are good. Messages name the item, never its value.
    /// </summary>
    public ItemScores? Check(IReadOnlyList<int?> items, ICollection<FieldViolation> violations)
    {
        var before = violations.Count;
        for (var index = 0; index < ItemCount; index++)
        {
            var score = index < items.Count ? items[index] : null;
            if (score is null)
            {
                violations.Add(new($"{ItemsField}[{index}]",
                    $"{DisplayName} item {index + 1} is missing; every item must be answered with a score between 0 and {MaxItemScore}"));
            }
            else if (score < 0 || score > MaxItemScore)
            {
                violations.Add(new($"{ItemsField}[{index}]", $"{DisplayName} item {index + 1} must be between 0 and {MaxItemScore}"));
            }
        }

        if (items.Count > ItemCount)
        {
            violations.Add(new(ItemsField, $"{DisplayName} has exactly {ItemCount} items; {items.Count} scores were given"));
        }

        return violations.Count == before ? new ItemScores([.. items.Select(score => score!.Value)]) : null;
    }
}
