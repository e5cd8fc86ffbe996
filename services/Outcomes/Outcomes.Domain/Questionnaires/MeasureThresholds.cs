namespace DitCloud.Outcomes.Domain.Questionnaires;

/// <summary>
/// The NHS Talking Therapies thresholds of a measure that has them (PHQ-9 and GAD-7; WSAS has
/// neither caseness nor a reliable change).
/// </summary>
/// <param name="CasenessThreshold">The lowest total that is at caseness.</param>
/// <param name="ReliableChange">The smallest change in total that counts as reliable.</param>
public sealed record MeasureThresholds(Questionnaire Questionnaire, int CasenessThreshold, int ReliableChange)
{
    public static MeasureThresholds Phq9 { get; } = new(Questionnaire.Phq9, CasenessThreshold: 10, ReliableChange: 6);

    public static MeasureThresholds Gad7 { get; } = new(Questionnaire.Gad7, CasenessThreshold: 8, ReliableChange: 4);

    public bool AtCaseness(int total) => total >= CasenessThreshold;

    public bool IsReliableFall(int from, int to) => from - to >= ReliableChange;

    public bool IsReliableRise(int from, int to) => to - from >= ReliableChange;
}
