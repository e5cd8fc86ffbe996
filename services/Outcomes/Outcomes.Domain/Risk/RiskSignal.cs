namespace DitCloud.Outcomes.Domain.Risk;

/// <summary>Something in a set of measures that a clinician must look at.</summary>
/// <param name="Phq9Item9">The PHQ-9 item 9 score (1 to 3) for <see cref="RiskFlagReason.Phq9Item9AboveZero"/>; null otherwise.</param>
/// <param name="Rises">The rises for <see cref="RiskFlagReason.EndingPhaseRise"/>; empty otherwise.</param>
public sealed record RiskSignal(RiskFlagReason Reason, int? Phq9Item9, IReadOnlyList<ScoreRise> Rises);
