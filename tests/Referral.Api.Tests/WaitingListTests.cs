using DitCloud.Referral.V1;
using static DitCloud.Referral.Api.Tests.TestSupport;

namespace DitCloud.Referral.Api.Tests;

/// <summary>Positions are over the whole service's list, so this class has a database of its own and one test.</summary>
public sealed class WaitingListTests(ReferralServiceFixture service) : IClassFixture<ReferralServiceFixture>
{
    [Fact]
    public async Task Open_referrals_wait_oldest_first_and_a_closed_one_leaves_the_list()
    {
        var partner = service.Client(TestCaller.Partner("partner-waiting"));
        var clinician = service.Client(TestCaller.Clinician("clinician-waiting"));
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await partner.SubmitReferralAsync(Requests.Submission(), cancellationToken: Cancel)).Referral.ReferralId);
        }
        await clinician.ScreenReferralAsync(new() { ReferralId = ids[2], Decision = Requests.Suitable() }, cancellationToken: Cancel);
        await clinician.AcceptReferralAsync(new() { ReferralId = ids[2] }, cancellationToken: Cancel);

        async Task<int[]> PositionsAsync() =>
        [
            .. await Task.WhenAll(ids.Select(async id =>
                (await clinician.GetReferralAsync(new() { ReferralId = id }, cancellationToken: Cancel)).Referral.WaitingListPosition)),
        ];

        (await PositionsAsync()).ShouldBe([1, 2, 3, 4], "received, screening and accepted referrals all wait, oldest first");

        await clinician.ScreenReferralAsync(new() { ReferralId = ids[0], Decision = Requests.NotSuitable() }, cancellationToken: Cancel);
        await clinician.DeclineReferralAsync(new() { ReferralId = ids[0] }, cancellationToken: Cancel);
        await partner.WithdrawReferralAsync(new() { ReferralId = ids[3], Reason = WithdrawalReason.PatientRequest }, cancellationToken: Cancel);

        (await PositionsAsync()).ShouldBe([0, 1, 2, 0]);
        var listed = await clinician.ListReferralsAsync(new() { Statuses = { ReferralStatus.Received, ReferralStatus.Screening, ReferralStatus.Accepted } }, cancellationToken: Cancel);
        listed.Referrals.Select(r => (r.ReferralId, r.WaitingListPosition, r.DaysWaited)).ShouldBe([(ids[1], 1, 0), (ids[2], 2, 0)]);

        var latest = (await partner.SubmitReferralAsync(Requests.Submission(), cancellationToken: Cancel)).Referral;
        latest.WaitingListPosition.ShouldBe(3, "a new referral joins the end of the list, after the two still waiting");
        ids.Add(latest.ReferralId);
        (await PositionsAsync()).ShouldBe([0, 1, 2, 0, 3]);
    }
}
