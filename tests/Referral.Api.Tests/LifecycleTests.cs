using DitCloud.Referral.V1;
using Grpc.Core;
using static DitCloud.Referral.Api.Tests.TestSupport;

namespace DitCloud.Referral.Api.Tests;

public sealed class LifecycleTests(ReferralServiceFixture service) : IClassFixture<ReferralServiceFixture>
{
    private const string ClinicianId = "clinician-lifecycle";
    private readonly ReferralService.ReferralServiceClient partner = service.Client(TestCaller.Partner("partner-lifecycle"));
    private readonly ReferralService.ReferralServiceClient clinician = service.Client(TestCaller.Clinician(ClinicianId));

    private async Task<V1.Referral> SubmitAsync() =>
        (await partner.SubmitReferralAsync(Requests.Submission(), cancellationToken: Cancel)).Referral;

    private async Task<V1.Referral> ScreenAsync(V1.Referral referral, ScreeningDecision decision) =>
        (await clinician.ScreenReferralAsync(new() { ReferralId = referral.ReferralId, Decision = decision }, cancellationToken: Cancel)).Referral;

    [Fact]
    public async Task Screened_suitable_then_accepted_keeps_every_step_with_who_and_when()
    {
        var referral = await SubmitAsync();

        var screened = await ScreenAsync(referral, Requests.Suitable());
        var accepted = (await clinician.AcceptReferralAsync(new() { ReferralId = referral.ReferralId }, cancellationToken: Cancel)).Referral;

        screened.Status.ShouldBe(ReferralStatus.Screening);
        var decision = screened.ScreeningDecisions.ShouldHaveSingleItem();
        (decision.Decision.Outcome, decision.ClinicianId).ShouldBe((ScreeningOutcome.Suitable, ClinicianId));
        accepted.Status.ShouldBe(ReferralStatus.Accepted);
        accepted.WaitingListPosition.ShouldBeGreaterThan(0, "an accepted referral waits for its course");
        accepted.Etag.ShouldBe("3");
        accepted.History.Select(h => (h.Change, h.ActorId, h.FromStatus, h.ToStatus)).ShouldBe(
        [
            (ReferralChange.Received, "partner-lifecycle", ReferralStatus.Unspecified, ReferralStatus.Received),
            (ReferralChange.ScreeningDecisionRecorded, ClinicianId, ReferralStatus.Received, ReferralStatus.Screening),
            (ReferralChange.Accepted, ClinicianId, ReferralStatus.Screening, ReferralStatus.Accepted),
        ]);
        accepted.UpdateTime.ShouldBe(accepted.History[^1].ChangeTime);

        var stored = await service.HistoryRowsAsync(referral.ReferralId);
        stored.Select(h => (h["sequence"], h["actor_id"])).ShouldBe([(1, "partner-lifecycle"), (2, ClinicianId), (3, ClinicianId)]);
        (await service.AuditRowsAsync(referral.ReferralId)).Select(a => (a["actor_id"], a["action"], a["detail"])).ShouldBe(
        [
            ("partner-lifecycle", "Create", "SubmitReferral"),
            (ClinicianId, "Change", "ScreenReferral"),
            (ClinicianId, "Change", "AcceptReferral"),
        ]);
    }

    [Fact]
    public async Task A_revised_decision_is_kept_beside_the_first_and_the_latest_counts()
    {
        var referral = await SubmitAsync();
        await ScreenAsync(referral, Requests.NotSuitable());
        await ScreenAsync(referral, Requests.Suitable());

        var accepted = (await clinician.AcceptReferralAsync(new() { ReferralId = referral.ReferralId }, cancellationToken: Cancel)).Referral;

        accepted.ScreeningDecisions.Select(d => d.Decision.Outcome).ShouldBe([ScreeningOutcome.NotSuitable, ScreeningOutcome.Suitable]);
        accepted.ScreeningDecisions[0].Decision.Reasons.ShouldHaveSingleItem().ShouldContain("specific phobia");
        (await service.QueryAsync("SELECT sequence, suitable FROM screening_decisions WHERE referral_id = $1 ORDER BY sequence", Guid.Parse(referral.ReferralId)))
            .Select(d => (d["sequence"], d["suitable"])).ShouldBe([(1, false), (2, true)]);
    }

    [Fact]
    public async Task Declined_referrals_record_where_the_patient_was_signposted_and_leave_the_waiting_list()
    {
        var referral = await SubmitAsync();
        await ScreenAsync(referral, new ScreeningDecision
        {
            Outcome = ScreeningOutcome.NotSuitable,
            Reasons = { "Psychotic symptoms need assessment first" },
            Signpost = new Signpost { Destination = SignpostDestination.Other, OtherDestination = "Early intervention in psychosis team" },
        });

        var declined = (await clinician.DeclineReferralAsync(new() { ReferralId = referral.ReferralId }, cancellationToken: Cancel)).Referral;

        declined.Status.ShouldBe(ReferralStatus.Declined);
        declined.SignpostedTo.Destination.ShouldBe(SignpostDestination.Other);
        declined.SignpostedTo.OtherDestination.ShouldBe("Early intervention in psychosis team");
        declined.WaitingListPosition.ShouldBe(0);
        declined.History[^1].Detail.ShouldBe("declined; signposted to Other");
    }

    [Fact]
    public async Task The_referring_partner_may_withdraw_its_referral_and_staff_may_withdraw_an_accepted_one()
    {
        var received = await SubmitAsync();
        var withdrawnByPartner = (await partner.WithdrawReferralAsync(
            new() { ReferralId = received.ReferralId, Reason = WithdrawalReason.ReferrerRequest }, cancellationToken: Cancel)).Referral;

        var accepted = await SubmitAsync();
        await ScreenAsync(accepted, Requests.Suitable());
        await clinician.AcceptReferralAsync(new() { ReferralId = accepted.ReferralId }, cancellationToken: Cancel);
        var withdrawnByStaff = (await clinician.WithdrawReferralAsync(
            new() { ReferralId = accepted.ReferralId, Reason = WithdrawalReason.PatientMovedAway }, cancellationToken: Cancel)).Referral;

        (withdrawnByPartner.Status, withdrawnByPartner.WithdrawalReason).ShouldBe((ReferralStatus.Withdrawn, WithdrawalReason.ReferrerRequest));
        withdrawnByPartner.History[^1].ActorId.ShouldBe("partner-lifecycle");
        (withdrawnByStaff.Status, withdrawnByStaff.WithdrawalReason).ShouldBe((ReferralStatus.Withdrawn, WithdrawalReason.PatientMovedAway));
        withdrawnByStaff.WaitingListPosition.ShouldBe(0);
    }

    [Fact]
    public async Task Illegal_transitions_fail_the_precondition_say_what_is_allowed_and_are_audited()
    {
        var received = await SubmitAsync();
        (await clinician.AcceptReferralAsync(new() { ReferralId = received.ReferralId }, cancellationToken: Cancel).FailsWith(StatusCode.FailedPrecondition))
            .Status.Detail.ShouldBe("cannot accept: the referral is received; actions allowed now: begin screening, record a screening decision, withdraw");
        await clinician.DeclineReferralAsync(new() { ReferralId = received.ReferralId }, cancellationToken: Cancel).FailsWith(StatusCode.FailedPrecondition);

        await ScreenAsync(received, Requests.Suitable());
        (await clinician.DeclineReferralAsync(new() { ReferralId = received.ReferralId }, cancellationToken: Cancel).FailsWith(StatusCode.FailedPrecondition))
            .Status.Detail.ShouldContain("the latest screening decision is not 'not suitable'");

        await clinician.AcceptReferralAsync(new() { ReferralId = received.ReferralId }, cancellationToken: Cancel);
        await clinician.AcceptReferralAsync(new() { ReferralId = received.ReferralId }, cancellationToken: Cancel).FailsWith(StatusCode.FailedPrecondition);
        (await clinician.ScreenReferralAsync(new() { ReferralId = received.ReferralId, Decision = Requests.NotSuitable() }, cancellationToken: Cancel)
            .FailsWith(StatusCode.FailedPrecondition)).Status.Detail.ShouldContain("the referral is accepted");

        await clinician.WithdrawReferralAsync(new() { ReferralId = received.ReferralId, Reason = WithdrawalReason.PatientRequest }, cancellationToken: Cancel);
        (await clinician.WithdrawReferralAsync(new() { ReferralId = received.ReferralId, Reason = WithdrawalReason.PatientRequest }, cancellationToken: Cancel)
            .FailsWith(StatusCode.FailedPrecondition)).Status.Detail.ShouldContain("none (the referral is closed)");

        var current = (await clinician.GetReferralAsync(new() { ReferralId = received.ReferralId }, cancellationToken: Cancel)).Referral;
        current.History.Count.ShouldBe(4, "refused changes change nothing");
        (await service.AuditRowsAsync(received.ReferralId)).Count(a => ((string)a["detail"]!).EndsWith("refused, FailedPrecondition")).ShouldBe(6);
    }

    [Fact]
    public async Task A_stale_etag_aborts_and_the_current_one_succeeds()
    {
        var referral = await SubmitAsync();
        var screened = await ScreenAsync(referral, Requests.Suitable());

        (await clinician.AcceptReferralAsync(new() { ReferralId = referral.ReferralId, Etag = referral.Etag }, cancellationToken: Cancel)
            .FailsWith(StatusCode.Aborted)).Status.Detail.ShouldContain("read it again");
        var accepted = await clinician.AcceptReferralAsync(new() { ReferralId = referral.ReferralId, Etag = screened.Etag }, cancellationToken: Cancel);

        accepted.Referral.Status.ShouldBe(ReferralStatus.Accepted);
    }

    [Fact]
    public async Task Concurrent_changes_are_serialised_one_wins_each_version_and_the_rest_abort()
    {
        var referral = await SubmitAsync();

        // Readers alongside the writers: each must see one consistent version, never a torn one.
        var reads = Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            for (var i = 0; i < 5; i++) await clinician.GetReferralAsync(new() { ReferralId = referral.ReferralId }, cancellationToken: Cancel);
        }));
        var attempts = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            try
            {
                await clinician.ScreenReferralAsync(new() { ReferralId = referral.ReferralId, Decision = Requests.Suitable() }, cancellationToken: Cancel);
                return StatusCode.OK;
            }
            catch (RpcException failure)
            {
                return failure.StatusCode;
            }
        }));

        await reads;
        attempts.ShouldAllBe(status => status == StatusCode.OK || status == StatusCode.Aborted);
        var succeeded = attempts.Count(status => status == StatusCode.OK);
        succeeded.ShouldBeGreaterThan(0);
        var history = await service.HistoryRowsAsync(referral.ReferralId);
        history.Select(h => (int)h["sequence"]!).ShouldBe(Enumerable.Range(1, 1 + succeeded));
    }

    [Theory]
    [InlineData("no-decision", "decision", "is required")]
    [InlineData("no-outcome", "decision.outcome", "choose SUITABLE or NOT_SUITABLE")]
    [InlineData("no-reasons", "decision.reasons", "at least one reason")]
    [InlineData("empty-reason", "decision.reasons[0]", "is empty")]
    [InlineData("no-signpost", "decision.signpost.destination", "is required")]
    [InlineData("other-unnamed", "decision.signpost.other_destination", "name the service")]
    [InlineData("suitable-with-reasons", "decision.reasons", "must be empty when decision.outcome is SUITABLE")]
    [InlineData("bad-id", "referral_id", "UUID")]
    [InlineData("bad-etag", "etag", "unchanged")]
    public async Task Bad_screening_requests_name_the_field(string name, string field, string says)
    {
        var request = new ScreenReferralRequest { ReferralId = Guid.NewGuid().ToString(), Decision = Requests.NotSuitable() };
        switch (name)
        {
            case "no-decision": request.Decision = null; break;
            case "no-outcome": request.Decision.Outcome = ScreeningOutcome.Unspecified; break;
            case "no-reasons": request.Decision.Reasons.Clear(); break;
            case "empty-reason": request.Decision.Reasons[0] = " "; break;
            case "no-signpost": request.Decision.Signpost = null; break;
            case "other-unnamed": request.Decision.Signpost.Destination = SignpostDestination.Other; break;
            case "suitable-with-reasons": request.Decision.Outcome = ScreeningOutcome.Suitable; break;
            case "bad-id": request.ReferralId = "referral-1"; break;
            case "bad-etag": request.Etag = "W/\"3\""; break;
        }

        await clinician.ScreenReferralAsync(request, cancellationToken: Cancel).RefusesField(field, says);
    }

    [Fact]
    public async Task Other_bad_requests_name_the_field()
    {
        await clinician.WithdrawReferralAsync(new() { ReferralId = Guid.NewGuid().ToString() }, cancellationToken: Cancel).RefusesField("reason", "is required");
        await clinician.GetReferralAsync(new() { ReferralId = "" }, cancellationToken: Cancel).RefusesField("referral_id", "is required");
        await clinician.AcceptReferralAsync(new() { ReferralId = "x" }, cancellationToken: Cancel).RefusesField("referral_id", "UUID");
        await clinician.DeclineReferralAsync(new() { ReferralId = Guid.NewGuid().ToString(), Etag = "abc" }, cancellationToken: Cancel).RefusesField("etag", "unchanged");
        (await clinician.GetReferralAsync(new() { ReferralId = Guid.NewGuid().ToString() }, cancellationToken: Cancel).FailsWith(StatusCode.NotFound))
            .Status.Detail.ShouldContain("no referral has this referral_id");
    }
}
