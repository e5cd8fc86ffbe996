using DitCloud.Referral.V1;
using DitCloud.ServiceDefaults.Security;
using Grpc.Core;
using static DitCloud.Referral.Api.Tests.TestSupport;

namespace DitCloud.Referral.Api.Tests;

/// <summary>A partner sees and acts only on the referrals it sent; staff with the scope see all.</summary>
public sealed class OwnershipTests(ReferralServiceFixture service) : IClassFixture<ReferralServiceFixture>
{
    private readonly ReferralService.ReferralServiceClient owner = service.Client(TestCaller.Partner("partner-owner"));
    private readonly ReferralService.ReferralServiceClient stranger = service.Client(TestCaller.Partner("partner-stranger"));
    private readonly ReferralService.ReferralServiceClient clinician = service.Client(TestCaller.Clinician("clinician-ownership"));

    private async Task<V1.Referral> SubmitAsync(ReferralService.ReferralServiceClient partner) =>
        (await partner.SubmitReferralAsync(Requests.Submission(), cancellationToken: Cancel)).Referral;

    [Fact]
    public async Task Another_partners_referral_is_not_found_exactly_as_a_missing_one_and_the_attempt_is_audited()
    {
        var referral = await SubmitAsync(owner);

        var hidden = await stranger.GetReferralAsync(new() { ReferralId = referral.ReferralId }, cancellationToken: Cancel).FailsWith(StatusCode.NotFound);
        var missing = await stranger.GetReferralAsync(new() { ReferralId = Guid.NewGuid().ToString() }, cancellationToken: Cancel).FailsWith(StatusCode.NotFound);
        await stranger.WithdrawReferralAsync(new() { ReferralId = referral.ReferralId, Reason = WithdrawalReason.ReferrerRequest }, cancellationToken: Cancel)
            .FailsWith(StatusCode.NotFound);

        hidden.Status.Detail.ShouldBe(missing.Status.Detail);
        (await owner.GetReferralAsync(new() { ReferralId = referral.ReferralId }, cancellationToken: Cancel)).Referral.Status.ShouldBe(ReferralStatus.Received);
        (await clinician.GetReferralAsync(new() { ReferralId = referral.ReferralId }, cancellationToken: Cancel)).Referral.PartnerId.ShouldBe("partner-owner");
        (await service.AuditRowsAsync(referral.ReferralId)).Select(a => (a["actor_id"], a["detail"])).ShouldBe(
        [
            ("partner-owner", "SubmitReferral"),
            ("partner-stranger", "GetReferral: refused, another partner's referral"),
            ("partner-stranger", "WithdrawReferral: refused, another partner's referral"),
            ("partner-owner", "GetReferral"),
            ("clinician-ownership", "GetReferral"),
        ]);
        (await owner.GetReferralAsync(new() { ReferralId = referral.ReferralId }, cancellationToken: Cancel)).Referral.History.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Partners_list_only_their_own_and_may_not_ask_for_another_partners()
    {
        var mine = await SubmitAsync(owner);
        var theirs = await SubmitAsync(stranger);

        var ownList = await ListAllAsync(owner, new ListReferralsRequest());
        var staffList = await ListAllAsync(clinician, new ListReferralsRequest { PartnerId = "partner-stranger" });

        ownList.ShouldContain(r => r.ReferralId == mine.ReferralId);
        ownList.ShouldAllBe(r => r.PartnerId == "partner-owner");
        staffList.ShouldContain(r => r.ReferralId == theirs.ReferralId);
        staffList.ShouldAllBe(r => r.PartnerId == "partner-stranger");
        (await owner.ListReferralsAsync(new() { PartnerId = "partner-stranger" }, cancellationToken: Cancel).FailsWith(StatusCode.PermissionDenied))
            .Status.Detail.ShouldContain("partner_id");
        (await owner.ListReferralsAsync(new() { PartnerId = "partner-owner" }, cancellationToken: Cancel)).Referrals.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Each_rpc_needs_its_scope()
    {
        var referral = await SubmitAsync(owner);
        var readOnlyClinician = service.Client(TestCaller.Clinician("clinician-read-only", Scopes.ReferralRead));
        var managerWithoutRead = service.Client(TestCaller.Clinician("clinician-manage-only", Scopes.ReferralManage));
        var id = referral.ReferralId;

        (await owner.ScreenReferralAsync(new() { ReferralId = id, Decision = Requests.Suitable() }, cancellationToken: Cancel).FailsWith(StatusCode.PermissionDenied))
            .Status.Detail.ShouldContain(Scopes.ReferralManage);
        await owner.AcceptReferralAsync(new() { ReferralId = id }, cancellationToken: Cancel).FailsWith(StatusCode.PermissionDenied);
        await owner.DeclineReferralAsync(new() { ReferralId = id }, cancellationToken: Cancel).FailsWith(StatusCode.PermissionDenied);
        await readOnlyClinician.ScreenReferralAsync(new() { ReferralId = id, Decision = Requests.Suitable() }, cancellationToken: Cancel).FailsWith(StatusCode.PermissionDenied);
        await readOnlyClinician.WithdrawReferralAsync(new() { ReferralId = id, Reason = WithdrawalReason.Other }, cancellationToken: Cancel).FailsWith(StatusCode.PermissionDenied);
        (await managerWithoutRead.GetReferralAsync(new() { ReferralId = id }, cancellationToken: Cancel).FailsWith(StatusCode.PermissionDenied))
            .Status.Detail.ShouldContain(Scopes.ReferralRead);
        await managerWithoutRead.ListReferralsAsync(new(), cancellationToken: Cancel).FailsWith(StatusCode.PermissionDenied);
        (await readOnlyClinician.GetReferralAsync(new() { ReferralId = id }, cancellationToken: Cancel)).Referral.ReferralId.ShouldBe(id);
    }

    private async Task<List<V1.Referral>> ListAllAsync(ReferralService.ReferralServiceClient client, ListReferralsRequest request)
    {
        var all = new List<V1.Referral>();
        do
        {
            var page = await client.ListReferralsAsync(request, cancellationToken: Cancel);
            all.AddRange(page.Referrals);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        return all;
    }
}
