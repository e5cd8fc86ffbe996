namespace DitCloud.Outcomes.Domain.CourseOutcomes;

/// <summary>The NHS Talking Therapies classification of a course that finished treatment.</summary>
/// <param name="Recovered">At caseness at the first measure and not at the last; null when not at caseness at the start (excluded from recovery).</param>
/// <param name="ReliableImprovement">A reliable fall on PHQ-9 or GAD-7 with no reliable rise on the other.</param>
/// <param name="ReliableDeterioration">A reliable rise on PHQ-9 or GAD-7.</param>
/// <param name="ReliableRecovery">Recovered and reliably improved; null when <paramref name="Recovered"/> is.</param>
public sealed record TreatmentClassification(bool? Recovered, bool ReliableImprovement, bool ReliableDeterioration, bool? ReliableRecovery);
