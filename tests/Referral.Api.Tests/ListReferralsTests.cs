using DitCloud.Referral.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static DitCloud.Referral.Api.Tests.TestSupport;

namespace DitCloud.Referral.Api.Tests;

/// <summary>Keyset pages in waiting-list order with opaque tokens; each test lists its own partner's referrals.</summary>
public sealed class ListReferralsTests(ReferralServiceFixture service) : IClassFixture<ReferralServiceFixture>
{
    private readonly ReferralService.ReferralServiceClient clinician = service.Client(TestCaller.Clinician("clinician-list"));

    private async Task<(string PartnerId, List<V1.Referral> Referrals)> SubmitAsync(int count, string odsCode = "A81001")
    {
        var partnerId = $"partner-list-{Guid.NewGuid():N}"[..24];
        var partner = service.Client(TestCaller.Partner(partnerId));
        var referrals = new List<V1.Referral>();
        for (var i = 0; i < count; i++)
        {
            var request = Requests.Submission().With(r => r.ReferringOdsCode = odsCode);
            referrals.Add((await partner.SubmitReferralAsync(request, cancellationToken: Cancel)).Referral);
        }
        return (partnerId, referrals);
    }

    [Fact]
    public async Task Pages_follow_each_other_oldest_first_without_gaps_or_repeats_and_every_row_read_is_audited()
    {
        var (partnerId, submitted) = await SubmitAsync(5);
        var request = new ListReferralsRequest { PartnerId = partnerId, PageSize = 2 };

        var pages = new List<IReadOnlyList<V1.Referral>>();
        do
        {
            var page = await clinician.ListReferralsAsync(request, cancellationToken: Cancel);
            pages.Add(page.Referrals);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        pages.Select(p => p.Count).ShouldBe([2, 2, 1]);
        pages.SelectMany(p => p).Select(r => r.ReferralId).ShouldBe(submitted.Select(r => r.ReferralId));
        var listed = await service.QueryAsync(
            "SELECT count(*) AS n FROM audit_records WHERE actor_id = 'clinician-list' AND action = 'List' AND resource_id = ANY($1)",
            (object)submitted.Select(r => r.ReferralId).ToArray());
        listed.Single()["n"].ShouldBe(5L);
    }

    [Fact]
    public async Task Filters_combine_by_status_organisation_and_time_received()
    {
        var (partnerId, referrals) = await SubmitAsync(3);
        var (_, elsewhere) = await SubmitAsync(1, odsCode: "RJ1");
        await clinician.WithdrawReferralAsync(new() { ReferralId = referrals[0].ReferralId, Reason = WithdrawalReason.DuplicateReferral }, cancellationToken: Cancel);

        var withdrawn = await clinician.ListReferralsAsync(new() { PartnerId = partnerId, Statuses = { ReferralStatus.Withdrawn } }, cancellationToken: Cancel);
        var open = await clinician.ListReferralsAsync(new() { PartnerId = partnerId, Statuses = { ReferralStatus.Received, ReferralStatus.Screening } }, cancellationToken: Cancel);
        var fromSecond = await clinician.ListReferralsAsync(new()
        {
            PartnerId = partnerId,
            ReceivedAfter = referrals[1].ReceiveTime,
            ReceivedBefore = referrals[2].ReceiveTime,
        }, cancellationToken: Cancel);
        var byOrganisation = await clinician.ListReferralsAsync(new() { ReferringOdsCode = "rj1", ReceivedAfter = elsewhere[0].ReceiveTime }, cancellationToken: Cancel);

        withdrawn.Referrals.Select(r => r.ReferralId).ShouldBe([referrals[0].ReferralId]);
        open.Referrals.Select(r => r.ReferralId).ShouldBe([referrals[1].ReferralId, referrals[2].ReferralId]);
        fromSecond.Referrals.Select(r => r.ReferralId).ShouldBe([referrals[1].ReferralId], "received_after is inclusive, received_before exclusive");
        byOrganisation.Referrals.ShouldContain(r => r.ReferralId == elsewhere[0].ReferralId);
        byOrganisation.Referrals.ShouldAllBe(r => r.ReferringOdsCode == "RJ1");
    }

    [Fact]
    public async Task A_token_is_honoured_only_with_the_filters_it_was_issued_for()
    {
        var (partnerId, _) = await SubmitAsync(3);
        var first = await clinician.ListReferralsAsync(new() { PartnerId = partnerId, PageSize = 1 }, cancellationToken: Cancel);

        await clinician.ListReferralsAsync(new() { PartnerId = partnerId, PageSize = 1, PageToken = first.NextPageToken, Statuses = { ReferralStatus.Received } }, cancellationToken: Cancel)
            .RefusesField("page_token", "different filters");
        await clinician.ListReferralsAsync(new() { PartnerId = partnerId, PageToken = "not-a-token" }, cancellationToken: Cancel)
            .RefusesField("page_token", "not a token from ListReferrals");
        var other = service.Client(TestCaller.Clinician("clinician-list-other"));
        await other.ListReferralsAsync(new() { PartnerId = partnerId, PageSize = 1, PageToken = first.NextPageToken }, cancellationToken: Cancel)
            .RefusesField("page_token", "different filters");
        (await clinician.ListReferralsAsync(new() { PartnerId = partnerId, PageSize = 5, PageToken = first.NextPageToken }, cancellationToken: Cancel))
            .Referrals.Count.ShouldBe(2, "the page size may change between pages");
    }

    [Fact]
    public async Task Bad_list_requests_name_the_field()
    {
        await clinician.ListReferralsAsync(new() { PageSize = 101 }, cancellationToken: Cancel).RefusesField("page_size", "1 to 100");
        await clinician.ListReferralsAsync(new() { PageSize = -1 }, cancellationToken: Cancel).RefusesField("page_size", "1 to 100");
        await clinician.ListReferralsAsync(new() { Statuses = { ReferralStatus.Unspecified } }, cancellationToken: Cancel).RefusesField("statuses[0]", "not a referral status");
        await clinician.ListReferralsAsync(new() { ReferringOdsCode = "A-1" }, cancellationToken: Cancel).RefusesField("referring_ods_code", "letters and digits");
        var now = DateTimeOffset.UtcNow;
        await clinician.ListReferralsAsync(new() { ReceivedAfter = Timestamp.FromDateTimeOffset(now), ReceivedBefore = Timestamp.FromDateTimeOffset(now.AddDays(-1)) }, cancellationToken: Cancel)
            .RefusesField("received_after", "not be later than received_before");
        (await clinician.ListReferralsAsync(new(), cancellationToken: Cancel)).Referrals.Count.ShouldBeLessThanOrEqualTo(25);
    }
}
