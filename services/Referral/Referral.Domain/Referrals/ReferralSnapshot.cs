namespace DitCloud.Referral.Domain;

/// <summary>
/// Everything persistence stores for a referral. <see cref="Status"/> is redundant with the last history
/// entry; it is here to be stored in its own column for filtering, and is checked on restore.
/// </summary>
public sealed record ReferralSnapshot(
    Guid Id,
    string PartnerId,
    ReferralSubmission Submission,
    ReferralStatus Status,
    IReadOnlyList<RecordedScreeningDecision> ScreeningDecisions,
    WithdrawalReason? WithdrawalReason,
    DischargeReason? DischargeReason,
    IReadOnlyList<ReferralHistoryEntry> History)
{
    /// <summary>Redacted: the submission holds personal data.</summary>
    public override string ToString() => $"ReferralSnapshot {{ Id = {Id}, Status = {Status} }}";
}
