using System.Globalization;
using DitCloud.Contracts.Events.V1;
using DitCloud.Domain;
using DitCloud.Messaging.Outbox;
using DitCloud.Persistence;
using DitCloud.Referral.Api.Data;
using DitCloud.Referral.Api.Messaging;
using DitCloud.Referral.Domain;
using ScreeningDecision = DitCloud.Referral.Domain.ScreeningDecision;
using SignpostCode = DitCloud.Contracts.Events.V1.SignpostDestination;
using WithdrawalCode = DitCloud.Contracts.Events.V1.WithdrawalReason;
using WithdrawalReason = DitCloud.Referral.Domain.WithdrawalReason;

namespace DitCloud.Referral.Api.Referrals;

/// <summary>
/// The decisions on a referral after intake: screening, accepting, declining, withdrawing. Each is one
/// read-modify-write of the aggregate, saved with its history, event and audit record in one
/// transaction; a concurrent change answers ABORTED, and a refused change is audited too.
/// </summary>
public sealed class ReferralWorkflow(
    ReferralDbContext db,
    IOutbox outbox,
    IAuditTrail audit,
    ReferralViews views,
    ReferralClock clock,
    ReferralChangeSignal changes,
    ReferralMetrics metrics)
{
    public Task<ReferralView> ScreenAsync(ReferralCaller caller, Guid referralId, string? etag, ScreeningDecision decision, CancellationToken cancellationToken) =>
        ChangeAsync(caller, referralId, etag, "ScreenReferral", (referral, _, now) =>
            referral.RecordScreeningDecision(decision, caller.Id, now), cancellationToken);

    public async Task<ReferralView> AcceptAsync(ReferralCaller caller, Guid referralId, string? etag, CancellationToken cancellationToken)
    {
        var accepted = await ChangeAsync(caller, referralId, etag, "AcceptReferral", (referral, row, now) =>
        {
            referral.Accept(caller.Id, now);
            outbox.Publish(new ReferralAccepted(Guid.CreateVersion7(now), now, referral.Id, referral.PartnerId, row.PatientReference,
                referral.ReceivedAt, now, row.PreferredDeliveryMode), PartitionKey(referral));
        }, cancellationToken);
        metrics.Accepted();
        return accepted;
    }

    public async Task<ReferralView> DeclineAsync(ReferralCaller caller, Guid referralId, string? etag, CancellationToken cancellationToken)
    {
        var declined = await ChangeAsync(caller, referralId, etag, "DeclineReferral", (referral, _, now) =>
        {
            referral.Decline(caller.Id, now);
            outbox.Publish(new ReferralDeclined(Guid.CreateVersion7(now), now, referral.Id, referral.PartnerId,
                (SignpostCode)(int)referral.SignpostedTo!.Destination), PartitionKey(referral));
        }, cancellationToken);
        metrics.Declined(declined.Referral.SignpostedTo!.Destination);
        return declined;
    }

    public Task<ReferralView> WithdrawAsync(ReferralCaller caller, Guid referralId, string? etag, WithdrawalReason reason, CancellationToken cancellationToken) =>
        ChangeAsync(caller, referralId, etag, "WithdrawReferral", (referral, _, now) =>
        {
            referral.Withdraw(reason, caller.Id, now);
            outbox.Publish(new ReferralWithdrawn(Guid.CreateVersion7(now), now, referral.Id, referral.PartnerId, (WithdrawalCode)(int)reason),
                PartitionKey(referral));
        }, cancellationToken);

    /// <param name="change">Applies the domain operation and publishes its event, if it has one.</param>
    private async Task<ReferralView> ChangeAsync(
        ReferralCaller caller,
        Guid referralId,
        string? etag,
        string operation,
        Action<PatientReferral, StoredReferral, DateTimeOffset> change,
        CancellationToken cancellationToken)
    {
        var row = await ReferralQueries.VisibleAsync(db, audit, caller, referralId, operation, cancellationToken);
        if (!string.IsNullOrEmpty(etag) && etag != Etag(row.Version))
        {
            throw new DomainException(DomainErrorKind.Aborted,
                "the referral has changed since it was read (the etag is stale); read it again and decide on the current version");
        }

        var referral = ReferralRows.Restore(row);
        try
        {
            change(referral, row, clock.Now());
        }
        catch (DomainException refused)
        {
            // The domain refuses before changing anything, so only the audit record is saved.
            audit.Record(caller.Actor, AuditAction.Change, AuditResource.Referral, row.Id.ToString(), row.PatientReference,
                $"{operation}: refused, {refused.Kind}");
            await db.SaveChangesAsync(cancellationToken);
            throw;
        }

        ReferralRows.AppendChanges(row, referral);
        audit.Record(caller.Actor, AuditAction.Change, AuditResource.Referral, row.Id.ToString(), row.PatientReference, operation);
        await db.SaveReferralChangeAsync(cancellationToken);
        changes.Notify();
        return (await views.OfAsync([(row, referral)], cancellationToken))[0];
    }

    /// <summary>Every event of a referral has its id as partition key, so consumers see them in order.</summary>
    private static string PartitionKey(PatientReferral referral) => referral.Id.ToString();

    /// <summary>The etag of a version: opaque to callers, the version number here.</summary>
    public static string Etag(int version) => version.ToString(CultureInfo.InvariantCulture);
}
