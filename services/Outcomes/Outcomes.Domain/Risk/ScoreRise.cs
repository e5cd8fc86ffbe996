using DitCloud.Outcomes.Domain.Questionnaires;

namespace DitCloud.Outcomes.Domain.Risk;

/// <summary>A rise of one measure against its baseline from before the ending phase.</summary>
/// <param name="IsReliableRise">Rose by at least the measure's reliable change.</param>
/// <param name="RoseIntoCaseness">Was below caseness at the baseline and is at caseness now.</param>
public sealed record ScoreRise(Questionnaire Questionnaire, int Baseline, int Current, bool IsReliableRise, bool RoseIntoCaseness)
{
    /// <summary>True when this rise shows nothing that <paramref name="earlier"/> did not already show.</summary>
    internal bool IsCoveredBy(ScoreRise earlier) =>
        (!IsReliableRise || earlier.IsReliableRise) && (!RoseIntoCaseness || earlier.RoseIntoCaseness);
}
