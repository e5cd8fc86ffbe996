using DitCloud.Referral.Domain;

namespace DitCloud.Referral.Tests;

public class ReferralSnapshotAsOfTests
{
    [Fact]
    public void Each_version_shows_the_history_and_decisions_up_to_that_change()
    {
        var referral = ReferralScenarios.Received();
        var at = ReferralScenarios.ReceivedAt;
        referral.RecordScreeningDecision(ReferralScenarios.NotSuitable(), ReferralScenarios.Clinician, at.AddDays(1));
        referral.RecordScreeningDecision(ScreeningDecision.SuitableForDit(), ReferralScenarios.Clinician, at.AddDays(2));
        referral.Accept(ReferralScenarios.Clinician, at.AddDays(3));
        var snapshot = referral.ToSnapshot();

        var received = snapshot.AsOf(1);
        received.Status.ShouldBe(ReferralStatus.Received);
        received.History.ShouldHaveSingleItem().Change.ShouldBe(ReferralChange.Received);
        received.ScreeningDecisions.ShouldBeEmpty();

        var firstDecision = snapshot.AsOf(2);
        firstDecision.Status.ShouldBe(ReferralStatus.Screening);
        firstDecision.ScreeningDecisions.ShouldHaveSingleItem().Decision.IsSuitable.ShouldBeFalse();

        var secondDecision = snapshot.AsOf(3);
        secondDecision.ScreeningDecisions.Count.ShouldBe(2);
        secondDecision.ScreeningDecisions[^1].Decision.IsSuitable.ShouldBeTrue();

        var latest = snapshot.AsOf(4);
        latest.Status.ShouldBe(ReferralStatus.Accepted);
        latest.History.ShouldBe(snapshot.History);
        latest.ScreeningDecisions.ShouldBe(snapshot.ScreeningDecisions);
    }

    [Fact]
    public void A_past_version_restores_to_a_consistent_referral()
    {
        var referral = ReferralScenarios.In(ReferralStatus.Accepted);

        var restored = PatientReferral.Restore(referral.ToSnapshot().AsOf(2));

        restored.Status.ShouldBe(ReferralStatus.Screening);
        restored.Version.ShouldBe(2);
        restored.AllowedActions.ShouldContain(ReferralAction.Accept);
    }

    [Fact]
    public void The_withdrawal_reason_belongs_only_to_the_version_that_withdrew()
    {
        var referral = ReferralScenarios.Received();
        referral.Withdraw(WithdrawalReason.PatientMovedAway, ReferralScenarios.Partner, ReferralScenarios.ReceivedAt.AddDays(1));
        var snapshot = referral.ToSnapshot();

        snapshot.AsOf(1).WithdrawalReason.ShouldBeNull();
        snapshot.AsOf(2).WithdrawalReason.ShouldBe(WithdrawalReason.PatientMovedAway);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_version_outside_the_history_is_refused(int version)
    {
        var snapshot = ReferralScenarios.In(ReferralStatus.Screening).ToSnapshot();

        Should.Throw<ArgumentOutOfRangeException>(() => snapshot.AsOf(version));
    }
}
