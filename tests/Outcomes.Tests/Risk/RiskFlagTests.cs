using DitCloud.Domain;
using DitCloud.Outcomes.Domain.Risk;

namespace DitCloud.Outcomes.Tests.Risk;

public sealed class RiskFlagTests
{
    private static readonly DateTimeOffset RaisedAt = Given.TreatmentStart.AddDays(14);

    private static readonly Guid Clinician = Given.Id(101);

    private static RiskFlag OpenFlag()
    {
        var set = Given.Session(3, 14, 9, item9: 2);
        return RiskFlag.Raise(Given.Id(500), Given.CourseId, set, RiskScreen.Screen(set, []).Single(), RaisedAt);
    }

    [Fact]
    public void A_raised_flag_is_open_and_points_at_its_measures()
    {
        var flag = OpenFlag();

        flag.Status.ShouldBe(RiskFlagStatus.Open);
        flag.MeasureSetId.ShouldBe(Given.Id(1003));
        flag.SessionNumber.ShouldBe(3);
        flag.Signal.Phq9Item9.ShouldBe(2);
        flag.Acknowledgement.ShouldBeNull();
    }

    [Fact]
    public void Acknowledging_records_who_when_and_what_was_done()
    {
        var at = RaisedAt.AddHours(2);

        var flag = OpenFlag().Acknowledge(Clinician, RiskAction.SafetyPlanUpdated, "safety plan reviewed", at);

        flag.Status.ShouldBe(RiskFlagStatus.Acknowledged);
        flag.Acknowledgement.ShouldBe(new RiskAcknowledgement(Clinician, at, RiskAction.SafetyPlanUpdated, "safety plan reviewed"));
    }

    [Fact]
    public void An_acknowledged_flag_cannot_be_acknowledged_again()
    {
        var at = RaisedAt.AddHours(2);
        var acknowledged = OpenFlag().Acknowledge(Clinician, RiskAction.GpInformed, "private clinical note", at);

        var refusal = Refusal.Of(DomainErrorKind.FailedPrecondition,
            () => acknowledged.Acknowledge(Given.Id(102), RiskAction.AssessedNoFurtherAction, null, at.AddHours(1)));

        refusal.Message.ShouldContain(Clinician.ToString());
        refusal.Message.ShouldContain(at.ToString("O"));
        refusal.Message.ShouldNotContain("private clinical note");
    }

    [Fact]
    public void An_unknown_action_is_refused() =>
        Refusal.OfField("action", () => OpenFlag().Acknowledge(Clinician, (RiskAction)0, null, RaisedAt));

    [Fact]
    public void The_acknowledging_practitioner_must_be_known() =>
        Refusal.OfField("acknowledged_by_practitioner_id", () => OpenFlag().Acknowledge(Guid.Empty, RiskAction.GpInformed, null, RaisedAt));

    [Theory]
    [InlineData(RiskFlag.MaxNoteLength, true)]
    [InlineData(RiskFlag.MaxNoteLength + 1, false)]
    public void The_note_is_limited_in_length(int length, bool accepted)
    {
        var note = new string('x', length);

        if (accepted)
        {
            OpenFlag().Acknowledge(Clinician, RiskAction.DiscussedWithSupervisor, note, RaisedAt).Status.ShouldBe(RiskFlagStatus.Acknowledged);
        }
        else
        {
            Refusal.OfField("note", () => OpenFlag().Acknowledge(Clinician, RiskAction.DiscussedWithSupervisor, note, RaisedAt))
                .ShouldNotContain("xxx");
        }
    }

    [Fact]
    public void An_ending_rise_flag_carries_its_rises()
    {
        var middle = Given.Session(12, 4, 3);
        var ending = Given.Session(13, 11, 3);
        var signal = RiskScreen.Screen(ending, [middle]).ShouldHaveSingleItem();

        var flag = RiskFlag.Raise(Given.Id(501), Given.CourseId, ending, signal, RaisedAt);

        flag.Signal.Reason.ShouldBe(RiskFlagReason.EndingPhaseRise);
        flag.Signal.Phq9Item9.ShouldBeNull();
        flag.Signal.Rises.ShouldHaveSingleItem().Current.ShouldBe(11);
    }
}
