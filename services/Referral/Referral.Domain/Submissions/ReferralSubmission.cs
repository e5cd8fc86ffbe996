namespace DitCloud.Referral.Domain;

/// <summary>
/// A referral as a partner system sends it, before validation. Compare two submissions with
/// <see cref="SubmissionComparison"/>, not <c>==</c>: record equality compares the problem list by reference.
/// </summary>
/// <param name="PartnerReferralId">The partner's own id for the referral (the UBRN where there is one); the idempotency key with the partner.</param>
/// <param name="Ubrn">The e-Referral Service booking reference, when the referral came through e-RS.</param>
/// <param name="ReferringOdsCode">The referring organisation.</param>
/// <param name="PresentingProblems">A set: order and repeats carry no meaning.</param>
/// <param name="ReasonForReferral">Clinical text.</param>
/// <param name="Phq9Total">PHQ-9 total at referral (0-27), when taken.</param>
/// <param name="Gad7Total">GAD-7 total at referral (0-21), when taken.</param>
public sealed record ReferralSubmission(
    string PartnerReferralId,
    string? Ubrn,
    string ReferringOdsCode,
    PatientDemographics Patient,
    IReadOnlyList<PresentingProblem> PresentingProblems,
    string ReasonForReferral,
    int? Phq9Total,
    int? Gad7Total,
    RiskInformation Risk,
    Consent Consent)
{
    /// <summary>Redacted to the identifiers that are not personal data.</summary>
    public override string ToString() =>
        $"ReferralSubmission {{ PartnerReferralId = {PartnerReferralId}, ReferringOdsCode = {ReferringOdsCode} }}";
}
