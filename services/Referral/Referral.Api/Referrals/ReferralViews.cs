using DitCloud.Referral.Api.Data;
using DitCloud.Referral.Domain;

namespace DitCloud.Referral.Api.Referrals;

/// <summary>Builds <see cref="ReferralView"/>s for stored referrals: positions in one query, advice from the policy.</summary>
public sealed class ReferralViews(WaitingListPositions positions, SuitabilityPolicy policy, ReferralClock clock)
{
    public async Task<ReferralView> OfAsync(StoredReferral row, CancellationToken cancellationToken) =>
        (await OfAsync([(row, ReferralRows.Restore(row))], cancellationToken))[0];

    /// <summary>Views of referrals (each possibly as of an earlier version), in the order given.</summary>
    public async Task<IReadOnlyList<ReferralView>> OfAsync(
        IReadOnlyList<(StoredReferral Row, PatientReferral Referral)> referrals, CancellationToken cancellationToken)
    {
        var waiting = await positions.ForAsync([.. referrals.Select(r => (r.Row.Id, r.Row.ReceivedAt)).Distinct()], cancellationToken);
        var now = clock.Now();
        return
        [
            .. referrals.Select(r =>
            {
                var open = WaitingList.IsWaiting(r.Referral.Status);
                var waitEnded = open ? now : r.Referral.History[^1].At;
                // The position is today's; a referral shown as of an earlier version may have closed since.
                var position = open ? waiting.GetValueOrDefault(r.Row.Id) : 0;
                return new ReferralView(
                    r.Referral,
                    r.Row.PatientReference,
                    r.Row.PreferredDeliveryMode,
                    position,
                    WaitingList.DaysWaited(r.Referral.ReceivedAt, waitEnded),
                    policy.Recommend(r.Referral.Submission.Content));
            }),
        ];
    }
}
