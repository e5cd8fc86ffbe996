using DitCloud.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DitCloud.Referral.Api.Data;

/// <summary>Reads referral rows with their history and screening decisions, and maps save failures to statuses.</summary>
public static class ReferralStore
{
    /// <summary>
    /// Referral rows with everything the aggregate needs, read by one statement so from one snapshot.
    /// Split queries (one SELECT per collection) each take their own snapshot under READ COMMITTED: a
    /// change committed between them gave a row still "received" with history already at "screening",
    /// which the aggregate rightly refuses to restore. A referral has a handful of history entries and
    /// decisions, so the joined rows stay few.
    /// </summary>
    public static IQueryable<StoredReferral> Complete(this IQueryable<StoredReferral> referrals) =>
        referrals.Include(r => r.History).Include(r => r.ScreeningDecisions).AsSingleQuery();

    public static Task<StoredReferral?> FindCompleteAsync(this ReferralDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Referrals.Complete().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>The referral a partner sent under its own id, if any (one cheap lookup when there is none).</summary>
    public static async Task<StoredReferral?> FindByPartnerKeyAsync(this ReferralDbContext db, string partnerId, string partnerReferralId, CancellationToken cancellationToken)
    {
        var id = await db.Referrals
            .Where(r => r.PartnerId == partnerId && r.PartnerReferralId == partnerReferralId)
            .Select(r => (Guid?)r.Id)
            .SingleOrDefaultAsync(cancellationToken);
        return id is { } found ? await db.FindCompleteAsync(found, cancellationToken) : null;
    }

    /// <summary>Whether a save failed on the unique index named <paramref name="index"/> (PostgreSQL 23505).</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception, string index) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } postgres
        && postgres.ConstraintName == index;

    /// <summary>
    /// Saves a change to an existing referral. Another change saved since it was read (the version
    /// token, or the same history sequence taken) answers ABORTED: read it again and retry.
    /// </summary>
    public static async Task SaveReferralChangeAsync(this ReferralDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || exception.IsUniqueViolation(HistorySequenceIndex))
        {
            throw new DomainException(DomainErrorKind.Aborted,
                "the referral was changed by someone else while this change was being made; read it again and retry");
        }
    }

    public const string PartnerKeyIndex = "ix_referrals_partner_id_partner_referral_id";

    private const string HistorySequenceIndex = "ix_referral_history_referral_id_sequence";
}
