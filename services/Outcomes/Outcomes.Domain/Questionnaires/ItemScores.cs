namespace DitCloud.Outcomes.Domain.Questionnaires;

/// <summary>The item scores of one completed questionnaire, in questionnaire order; equal when every score is.</summary>
public sealed record ItemScores
{
    private readonly int[] scores;

    internal ItemScores(int[] scores) => this.scores = scores;

    public IReadOnlyList<int> Scores => scores;

    public int Total => scores.Sum();

    /// <summary>The score of item <paramref name="number"/>, counting from 1 as the questionnaire does.</summary>
    public int Item(int number) => scores[number - 1];

    public bool Equals(ItemScores? other) => other is not null && scores.AsSpan().SequenceEqual(other.scores);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var score in scores)
        {
            hash.Add(score);
        }

        return hash.ToHashCode();
    }
}
