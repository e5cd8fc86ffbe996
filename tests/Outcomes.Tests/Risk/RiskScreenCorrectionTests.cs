using DitCloud.Outcomes.Domain.Measures;
using DitCloud.Outcomes.Domain.Risk;

namespace DitCloud.Outcomes.Tests.Risk;

public sealed class RiskScreenCorrectionTests
{
    [Fact]
    public void Item_9_above_0_in_a_correction_raises_a_flag_when_the_earlier_version_raised_none()
    {
        var corrected = Given.Session(6, phq9: 12, gad7: 8, item9: 1);

        var signals = RiskScreen.ScreenCorrection(corrected, [Given.Session(5, 12, 8), corrected], []);

        signals.Select(s => s.Reason).ShouldBe([RiskFlagReason.Phq9Item9AboveZero]);
        signals[0].Phq9Item9.ShouldBe(1);
    }

    [Fact]
    public void What_an_earlier_version_already_raised_is_not_raised_again()
    {
        var corrected = Given.Session(6, phq9: 14, gad7: 8, item9: 2);

        RiskScreen.ScreenCorrection(corrected, [corrected], [RiskFlagReason.Phq9Item9AboveZero]).ShouldBeEmpty();
    }

    [Fact]
    public void A_new_reason_is_raised_even_when_another_was_raised_before()
    {
        // Middle-phase baseline 8 on PHQ-9; the corrected ending-phase set is at 14 (a reliable rise) with item 9 at 1.
        var corrected = Given.Session(13, phq9: 14, gad7: 5, item9: 1);

        var signals = RiskScreen.ScreenCorrection(corrected, [Given.Session(12, 8, 5), corrected], [RiskFlagReason.Phq9Item9AboveZero]);

        signals.Select(s => s.Reason).ShouldBe([RiskFlagReason.EndingPhaseRise]);
    }

    [Fact]
    public void A_correction_with_nothing_to_flag_raises_nothing() =>
        RiskScreen.ScreenCorrection(Given.Session(6, 9, 7), [Given.Session(6, 9, 7)], []).ShouldBeEmpty();
}
