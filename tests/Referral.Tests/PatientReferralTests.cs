using DitCloud.Domain;
using DitCloud.Referral.Domain;

namespace DitCloud.Referral.Tests;

public class PatientReferralTests
{
    private static readonly DateTimeOffset Later = ReferralScenarios.ReceivedAt.AddDays(30);

    public static TheoryData<ReferralStatus, ReferralAction> EveryStatusAndAction
    {
        get
        {
            var data = new TheoryData<ReferralStatus, ReferralAction>();
            foreach (var status in Enum.GetValues<ReferralStatus>())
            {
                foreach (var action in Enum.GetValues<ReferralAction>())
                {
                    data.Add(status, action);
                }
            }
            return data;
        }
    }

    [Fact]
    public void A_received_referral_carries_its_ids_and_one_history_entry()
    {
        var id = Guid.NewGuid();
        var referral = PatientReferral.Receive(id, "partner-a", TestSubmissions.Validated(), "partner-a", ReferralScenarios.ReceivedAt);

        referral.Id.ShouldBe(id);
        referral.PartnerId.ShouldBe("partner-a");
        referral.PartnerReferralId.ShouldBe("EMIS-2025-000123");
        referral.NhsNumber.Value.ShouldBe(TestSubmissions.NhsNumber);
        referral.ReferringOrganisation.Value.ShouldBe("A81001");
        referral.Status.ShouldBe(ReferralStatus.Received);
        referral.ReceivedAt.ShouldBe(ReferralScenarios.ReceivedAt);
        referral.Version.ShouldBe(1);
        referral.History.ShouldHaveSingleItem().ShouldBe(new ReferralHistoryEntry(
            1, ReferralScenarios.ReceivedAt, "partner-a", ReferralChange.Received, null, ReferralStatus.Received,
            "received from referring organisation A81001"));
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndAction))]
    public void Each_action_in_each_status_moves_as_the_lifecycle_says_or_changes_nothing(ReferralStatus status, ReferralAction action)
    {
        var referral = ReferralScenarios.In(status);
        if (status == ReferralStatus.Screening && action == ReferralAction.Decline)
        {
            referral.RecordScreeningDecision(ReferralScenarios.NotSuitable(), ReferralScenarios.Clinician, Later);
        }
        else if (status == ReferralStatus.Screening && action == ReferralAction.Accept)
        {
            referral.RecordScreeningDecision(ScreeningDecision.SuitableForDit(), ReferralScenarios.Clinician, Later);
        }
        var historyBefore = referral.History.ToList();
        var legal = ReferralLifecycle.AllowedActions(status).Contains(action);

        if (legal)
        {
            ReferralScenarios.Perform(referral, action, Later);

            referral.Status.ShouldBe(ReferralLifecycle.NextStatus(status, action));
            referral.History.Count.ShouldBe(historyBefore.Count + 1);
            referral.History.Take(historyBefore.Count).ShouldBe(historyBefore);
            var entry = referral.History[^1];
            entry.Sequence.ShouldBe(historyBefore.Count + 1);
            entry.At.ShouldBe(Later);
            entry.From.ShouldBe(status);
            entry.To.ShouldBe(referral.Status);
        }
        else
        {
            var refusal = Should.Throw<DomainException>(() => ReferralScenarios.Perform(referral, action, Later));

            refusal.Kind.ShouldBe(DomainErrorKind.FailedPrecondition);
            refusal.Message.ShouldContain($"the referral is {status.ToString().ToLowerInvariant()}");
            referral.Status.ShouldBe(status);
            referral.History.ShouldBe(historyBefore);
        }
    }

    [Fact]
    public void The_full_path_to_discharge_is_kept_in_order()
    {
        var referral = ReferralScenarios.In(ReferralStatus.Discharged);

        referral.History.Select(h => h.Change).ShouldBe(
        [
            ReferralChange.Received, ReferralChange.ScreeningBegun, ReferralChange.ScreeningDecisionRecorded,
            ReferralChange.Accepted, ReferralChange.Discharged,
        ]);
        referral.History.Select(h => h.Sequence).ShouldBe([1, 2, 3, 4, 5]);
        referral.History.Select(h => h.To).ShouldBe(
        [
            ReferralStatus.Received, ReferralStatus.Screening, ReferralStatus.Screening,
            ReferralStatus.Accepted, ReferralStatus.Discharged,
        ]);
        referral.History[^1].Detail.ShouldBe("discharged: CompletedTreatment");
        referral.DischargeReason.ShouldBe(DischargeReason.CompletedTreatment);
        referral.AllowedActions.ShouldBeEmpty();
    }

    [Fact]
    public void Screening_may_start_with_the_decision()
    {
        var referral = ReferralScenarios.Received();

        referral.RecordScreeningDecision(ScreeningDecision.SuitableForDit(), ReferralScenarios.Clinician, Later);

        referral.Status.ShouldBe(ReferralStatus.Screening);
        referral.History[^1].From.ShouldBe(ReferralStatus.Received);
    }

    [Fact]
    public void Accepting_needs_a_suitable_latest_decision()
    {
        var referral = ReferralScenarios.In(ReferralStatus.Screening);
        Should.Throw<DomainException>(() => referral.Accept(ReferralScenarios.Clinician, Later))
            .Message.ShouldContain("record a suitable screening decision first");

        referral.RecordScreeningDecision(ScreeningDecision.SuitableForDit(), ReferralScenarios.Clinician, Later);
        referral.RecordScreeningDecision(ReferralScenarios.NotSuitable(), ReferralScenarios.Clinician, Later.AddHours(1));
        var refusal = Should.Throw<DomainException>(() => referral.Accept(ReferralScenarios.Clinician, Later.AddHours(2)));

        refusal.Kind.ShouldBe(DomainErrorKind.FailedPrecondition);
        referral.Status.ShouldBe(ReferralStatus.Screening);
    }

    [Fact]
    public void Declining_needs_a_not_suitable_latest_decision_and_keeps_its_signpost()
    {
        var referral = ReferralScenarios.In(ReferralStatus.Screening);
        referral.RecordScreeningDecision(ScreeningDecision.SuitableForDit(), ReferralScenarios.Clinician, Later);
        Should.Throw<DomainException>(() => referral.Decline(ReferralScenarios.Clinician, Later))
            .Kind.ShouldBe(DomainErrorKind.FailedPrecondition);
        referral.SignpostedTo.ShouldBeNull();

        referral.RecordScreeningDecision(
            ScreeningDecision.NotSuitableForDit(["On reflection, needs IPT"], SignpostDestination.InterpersonalPsychotherapy),
            "clinician-2", Later.AddDays(1));
        referral.Decline("clinician-2", Later.AddDays(1));

        referral.Status.ShouldBe(ReferralStatus.Declined);
        referral.SignpostedTo.ShouldNotBeNull().Destination.ShouldBe(SignpostDestination.InterpersonalPsychotherapy);
        referral.ScreeningDecisions.Select(d => d.Clinician).ShouldBe([ReferralScenarios.Clinician, "clinician-2"]);
        referral.History[^1].Detail.ShouldBe("declined; signposted to InterpersonalPsychotherapy");
    }

    [Fact]
    public void History_details_carry_no_clinical_text()
    {
        var referral = ReferralScenarios.In(ReferralStatus.Screening);
        referral.RecordScreeningDecision(
            ScreeningDecision.NotSuitableForDit(["Hears voices telling him to harm others"], SignpostDestination.SecondaryCareMentalHealth),
            ReferralScenarios.Clinician, Later);
        referral.Decline(ReferralScenarios.Clinician, Later);

        referral.History.ShouldAllBe(h => !h.Detail.Contains("voices") && !h.Detail.Contains(TestSubmissions.FamilyName));
        referral.History[^2].Detail.ShouldBe("not suitable for DIT (1 reason(s)); signposted to SecondaryCareMentalHealth");
    }

    [Theory]
    [InlineData(ReferralStatus.Received)]
    [InlineData(ReferralStatus.Screening)]
    [InlineData(ReferralStatus.Accepted)]
    public void Withdrawal_records_its_reason(ReferralStatus status)
    {
        var referral = ReferralScenarios.In(status);

        referral.Withdraw(WithdrawalReason.PatientNotContactable, "admin-1", Later);

        referral.Status.ShouldBe(ReferralStatus.Withdrawn);
        referral.WithdrawalReason.ShouldBe(WithdrawalReason.PatientNotContactable);
        referral.History[^1].ShouldBe(new ReferralHistoryEntry(
            referral.Version, Later, "admin-1", ReferralChange.Withdrawn, status, ReferralStatus.Withdrawn, "withdrawn: PatientNotContactable"));
    }

    [Fact]
    public void An_unset_reason_is_an_invalid_argument()
    {
        Should.Throw<DomainException>(() => ReferralScenarios.Received().Withdraw(0, "admin-1", Later))
            .Violations.ShouldHaveSingleItem().Field.ShouldBe("reason");
        Should.Throw<DomainException>(() => ReferralScenarios.In(ReferralStatus.Accepted).Discharge(0, "admin-1", Later))
            .Kind.ShouldBe(DomainErrorKind.InvalidArgument);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Every_change_needs_an_actor(string actor)
    {
        var referral = ReferralScenarios.Received();

        Should.Throw<DomainException>(() => referral.BeginScreening(actor, Later)).Violations.ShouldHaveSingleItem().Field.ShouldBe("actor");
        Should.Throw<DomainException>(() => PatientReferral.Receive(Guid.NewGuid(), "p", TestSubmissions.Validated(), actor, Later))
            .Kind.ShouldBe(DomainErrorKind.InvalidArgument);
        Should.Throw<DomainException>(() => PatientReferral.Receive(Guid.NewGuid(), actor, TestSubmissions.Validated(), "p", Later))
            .Violations.ShouldHaveSingleItem().Field.ShouldBe("partner_id");
        referral.Version.ShouldBe(1);
    }

    [Fact]
    public void An_empty_id_is_refused() =>
        Should.Throw<ArgumentException>(() =>
            PatientReferral.Receive(Guid.Empty, "p", TestSubmissions.Validated(), "p", Later));

    [Theory]
    [InlineData(ReferralStatus.Received)]
    [InlineData(ReferralStatus.Declined)]
    [InlineData(ReferralStatus.Withdrawn)]
    [InlineData(ReferralStatus.Discharged)]
    public void A_snapshot_restores_the_same_referral(ReferralStatus status)
    {
        var original = ReferralScenarios.In(status);

        var restored = PatientReferral.Restore(original.ToSnapshot());

        restored.Id.ShouldBe(original.Id);
        restored.PartnerId.ShouldBe(original.PartnerId);
        restored.PartnerReferralId.ShouldBe(original.PartnerReferralId);
        restored.Status.ShouldBe(status);
        restored.Version.ShouldBe(original.Version);
        restored.History.ShouldBe(original.History);
        restored.ScreeningDecisions.ShouldBe(original.ScreeningDecisions);
        restored.WithdrawalReason.ShouldBe(original.WithdrawalReason);
        restored.DischargeReason.ShouldBe(original.DischargeReason);
        restored.SignpostedTo.ShouldBe(original.SignpostedTo);
        restored.Submission.Fingerprint.ShouldBe(original.Submission.Fingerprint);
    }

    [Fact]
    public void A_restored_referral_carries_on_from_where_it_was()
    {
        var restored = PatientReferral.Restore(ReferralScenarios.In(ReferralStatus.Accepted).ToSnapshot());

        restored.Discharge(DischargeReason.DidNotAttend, ReferralScenarios.Clinician, Later);

        restored.Status.ShouldBe(ReferralStatus.Discharged);
        restored.History[^1].Sequence.ShouldBe(5);
    }

    [Fact]
    public void A_snapshot_taken_earlier_does_not_change_with_the_referral()
    {
        var referral = ReferralScenarios.Received();
        var snapshot = referral.ToSnapshot();

        referral.BeginScreening(ReferralScenarios.Clinician, Later);

        snapshot.History.Count.ShouldBe(1);
        snapshot.Status.ShouldBe(ReferralStatus.Received);
    }

    [Fact]
    public void An_inconsistent_snapshot_is_refused()
    {
        var snapshot = ReferralScenarios.In(ReferralStatus.Accepted).ToSnapshot();

        Should.Throw<InvalidOperationException>(() => PatientReferral.Restore(snapshot with { Status = ReferralStatus.Received }));
        Should.Throw<InvalidOperationException>(() => PatientReferral.Restore(snapshot with { History = [] }));
        Should.Throw<InvalidOperationException>(() => PatientReferral.Restore(snapshot with { History = snapshot.History.Skip(1).ToList() }));
        Should.Throw<InvalidOperationException>(() => PatientReferral.Restore(
            snapshot with { History = [.. snapshot.History.Take(2), snapshot.History[3]] }));
    }
}
