namespace DitCloud.Outcomes.Domain.CourseOutcomes;

/// <summary>
/// The first and last total of one measure over a course's treatment measures, each taken from the
/// earliest and latest set that contains that measure.
/// </summary>
/// <param name="Count">How many sets contained the measure; with one, first and last are the same score.</param>
public sealed record ScorePair(int First, int Last, int Count)
{
    /// <summary>Two or more scores, so a change can be seen.</summary>
    public bool IsPaired => Count >= 2;

    /// <summary>Last minus first: negative is a fall (better), positive a rise (worse).</summary>
    public int Change => Last - First;
}
