using DitCloud.Domain;
using DitCloud.Referral.Domain;

namespace DitCloud.Referral.Tests;

public class ReferralLifecycleTests
{
    private static readonly (ReferralStatus From, ReferralAction Action, ReferralStatus To)[] Legal =
    [
        (ReferralStatus.Received, ReferralAction.BeginScreening, ReferralStatus.Screening),
        (ReferralStatus.Received, ReferralAction.RecordScreeningDecision, ReferralStatus.Screening),
        (ReferralStatus.Received, ReferralAction.Withdraw, ReferralStatus.Withdrawn),
        (ReferralStatus.Screening, ReferralAction.RecordScreeningDecision, ReferralStatus.Screening),
        (ReferralStatus.Screening, ReferralAction.Accept, ReferralStatus.Accepted),
        (ReferralStatus.Screening, ReferralAction.Decline, ReferralStatus.Declined),
        (ReferralStatus.Screening, ReferralAction.Withdraw, ReferralStatus.Withdrawn),
        (ReferralStatus.Accepted, ReferralAction.Withdraw, ReferralStatus.Withdrawn),
        (ReferralStatus.Accepted, ReferralAction.Discharge, ReferralStatus.Discharged),
    ];

    public static TheoryData<ReferralStatus, ReferralAction, ReferralStatus> LegalTransitions
    {
        get
        {
            var data = new TheoryData<ReferralStatus, ReferralAction, ReferralStatus>();
            foreach (var (from, action, to) in Legal)
            {
                data.Add(from, action, to);
            }
            return data;
        }
    }

    public static TheoryData<ReferralStatus, ReferralAction> IllegalTransitions
    {
        get
        {
            var data = new TheoryData<ReferralStatus, ReferralAction>();
            foreach (var status in Enum.GetValues<ReferralStatus>())
            {
                foreach (var action in Enum.GetValues<ReferralAction>().Where(a => !Legal.Any(t => t.From == status && t.Action == a)))
                {
                    data.Add(status, action);
                }
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(LegalTransitions))]
    public void Legal_transitions_lead_where_expected(ReferralStatus from, ReferralAction action, ReferralStatus to) =>
        ReferralLifecycle.NextStatus(from, action).ShouldBe(to);

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public void Illegal_transitions_are_refused_naming_the_status_and_what_is_allowed(ReferralStatus from, ReferralAction action)
    {
        var refusal = Should.Throw<DomainException>(() => ReferralLifecycle.NextStatus(from, action));

        refusal.Kind.ShouldBe(DomainErrorKind.FailedPrecondition);
        refusal.Message.ShouldContain($"the referral is {from.ToString().ToLowerInvariant()}");
        refusal.Message.ShouldContain("actions allowed now:");
    }

    [Fact]
    public void There_are_36_combinations_9_of_them_legal() =>
        (LegalTransitions.Count + IllegalTransitions.Count).ShouldBe(36);

    [Theory]
    [InlineData(ReferralStatus.Received, "begin screening, record a screening decision, withdraw")]
    [InlineData(ReferralStatus.Screening, "record a screening decision, accept, decline, withdraw")]
    [InlineData(ReferralStatus.Accepted, "withdraw, discharge")]
    [InlineData(ReferralStatus.Declined, "none (the referral is closed)")]
    [InlineData(ReferralStatus.Withdrawn, "none (the referral is closed)")]
    [InlineData(ReferralStatus.Discharged, "none (the referral is closed)")]
    public void The_refusal_lists_the_allowed_actions(ReferralStatus status, string allowed)
    {
        var illegal = Enum.GetValues<ReferralAction>().First(a => !ReferralLifecycle.AllowedActions(status).Contains(a));

        Should.Throw<DomainException>(() => ReferralLifecycle.NextStatus(status, illegal))
            .Message.ShouldEndWith($"actions allowed now: {allowed}");
    }

    [Theory]
    [InlineData(ReferralStatus.Received, false)]
    [InlineData(ReferralStatus.Screening, false)]
    [InlineData(ReferralStatus.Accepted, false)]
    [InlineData(ReferralStatus.Declined, true)]
    [InlineData(ReferralStatus.Withdrawn, true)]
    [InlineData(ReferralStatus.Discharged, true)]
    public void Declined_withdrawn_and_discharged_are_closed(ReferralStatus status, bool closed) =>
        ReferralLifecycle.IsClosed(status).ShouldBe(closed);
}
