using DitCloud.Outcomes.Domain.Measures;
using DitCloud.Outcomes.Domain.Questionnaires;

namespace DitCloud.Outcomes.Tests.Measures;

public sealed class MissingMeasuresTests
{
    private static readonly AttendedSession SessionFour = new(4, new DateOnly(2026, 3, 23));

    [Fact]
    public void An_attended_session_with_no_measures_is_detected()
    {
        var gap = MissingMeasures.For(SessionFour, [Given.Session(3, 12, 9)]);

        gap.ShouldNotBeNull();
        gap.SessionNumber.ShouldBe(4);
        gap.NothingRecorded.ShouldBeTrue();
        gap.Missing.ShouldBe([Questionnaire.Phq9, Questionnaire.Gad7]);
    }

    [Theory]
    [InlineData(12, null, Questionnaire.Gad7)]
    [InlineData(null, 9, Questionnaire.Phq9)]
    public void A_session_missing_one_of_PHQ9_and_GAD7_is_detected(int? phq9, int? gad7, Questionnaire missing)
    {
        var gap = MissingMeasures.For(SessionFour, [Given.Session(4, phq9, gad7, wsas: 10)]);

        gap.ShouldNotBeNull();
        gap.NothingRecorded.ShouldBeFalse();
        gap.Missing.ShouldBe([missing]);
    }

    [Fact]
    public void A_session_with_PHQ9_and_GAD7_has_no_gap_even_without_WSAS() =>
        MissingMeasures.For(SessionFour, [Given.Session(4, 12, 9)]).ShouldBeNull();

    [Fact]
    public void Assessment_measures_do_not_stand_in_for_session_1() =>
        MissingMeasures.For(new AttendedSession(1, new DateOnly(2026, 3, 2)), [Given.Assessment(12, 9)])!.NothingRecorded.ShouldBeTrue();

    [Fact]
    public void Find_lists_the_gaps_of_attended_sessions_in_session_order()
    {
        var course = Given.Course(5, ended: false,
            Given.Session(1, 12, 9), Given.Session(3, 11, null), Given.Session(5, 10, 8), Given.Session(7, 9, 7));

        var gaps = MissingMeasures.Find(course.AttendedSessions.Reverse(), course.Measures.ToList());

        gaps.Select(gap => (gap.SessionNumber, gap.NothingRecorded)).ShouldBe([(2, true), (3, false), (4, true)]);
    }

    [Fact]
    public void Find_with_every_session_measured_is_empty()
    {
        var course = Given.Course(2, ended: true, Given.Session(1, 12, 9), Given.Session(2, 11, 8));

        MissingMeasures.Find(course.AttendedSessions, course.Measures.ToList()).ShouldBeEmpty();
    }
}
