namespace DitCloud.Referral.Domain;

/// <summary>
/// The order in which waiting patients are seen: longest wait first. Referrals waiting are those
/// received, in screening or accepted; closed ones (declined, withdrawn, discharged) are left off.
/// </summary>
public static class WaitingList
{
    private static readonly HashSet<ReferralStatus> Waiting =
        [ReferralStatus.Received, ReferralStatus.Screening, ReferralStatus.Accepted];

    /// <summary>
    /// Each waiting referral's position and days waited at <paramref name="now"/>. Days are whole elapsed
    /// days, so the count does not depend on a time zone; a referral received after
    /// <paramref name="now"/> (clock skew between servers) has waited 0 days. Equal receipt times are
    /// ordered by id so positions never swap between calls.
    /// </summary>
    public static IReadOnlyList<WaitingListPlace> Rank(IEnumerable<WaitingReferral> referrals, DateTimeOffset now) =>
    [
        .. referrals
            .Where(r => Waiting.Contains(r.Status))
            .OrderBy(r => r.ReceivedAt)
            .ThenBy(r => r.ReferralId)
            .Select((r, index) => new WaitingListPlace(r.ReferralId, r.Status, index + 1, DaysBetween(r.ReceivedAt, now))),
    ];

    private static int DaysBetween(DateTimeOffset receivedAt, DateTimeOffset now) =>
        now <= receivedAt ? 0 : (int)(now - receivedAt).TotalDays;
}
