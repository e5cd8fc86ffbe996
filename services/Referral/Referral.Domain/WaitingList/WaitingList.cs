using System.Collections.Frozen;

namespace DitCloud.Referral.Domain;

/// <summary>
/// The order in which waiting patients are seen: longest wait first. Referrals waiting are those
/// received, in screening or accepted; closed ones (declined, withdrawn, discharged) are left off.
/// </summary>
public static class WaitingList
{
    /// <summary>The statuses in which a referral is on the waiting list.</summary>
    public static readonly FrozenSet<ReferralStatus> WaitingStatuses =
        new[] { ReferralStatus.Received, ReferralStatus.Screening, ReferralStatus.Accepted }.ToFrozenSet();

    public static bool IsWaiting(ReferralStatus status) => WaitingStatuses.Contains(status);

    /// <summary>
    /// Each waiting referral's position and days waited at <paramref name="now"/>. Days are whole elapsed
    /// days, so the count does not depend on a time zone; a referral received after
    /// <paramref name="now"/> (clock skew between servers) has waited 0 days. Equal receipt times are
    /// ordered by id so positions never swap between calls.
    /// </summary>
    public static IReadOnlyList<WaitingListPlace> Rank(IEnumerable<WaitingReferral> referrals, DateTimeOffset now) =>
    [
        .. referrals
            .Where(r => IsWaiting(r.Status))
            .OrderBy(r => r.ReceivedAt)
            .ThenBy(r => r.ReferralId)
            .Select((r, index) => new WaitingListPlace(r.ReferralId, r.Status, index + 1, DaysWaited(r.ReceivedAt, now))),
    ];

    /// <summary>
    /// Whole days (periods of 24 hours) from <paramref name="receivedAt"/> to <paramref name="now"/>; 0 when
    /// <paramref name="now"/> is not later (clock skew). A store that ranks in the database uses this for the days.
    /// </summary>
    public static int DaysWaited(DateTimeOffset receivedAt, DateTimeOffset now) =>
        now <= receivedAt ? 0 : (int)(now - receivedAt).TotalDays;
}
