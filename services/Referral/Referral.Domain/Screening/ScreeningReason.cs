namespace DitCloud.Referral.Domain;

/// <summary>One reason behind a recommendation, for the screening clinician (not for logs).</summary>
/// <param name="Problem">The presenting problem concerned, when the reason is about one.</param>
public sealed record ScreeningReason(ScreeningReasonKind Kind, PresentingProblem? Problem, string Explanation);
