using DitCloud.Referral.Api.Data;
using DitCloud.Referral.Api.Referrals;
using DitCloud.Referral.V1;
using Grpc.Core;
using Grpc.Net.Client;
using static DitCloud.Referral.Api.Tests.TestSupport;

namespace DitCloud.Referral.Api.Tests;

public sealed class WatchReferralsTests(ReferralServiceFixture service) : IClassFixture<ReferralServiceFixture>
{
    private readonly ReferralService.ReferralServiceClient partner = service.Client(TestCaller.Partner("partner-watch"));
    private readonly ReferralService.ReferralServiceClient clinician = service.Client(TestCaller.Clinician("clinician-watch"));

    private async Task<string> SubmitAsync(ReferralService.ReferralServiceClient? by = null) =>
        (await (by ?? partner).SubmitReferralAsync(Requests.Submission(), cancellationToken: Cancel)).Referral.ReferralId;

    private async Task ScreenAndAcceptAsync(string id)
    {
        await clinician.ScreenReferralAsync(new() { ReferralId = id, Decision = Requests.Suitable() }, cancellationToken: Cancel);
        await clinician.AcceptReferralAsync(new() { ReferralId = id }, cancellationToken: Cancel);
    }

    [Fact]
    public async Task Changes_stream_as_they_happen_each_with_the_referral_as_it_left_it_and_are_audited()
    {
        await using var watcher = await Watcher.StartAsync(service.Client(TestCaller.Clinician("clinician-watching")));

        var id = await SubmitAsync();
        await ScreenAndAcceptAsync(id);
        var changes = await watcher.NextAsync(id, 3);

        changes.Select(c => (c.PreviousStatus, c.Referral.Status, c.Referral.History.Count)).ShouldBe(
        [
            (ReferralStatus.Unspecified, ReferralStatus.Received, 1),
            (ReferralStatus.Received, ReferralStatus.Screening, 2),
            (ReferralStatus.Screening, ReferralStatus.Accepted, 3),
        ]);
        changes.Select(c => c.ChangeTime).ShouldBe(changes.Select(c => c.Referral.UpdateTime));
        changes.Select(c => c.Cursor).Distinct().Count().ShouldBe(3);
        changes[1].Referral.ScreeningDecisions.Count.ShouldBe(1);
        changes[0].Referral.Patient.NhsNumber.ShouldBe(Requests.NhsNumber);
        (await service.AuditRowsAsync(id)).Count(a => (string)a["actor_id"]! == "clinician-watching" && (string)a["detail"]! == "WatchReferrals").ShouldBe(3);
    }

    [Fact]
    public async Task Resuming_after_a_cursor_continues_without_gaps()
    {
        string cursor;
        var id = "";
        await using (var first = await Watcher.StartAsync(clinician))
        {
            id = await SubmitAsync();
            cursor = (await first.NextAsync(id, 1)).Single().Cursor;
        }

        await ScreenAndAcceptAsync(id);
        await using var resumed = await Watcher.StartAsync(clinician, new WatchReferralsRequest { AfterCursor = cursor });
        var missed = await resumed.NextAsync(id, 2);

        missed.Select(c => c.Referral.Status).ShouldBe([ReferralStatus.Screening, ReferralStatus.Accepted]);
    }

    [Fact]
    public async Task Partners_see_only_their_own_referrals_changes_and_a_status_filter_narrows_the_stream()
    {
        var otherPartner = service.Client(TestCaller.Partner("partner-watch-other"));
        await using var mine = await Watcher.StartAsync(partner);
        await using var theirs = await Watcher.StartAsync(otherPartner);
        await using var acceptances = await Watcher.StartAsync(clinician, new WatchReferralsRequest { Statuses = { ReferralStatus.Accepted } });

        var myId = await SubmitAsync();
        var theirId = await SubmitAsync(otherPartner);
        await ScreenAndAcceptAsync(myId);
        await ScreenAndAcceptAsync(theirId);

        (await mine.NextAsync(myId, 3)).Last().Referral.Status.ShouldBe(ReferralStatus.Accepted);
        (await theirs.NextAsync(theirId, 3)).Last().Referral.Status.ShouldBe(ReferralStatus.Accepted);
        (await acceptances.NextAsync(theirId, 1)).Single().Referral.Status.ShouldBe(ReferralStatus.Accepted);
        mine.Drain().ShouldNotContain(c => c.Referral.PartnerId != "partner-watch");
        theirs.Drain().ShouldNotContain(c => c.Referral.PartnerId != "partner-watch-other");
        acceptances.Drain().ShouldAllBe(c => c.Referral.Status == ReferralStatus.Accepted);
    }

    [Fact]
    public async Task A_stream_on_another_replica_is_woken_by_the_events_through_rabbitmq()
    {
        // This replica polls only once a minute: a change within seconds can only come from the event.
        var replica = await service.StartReplicaAsync([new("Referral:Watch:PollInterval", "00:01:00")]);
        await service.WaitUntilHealthyAsync(replica); // its queue for the events is bound
        await using var watcher = await Watcher.StartAsync(service.Client(TestCaller.Clinician("clinician-replica"), replica));

        var id = await SubmitAsync();

        (await watcher.NextAsync(id, 1, seconds: 30)).Single().Referral.Status.ShouldBe(ReferralStatus.Received);
    }

    [Fact]
    public async Task Stopping_the_server_ends_its_streams_with_unavailable()
    {
        var replica = await service.StartReplicaAsync();
        // A channel of the test's own: the host's channel closes with the host, which would cancel the call client-side.
        using var channel = GrpcChannel.ForAddress(replica.GrpcAddress);
        var watcher = await Watcher.StartAsync(ReferralServiceFixture.Client(TestCaller.Clinician("clinician-stopping"), channel));

        await service.StopReplicaAsync(replica);

        var ended = await Should.ThrowAsync<RpcException>(watcher.Completion.WaitAsync(TimeSpan.FromSeconds(20), Cancel));
        ended.StatusCode.ShouldBe(StatusCode.Unavailable);
        ended.Status.Detail.ShouldContain("reconnect with the cursor");
        await watcher.DisposeAsync();
    }

    [Fact]
    public async Task Bad_and_expired_cursors_are_refused()
    {
        var garbage = clinician.WatchReferrals(new WatchReferralsRequest { AfterCursor = "not-a-cursor" }, cancellationToken: Cancel);
        var expired = clinician.WatchReferrals(new WatchReferralsRequest
        {
            AfterCursor = WatchCursor.Write(new FeedPosition(1, 1), DateTimeOffset.UtcNow.AddDays(-8)),
        }, cancellationToken: Cancel);
        var badStatus = clinician.WatchReferrals(new WatchReferralsRequest { Statuses = { ReferralStatus.Unspecified } }, cancellationToken: Cancel);

        (await garbage.ResponseStream.MoveNext(Cancel).FailsWith(StatusCode.InvalidArgument)).Status.Detail.ShouldContain("after_cursor");
        (await expired.ResponseStream.MoveNext(Cancel).FailsWith(StatusCode.OutOfRange)).Status.Detail.ShouldContain("list the referrals again");
        (await badStatus.ResponseStream.MoveNext(Cancel).FailsWith(StatusCode.InvalidArgument)).Status.Detail.ShouldContain("statuses[0]");
    }
}
