using DitCloud.Referral.Domain;
using DeliveryMode = DitCloud.Contracts.Events.V1.DeliveryMode;

namespace DitCloud.Referral.Api.Data;

/// <summary>Between the referral aggregate and its rows: the snapshot in, new history entries out.</summary>
internal static class ReferralRows
{
    public static StoredReferral New(PatientReferral referral, Guid patientReference, DeliveryMode preferredDeliveryMode)
    {
        var row = new StoredReferral
        {
            Id = referral.Id,
            PartnerId = referral.PartnerId,
            PartnerReferralId = referral.PartnerReferralId,
            Fingerprint = referral.Submission.Fingerprint,
            ReferringOdsCode = referral.ReferringOrganisation.Value,
            Ubrn = referral.Submission.Ubrn?.Value,
            PatientReference = patientReference,
            Submission = SubmissionDocument.Write(referral.Submission.Content),
            PreferredDeliveryMode = preferredDeliveryMode,
            ReceivedAt = referral.ReceivedAt,
        };
        AppendChanges(row, referral);
        return row;
    }

    /// <summary>
    /// Adds the history entries and screening decisions the aggregate has beyond those stored, and moves
    /// the current-state columns on. Rows already stored are never touched.
    /// </summary>
    public static void AppendChanges(StoredReferral row, PatientReferral referral)
    {
        foreach (var entry in referral.History.Skip(row.History.Count))
        {
            row.History.Add(new StoredHistoryEntry
            {
                ReferralId = row.Id,
                Sequence = entry.Sequence,
                At = entry.At,
                ActorId = entry.Actor,
                Change = entry.Change,
                FromStatus = entry.From,
                ToStatus = entry.To,
                Detail = entry.Detail,
            });
        }
        for (var i = row.ScreeningDecisions.Count; i < referral.ScreeningDecisions.Count; i++)
        {
            var recorded = referral.ScreeningDecisions[i];
            var notSuitable = recorded.Decision as ScreeningDecision.NotSuitable;
            row.ScreeningDecisions.Add(new StoredScreeningDecision
            {
                ReferralId = row.Id,
                Sequence = i + 1,
                Suitable = recorded.Decision.IsSuitable,
                Reasons = [.. notSuitable?.Reasons ?? []],
                SignpostDestination = notSuitable?.SignpostedTo.Destination,
                OtherDestination = notSuitable?.SignpostedTo.OtherDestination,
                ClinicianId = recorded.Clinician,
                RecordedAt = recorded.At,
            });
        }
        row.Status = referral.Status;
        row.Version = referral.Version;
        row.UpdatedAt = referral.History[^1].At;
        row.WithdrawalReason = referral.WithdrawalReason;
        row.DischargeReason = referral.DischargeReason;
    }

    /// <summary>The stored state as the domain's snapshot (history and decisions must be loaded).</summary>
    public static ReferralSnapshot Snapshot(StoredReferral row) => new(
        row.Id,
        row.PartnerId,
        SubmissionDocument.Read(row.Submission),
        row.Status,
        [.. row.ScreeningDecisions.OrderBy(d => d.Sequence).Select(Decision)],
        row.WithdrawalReason,
        row.DischargeReason,
        [.. row.History.OrderBy(h => h.Sequence).Select(h => new ReferralHistoryEntry(h.Sequence, h.At, h.ActorId, h.Change, h.FromStatus, h.ToStatus, h.Detail))]);

    public static PatientReferral Restore(StoredReferral row) => PatientReferral.Restore(Snapshot(row));

    private static RecordedScreeningDecision Decision(StoredScreeningDecision d) => new(
        d.Suitable
            ? ScreeningDecision.SuitableForDit()
            : ScreeningDecision.NotSuitableForDit(d.Reasons, d.SignpostDestination ?? default, d.OtherDestination),
        d.ClinicianId,
        d.RecordedAt);
}
