using DitCloud.Contracts.Events.V1;
using DitCloud.Messaging.Outbox;
using DitCloud.Persistence;
using DitCloud.Referral.Api.Data;
using DitCloud.Referral.Api.Messaging;
using DitCloud.Referral.Domain;
using Microsoft.EntityFrameworkCore;
using DeliveryMode = DitCloud.Contracts.Events.V1.DeliveryMode;

namespace DitCloud.Referral.Api.Referrals;

/// <summary>
/// Receives partners' submissions, idempotently on (partner, partner's referral id): a retry with the
/// same content returns the referral first created; different content under the same id is refused
/// naming what differs. Racing identical submissions meet at the unique index; the losers read the
/// winner's referral.
/// </summary>
public sealed class ReferralIntake(
    ReferralDbContext db,
    SubmissionValidator validator,
    PatientPseudonyms pseudonyms,
    IOutbox outbox,
    IAuditTrail audit,
    ReferralViews views,
    ReferralClock clock,
    ReferralChangeSignal changes,
    ReferralMetrics metrics)
{
    public async Task<(ReferralView Referral, bool Created)> SubmitAsync(
        ReferralCaller caller, ReferralSubmission submission, DeliveryMode preferredDeliveryMode, CancellationToken cancellationToken)
    {
        var validated = validator.EnsureValid(submission, clock.Today());
        var partnerReferralId = validated.Content.PartnerReferralId;

        if (await db.FindByPartnerKeyAsync(caller.Id, partnerReferralId, cancellationToken) is { } earlier)
        {
            return (await ReturnEarlierAsync(caller, earlier, validated, cancellationToken), false);
        }

        var reference = await pseudonyms.ReferenceForAsync(validated.NhsNumber, cancellationToken);
        var now = clock.Now();
        var referral = PatientReferral.Receive(Guid.CreateVersion7(now), caller.Id, validated, caller.Id, now);
        var row = ReferralRows.New(referral, reference, preferredDeliveryMode);
        db.Referrals.Add(row);
        outbox.Publish(new ReferralReceived(Guid.CreateVersion7(now), now, referral.Id, caller.Id, reference), referral.Id.ToString());
        audit.Record(caller.Actor, AuditAction.Create, AuditResource.Referral, referral.Id.ToString(), reference, "SubmitReferral");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation(ReferralStore.PartnerKeyIndex))
        {
            // An identical (or clashing) submission committed first: answer as its retry.
            db.ChangeTracker.Clear();
            var winner = await db.FindByPartnerKeyAsync(caller.Id, partnerReferralId, cancellationToken)
                ?? throw new InvalidOperationException("The referral that took this partner referral id is not visible.");
            return (await ReturnEarlierAsync(caller, winner, validated, cancellationToken), false);
        }

        changes.Notify();
        metrics.Received();
        return (await views.OfAsync(row, cancellationToken), true);
    }

    /// <summary>
    /// The referral already received under this key, if the content is the same; ALREADY_EXISTS naming
    /// the differing fields if not. Either way the caller saw (part of) the record, so it is audited.
    /// </summary>
    private async Task<ReferralView> ReturnEarlierAsync(
        ReferralCaller caller, StoredReferral earlier, ValidatedSubmission resubmission, CancellationToken cancellationToken)
    {
        var original = SubmissionDocument.Read(earlier.Submission);
        var same = earlier.Fingerprint == resubmission.Fingerprint;
        audit.Record(caller.Actor, AuditAction.Read, AuditResource.Referral, earlier.Id.ToString(), earlier.PatientReference,
            same ? "SubmitReferral: retry" : "SubmitReferral: refused, different content");
        await db.SaveChangesAsync(cancellationToken);
        SubmissionComparison.EnsureSameSubmission(original, resubmission.Content);
        return await views.OfAsync(earlier, cancellationToken);
    }
}
