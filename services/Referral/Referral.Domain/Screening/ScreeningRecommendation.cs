namespace DitCloud.Referral.Domain;

/// <summary>The policy's advice to the screening clinician, who makes the decision.</summary>
public sealed record ScreeningRecommendation(Suitability Outcome, IReadOnlyList<ScreeningReason> Reasons);
