using DitCloud.Outcomes.Domain.Measures;
using DitCloud.Outcomes.Domain.Risk;

namespace DitCloud.Outcomes.Tests.Risk;

public sealed class RiskScreenTests
{
    [Fact]
    public void Item_9_at_0_raises_nothing() =>
        RiskScreen.Screen(Given.Session(3, 14, 9, item9: 0), []).ShouldBeEmpty();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Item_9_above_0_raises_a_signal_with_its_score(int item9)
    {
        var signal = RiskScreen.Screen(Given.Session(3, 14, 9, item9: item9), []).ShouldHaveSingleItem();

        signal.Reason.ShouldBe(RiskFlagReason.Phq9Item9AboveZero);
        signal.Phq9Item9.ShouldBe(item9);
        signal.Rises.ShouldBeEmpty();
    }

    [Fact]
    public void Item_9_raises_a_signal_even_with_a_low_total() =>
        RiskScreen.Screen(Given.Session(3, 1, 0, item9: 1), []).ShouldHaveSingleItem().Reason.ShouldBe(RiskFlagReason.Phq9Item9AboveZero);

    [Fact]
    public void Item_9_raises_a_signal_at_assessment_and_follow_up_too()
    {
        RiskScreen.Screen(Given.FollowUp(6, 3, item9: 1), []).ShouldHaveSingleItem().Reason.ShouldBe(RiskFlagReason.Phq9Item9AboveZero);
        RiskScreen.Screen(MeasureSet.Record(Given.Id(1), MeasurementPoint.Assessment, Given.TreatmentStart, Given.Answers(phq9: 6, item9: 2), Given.Now), [])
            .ShouldHaveSingleItem().Phq9Item9.ShouldBe(2);
    }

    [Fact]
    public void Without_PHQ9_there_is_no_item_9_signal() =>
        RiskScreen.Screen(Given.Session(3, gad7: 21), []).ShouldBeEmpty();

    [Fact]
    public void Item_9_and_an_ending_rise_raise_two_signals()
    {
        var middle = Given.Session(12, 4, 3);
        var ending = Given.Session(13, 12, 3, item9: 1);

        RiskScreen.Screen(ending, [middle, ending]).Select(signal => signal.Reason)
            .ShouldBe([RiskFlagReason.Phq9Item9AboveZero, RiskFlagReason.EndingPhaseRise]);
    }
}
