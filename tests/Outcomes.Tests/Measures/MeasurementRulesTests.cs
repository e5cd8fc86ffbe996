using DitCloud.Domain;
using DitCloud.Outcomes.Domain.Measures;

namespace DitCloud.Outcomes.Tests.Measures;

public sealed class MeasurementRulesTests
{
    private static readonly DateTimeOffset FirstSession = Given.TreatmentStart;

    private static readonly DateTimeOffset Ended = new(2026, 6, 30, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Sessions 1 to 3 attended; session 3 in the ending phase to show the phase comes from scheduling.</summary>
    private static readonly AttendedSession[] Attended =
    [
        new(1, new DateOnly(2026, 3, 2), TherapyPhase.Initial),
        new(2, new DateOnly(2026, 3, 9), TherapyPhase.Initial),
        new(3, new DateOnly(2026, 3, 16), TherapyPhase.Ending),
    ];

    private static MeasurementPoint PointFor(
        MeasurementOccasion occasion, int session = 0, DateTimeOffset? measuredAt = null, DateTimeOffset? endedAt = null, DateTimeOffset? now = null) =>
        MeasurementRules.PointFor(occasion, session, measuredAt ?? FirstSession, Attended, FirstSession, endedAt, now ?? Given.Now);

    [Theory]
    [InlineData(1, TherapyPhase.Initial)]
    [InlineData(3, TherapyPhase.Ending)]
    public void A_session_point_takes_the_phase_scheduling_reported(int session, TherapyPhase phase)
    {
        var point = PointFor(MeasurementOccasion.Session, session);

        point.Occasion.ShouldBe(MeasurementOccasion.Session);
        point.SessionNumber.ShouldBe(session);
        point.Phase.ShouldBe(phase);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(16)]
    public void A_session_without_recorded_attendance_is_refused(int session)
    {
        var refusal = Refusal.Of(DomainErrorKind.FailedPrecondition, () => PointFor(MeasurementOccasion.Session, session));

        refusal.Message.ShouldContain($"session {session}");
        refusal.Message.ShouldContain("attend");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_session_number_below_1_is_invalid(int session) =>
        Refusal.OfField("session_number", () => PointFor(MeasurementOccasion.Session, session)).ShouldContain("1 or more");

    [Theory]
    [InlineData(MeasurementOccasion.Assessment)]
    [InlineData(MeasurementOccasion.FollowUp)]
    public void Other_occasions_must_not_name_a_session(MeasurementOccasion occasion) =>
        Refusal.OfField("session_number", () => PointFor(occasion, 2, endedAt: Ended)).ShouldContain("must be 0");

    [Theory]
    [InlineData(89, true)]
    [InlineData(90, true)] // exactly at the window: still allowed
    [InlineData(91, false)]
    public void Session_measures_may_be_added_up_to_90_days_after_the_course_ended(int daysAfterEnd, bool allowed)
    {
        MeasurementPoint Record() => PointFor(MeasurementOccasion.Session, 2, endedAt: Ended, now: Ended.AddDays(daysAfterEnd));

        if (allowed)
        {
            Record().SessionNumber.ShouldBe(2);
        }
        else
        {
            Refusal.Of(DomainErrorKind.FailedPrecondition, () => Record()).Message.ShouldContain("90 days");
        }
    }

    [Fact]
    public void Assessment_measures_before_the_first_session_are_accepted() =>
        PointFor(MeasurementOccasion.Assessment, measuredAt: FirstSession.AddDays(-7)).ShouldBe(MeasurementPoint.Assessment);

    [Fact]
    public void Assessment_measures_at_the_first_session_start_are_accepted() =>
        PointFor(MeasurementOccasion.Assessment, measuredAt: FirstSession).ShouldBe(MeasurementPoint.Assessment);

    [Fact]
    public void Assessment_measures_after_the_first_session_started_are_refused() =>
        Refusal.OfField("measure_time", () => PointFor(MeasurementOccasion.Assessment, measuredAt: FirstSession.AddMinutes(1)))
            .ShouldContain("before treatment");

    [Fact]
    public void Assessment_measures_before_any_session_are_accepted_at_any_time() =>
        MeasurementRules.PointFor(MeasurementOccasion.Assessment, 0, Given.Now, [], null, null, Given.Now).ShouldBe(MeasurementPoint.Assessment);

    [Fact]
    public void Follow_up_on_an_open_course_is_refused() =>
        Refusal.Of(DomainErrorKind.FailedPrecondition, () => PointFor(MeasurementOccasion.FollowUp, measuredAt: Given.Now)).Message.ShouldContain("still open");

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)] // exactly at the end
    [InlineData(30, true)]
    public void Follow_up_measures_are_taken_after_the_course_ended(int daysAfterEnd, bool allowed)
    {
        MeasurementPoint Record() => PointFor(MeasurementOccasion.FollowUp, measuredAt: Ended.AddDays(daysAfterEnd), endedAt: Ended);

        if (allowed)
        {
            Record().ShouldBe(MeasurementPoint.FollowUp);
        }
        else
        {
            Refusal.OfField("measure_time", () => Record()).ShouldContain("after the course ended");
        }
    }

    [Fact]
    public void An_unknown_occasion_is_invalid() =>
        Refusal.OfField("occasion", () => PointFor((MeasurementOccasion)0));
}
