using DitCloud.Outcomes.Domain.Measures;
using DitCloud.Outcomes.Domain.Questionnaires;
using DitCloud.Outcomes.Domain.Risk;

namespace DitCloud.Outcomes.Tests.Risk;

public sealed class EndingPhaseRiseTests
{
    [Theory]
    [InlineData(4, 10, true, true)]
    [InlineData(3, 9, true, false)]
    [InlineData(4, 9, false, false)]
    [InlineData(9, 10, false, true)]
    [InlineData(10, 15, false, false)]
    [InlineData(10, 16, true, false)]
    [InlineData(12, 8, false, false)]
    public void PHQ9_rises_reliably_by_6_or_into_caseness_at_10(int middle, int ending, bool reliable, bool intoCaseness)
    {
        var rises = EndingPhaseRiseCheck.Rises(Given.Session(13, phq9: ending), [Given.Session(12, phq9: middle)]);

        if (reliable || intoCaseness)
        {
            rises.ShouldHaveSingleItem().ShouldBe(new ScoreRise(Questionnaire.Phq9, middle, ending, reliable, intoCaseness));
        }
        else
        {
            rises.ShouldBeEmpty();
        }
    }

    [Theory]
    [InlineData(3, 7, true, false)]
    [InlineData(3, 6, false, false)]
    [InlineData(7, 8, false, true)]
    [InlineData(4, 8, true, true)]
    [InlineData(8, 11, false, false)]
    [InlineData(8, 12, true, false)]
    public void GAD7_rises_reliably_by_4_or_into_caseness_at_8(int middle, int ending, bool reliable, bool intoCaseness)
    {
        var rises = EndingPhaseRiseCheck.Rises(Given.Session(14, gad7: ending), [Given.Session(11, gad7: middle)]);

        if (reliable || intoCaseness)
        {
            rises.ShouldHaveSingleItem().ShouldBe(new ScoreRise(Questionnaire.Gad7, middle, ending, reliable, intoCaseness));
        }
        else
        {
            rises.ShouldBeEmpty();
        }
    }

    [Fact]
    public void Both_measures_are_checked()
    {
        var rises = EndingPhaseRiseCheck.Rises(Given.Session(13, 10, 8), [Given.Session(12, 4, 4)]);

        rises.Select(rise => rise.Questionnaire).ShouldBe([Questionnaire.Phq9, Questionnaire.Gad7]);
    }

    [Fact]
    public void A_rise_outside_the_ending_phase_is_not_an_ending_rise() =>
        EndingPhaseRiseCheck.Rises(Given.Session(12, 20, 18), [Given.Session(11, 2, 2)]).ShouldBeEmpty();

    [Fact]
    public void The_phase_comes_from_the_session_not_its_number() =>
        EndingPhaseRiseCheck.Rises(Given.Session(8, 12, 2, phase: TherapyPhase.Ending), [Given.Session(7, 4, 2)])
            .ShouldHaveSingleItem().Questionnaire.ShouldBe(Questionnaire.Phq9);

    [Fact]
    public void The_baseline_is_the_last_measure_before_the_ending_phase() =>
        EndingPhaseRiseCheck.Rises(Given.Session(13, phq9: 9), [Given.Session(5, phq9: 2), Given.Session(12, phq9: 8)]).ShouldBeEmpty();

    [Fact]
    public void Without_middle_phase_measures_the_baseline_is_the_initial_phase() =>
        EndingPhaseRiseCheck.Rises(Given.Session(13, phq9: 11), [Given.Assessment(phq9: 12), Given.Session(2, phq9: 5)])
            .ShouldHaveSingleItem().Baseline.ShouldBe(5);

    [Fact]
    public void Without_any_measure_before_the_ending_phase_there_is_no_baseline() =>
        EndingPhaseRiseCheck.Rises(Given.Session(14, 20, 18), [Given.Session(13, 2, 2)]).ShouldBeEmpty();

    [Fact]
    public void The_baseline_is_per_measure()
    {
        var rises = EndingPhaseRiseCheck.Rises(Given.Session(13, 6, 9), [Given.Session(10, phq9: 5, gad7: 3), Given.Session(12, phq9: 4)]);

        rises.ShouldHaveSingleItem().ShouldBe(new ScoreRise(Questionnaire.Gad7, 3, 9, IsReliableRise: true, RoseIntoCaseness: true));
    }

    [Fact]
    public void A_rise_already_shown_at_the_previous_ending_session_is_not_reported_again()
    {
        var history = new[] { Given.Session(12, phq9: 8), Given.Session(13, phq9: 11) };

        EndingPhaseRiseCheck.Rises(history[1], history).ShouldHaveSingleItem();
        EndingPhaseRiseCheck.Rises(Given.Session(14, phq9: 12), history).ShouldBeEmpty();
    }

    [Fact]
    public void A_further_reliable_rise_is_reported_again()
    {
        var history = new[] { Given.Session(12, phq9: 8), Given.Session(13, phq9: 11) };

        EndingPhaseRiseCheck.Rises(Given.Session(14, phq9: 14), history).ShouldHaveSingleItem().IsReliableRise.ShouldBeTrue();
    }

    [Fact]
    public void A_new_rise_after_settling_is_reported_again()
    {
        var history = new[] { Given.Session(12, phq9: 8), Given.Session(13, phq9: 11), Given.Session(14, phq9: 8) };

        EndingPhaseRiseCheck.Rises(Given.Session(15, phq9: 10), history).ShouldHaveSingleItem().RoseIntoCaseness.ShouldBeTrue();
    }

    [Fact]
    public void Later_measures_are_not_used_as_the_previous_session()
    {
        var session13 = Given.Session(13, phq9: 11);
        var history = new[] { Given.Session(12, phq9: 8), session13, Given.Session(14, phq9: 11) };

        EndingPhaseRiseCheck.Rises(session13, history).ShouldHaveSingleItem();
    }
}
