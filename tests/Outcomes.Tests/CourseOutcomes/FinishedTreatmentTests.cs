using DitCloud.Outcomes.Domain.CourseOutcomes;
using DitCloud.Outcomes.Domain.Measures;

namespace DitCloud.Outcomes.Tests.CourseOutcomes;

public sealed class FinishedTreatmentTests
{
    [Theory]
    [InlineData(0, true, false)]
    [InlineData(1, true, false)]
    [InlineData(2, true, true)]
    [InlineData(16, true, true)]
    [InlineData(1, false, null)]
    [InlineData(2, false, null)]
    public void Finished_means_ended_after_at_least_two_attended_sessions(int attended, bool ended, bool? expected)
    {
        var outcome = RecoveryCalculator.Assess(Given.Course(attended, ended, Given.Session(1, 15, 12)));

        outcome.FinishedTreatment.ShouldBe(expected);
        outcome.SessionsAttended.ShouldBe(attended);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_course_ended_before_two_attended_sessions_has_no_classification(int attended) =>
        RecoveryCalculator.Assess(Given.Course(attended, ended: true, Given.Session(1, 15, 12))).Classification.ShouldBeNull();

    [Fact]
    public void The_same_session_reported_twice_counts_once()
    {
        var course = Given.Course(0, ended: true, Given.Session(1, 15, 12)) with
        {
            AttendedSessions = [new AttendedSession(1, new DateOnly(2026, 3, 2)), new AttendedSession(1, new DateOnly(2026, 3, 2))],
        };

        var outcome = RecoveryCalculator.Assess(course);

        outcome.SessionsAttended.ShouldBe(1);
        outcome.FinishedTreatment.ShouldBe(false);
    }

    [Fact]
    public void An_open_course_is_provisional_with_scores_but_no_classification()
    {
        var outcome = RecoveryCalculator.Assess(Given.Course(6, ended: false, Given.Session(1, 15, 12), Given.Session(6, 8, 6)));

        outcome.Status.ShouldBe(OutcomeStatus.Provisional);
        outcome.FinishedTreatment.ShouldBeNull();
        outcome.Classification.ShouldBeNull();
        outcome.Phq9.ShouldBe(new ScorePair(15, 8, 2));
        outcome.CasenessAtStart.ShouldBe(true);
        outcome.CasenessAtEnd.ShouldBe(false);
    }

    [Fact]
    public void An_ended_course_is_final() =>
        RecoveryCalculator.Assess(Given.Finished(15, 12, 8, 6)).Status.ShouldBe(OutcomeStatus.Final);
}
