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
    /// <summary>
    /// The referral as it was right after change number <paramref name="version"/> (1 is the receipt):
    /// the history up to it, the screening decisions recorded by then, and the closing reason only if
    /// that change closed it. For showing a past change with the referral as that change left it.
    /// </summary>
    public ReferralSnapshot AsOf(int version)
    {
        if (version < 1 || version > History.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, $"Referral {Id} has versions 1 to {History.Count}.");
        }
        var history = History.Take(version).ToList();
        var status = history[^1].To;
        var decisions = history.Count(entry => entry.Change == ReferralChange.ScreeningDecisionRecorded);
        return this with
        {
            Status = status,
            History = history,
            ScreeningDecisions = [.. ScreeningDecisions.Take(decisions)],
            // Withdrawn and discharged are final, so a reason present now was set by the closing change.
            WithdrawalReason = status == ReferralStatus.Withdrawn ? WithdrawalReason : null,
            DischargeReason = status == ReferralStatus.Discharged ? DischargeReason : null,
        };
    }

    /// <summary>Redacted: the submission holds personal data.</summary>
    public override string ToString() => $"ReferralSnapshot {{ Id = {Id}, Status = {Status} }}";
}
