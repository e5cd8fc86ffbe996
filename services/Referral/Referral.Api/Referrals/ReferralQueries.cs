using System.Globalization;
using DitCloud.Domain;
using DitCloud.Persistence;
using DitCloud.Referral.Api.Data;
using DitCloud.Referral.Domain;
using Microsoft.EntityFrameworkCore;

namespace DitCloud.Referral.Api.Referrals;

/// <summary>What ListReferrals asks for; every filter optional.</summary>
public sealed record ReferralListQuery(
    IReadOnlyList<ReferralStatus> Statuses,
    DateTimeOffset? ReceivedFrom,
    DateTimeOffset? ReceivedBefore,
    OdsCode? ReferringOrganisation,
    string? PartnerId,
    int PageSize,
    string? PageToken);

/// <summary>Reading referrals: one, or a page in waiting-list order. Every referral returned is audited.</summary>
public sealed class ReferralQueries(ReferralDbContext db, IAuditTrail audit, ReferralViews views)
{
    /// <summary>The same answer whether the referral does not exist or belongs to another partner.</summary>
    public const string NotFoundMessage = "no referral has this referral_id, or it is not one you may see; check the id, or list your referrals";

    public async Task<ReferralView> GetAsync(ReferralCaller caller, Guid referralId, CancellationToken cancellationToken)
    {
        var row = await VisibleAsync(db, audit, caller, referralId, "GetReferral", cancellationToken);
        audit.Record(caller.Actor, AuditAction.Read, AuditResource.Referral, row.Id.ToString(), row.PatientReference, "GetReferral");
        await db.SaveChangesAsync(cancellationToken);
        return await views.OfAsync(row, cancellationToken);
    }

    public async Task<(IReadOnlyList<ReferralView> Page, string? NextPageToken)> ListAsync(
        ReferralCaller caller, ReferralListQuery query, CancellationToken cancellationToken)
    {
        if (caller.IsPartner && query.PartnerId is { } asked && asked != caller.Id)
        {
            throw DomainException.Denied("partner_id may only be your own partner id; leave it empty to list the referrals you sent");
        }
        var partnerId = caller.IsPartner ? caller.Id : query.PartnerId;
        var filterKey = FilterKey(caller, query, partnerId);

        var rows = db.Referrals.AsNoTracking();
        if (partnerId is not null) rows = rows.Where(r => r.PartnerId == partnerId);
        if (query.Statuses.Count > 0) rows = rows.Where(r => query.Statuses.Contains(r.Status));
        if (query.ReceivedFrom is { } from) rows = rows.Where(r => r.ReceivedAt >= from);
        if (query.ReceivedBefore is { } before) rows = rows.Where(r => r.ReceivedAt < before);
        if (query.ReferringOrganisation is { } ods) rows = rows.Where(r => r.ReferringOdsCode == ods.Value);
        if (!string.IsNullOrEmpty(query.PageToken))
        {
            if (!ListPageToken.TryRead(query.PageToken, filterKey, out var after, out var failure))
            {
                throw DomainException.Invalid("page_token", failure!);
            }
            rows = rows.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.ReceivedAt, r.Id), ValueTuple.Create(after.ReceivedAt, after.Id)));
        }

        // One more than a page says whether another page follows.
        var found = await rows.Complete().OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id).Take(query.PageSize + 1).ToListAsync(cancellationToken);
        var page = found.Take(query.PageSize).ToList();
        foreach (var row in page)
        {
            audit.Record(caller.Actor, AuditAction.List, AuditResource.Referral, row.Id.ToString(), row.PatientReference, "ListReferrals");
        }
        await db.SaveChangesAsync(cancellationToken);

        var next = found.Count > query.PageSize ? ListPageToken.Write(filterKey, page[^1].ReceivedAt, page[^1].Id) : null;
        return (await views.OfAsync([.. page.Select(row => (row, ReferralRows.Restore(row)))], cancellationToken), next);
    }

    /// <summary>
    /// The referral if the caller may see it; otherwise NOT_FOUND, the same either way. An attempt on
    /// another partner's referral is audited as refused.
    /// </summary>
    internal static async Task<StoredReferral> VisibleAsync(
        ReferralDbContext db, IAuditTrail audit, ReferralCaller caller, Guid referralId, string operation, CancellationToken cancellationToken)
    {
        var row = await db.FindCompleteAsync(referralId, cancellationToken);
        if (row is not null && caller.MaySee(row.PartnerId)) return row;
        if (row is not null)
        {
            audit.Record(caller.Actor, AuditAction.Read, AuditResource.Referral, row.Id.ToString(), row.PatientReference,
                $"{operation}: refused, another partner's referral");
            await db.SaveChangesAsync(cancellationToken);
        }
        throw DomainException.NotFound(NotFoundMessage);
    }

    /// <summary>Everything a page token is bound to: the caller and the filters (not the page size).</summary>
    private static string FilterKey(ReferralCaller caller, ReferralListQuery query, string? partnerId) => string.Join('|',
        caller.Id,
        partnerId ?? "",
        string.Join(',', query.Statuses.Distinct().Order().Select(s => ((int)s).ToString(CultureInfo.InvariantCulture))),
        query.ReceivedFrom?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "",
        query.ReceivedBefore?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "",
        query.ReferringOrganisation?.Value ?? "");
}
