using DitCloud.Outcomes.Domain.CourseOutcomes;
using DitCloud.Outcomes.Domain.Kpis;
using DitCloud.Outcomes.Domain.Measures;

namespace DitCloud.Outcomes.Tests.Kpis;

public sealed class KpiCalculatorTests
{
    private static readonly ReportingPeriod Quarter = ReportingPeriod.Create(new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30));

    private static readonly DateOnly AsOf = new(2026, 7, 15);

    private static readonly Guid OtherPractitioner = Given.Id(102);

    /// <summary>A course that ended on <paramref name="endedOn"/> with PHQ-9 and GAD-7 at session 1 and the last session.</summary>
    private static CourseKpiRecord Ended(
        int phq9First, int gad7First, int phq9Last, int gad7Last,
        int attended = 8, DateOnly? endedOn = null, Guid? practitionerId = null) =>
        CourseKpiRecord.From(new CourseHistory(
            Given.CourseId,
            practitionerId ?? Given.PractitionerId,
            Given.ReferredOn,
            Given.Attended(attended),
            endedOn ?? new DateOnly(2026, 5, 15),
            [Given.Session(1, phq9First, gad7First), Given.Session(Math.Max(attended, 2), phq9Last, gad7Last)]));

    /// <summary>A course in treatment, referred on <paramref name="referredOn"/>, with the attended sessions on the given dates.</summary>
    private static CourseKpiRecord Started(DateOnly referredOn, DateOnly first, DateOnly? second = null, DateOnly? endedOn = null) =>
        CourseKpiRecord.From(new CourseHistory(
            Given.CourseId,
            Given.PractitionerId,
            referredOn,
            second is { } s ? [new AttendedSession(2, s), new AttendedSession(1, first)] : [new AttendedSession(1, first)],
            endedOn,
            []));

    private static ServiceKpis Compute(params CourseKpiRecord[] courses) => KpiCalculator.Compute(courses, Quarter, AsOf);

    [Fact]
    public void With_no_courses_every_rate_is_undefined()
    {
        var kpis = Compute();

        kpis.FinishedCount.ShouldBe(0);
        foreach (var rate in new[] { kpis.Recovery, kpis.ReliableImprovement, kpis.ReliableRecovery, kpis.ReliableDeterioration, kpis.StartedWithinSixWeeks, kpis.StartedWithinEighteenWeeks })
        {
            rate.ShouldBe(new Rate(0, 0));
            rate.Percent.ShouldBeNull();
        }

        kpis.RecoveryMeetsStandard.ShouldBeNull();
        kpis.MedianDaysToFirstSession.ShouldBeNull();
        kpis.SecondSessionWaitOver28Days.ShouldBe(0);
    }

    [Fact]
    public void Recovery_counts_only_those_at_caseness_at_the_start()
    {
        var kpis = Compute(
            Ended(15, 12, 5, 4),
            Ended(12, 9, 9, 7),
            Ended(14, 10, 13, 10),
            Ended(8, 6, 3, 3));

        kpis.FinishedCount.ShouldBe(4);
        kpis.Recovery.ShouldBe(new Rate(2, 3));
        kpis.Recovery.Percent.ShouldBe(66.7);
        kpis.RecoveryMeetsStandard.ShouldBe(true);
        kpis.ReliableRecovery.ShouldBe(new Rate(1, 3));
        kpis.ReliableImprovement.ShouldBe(new Rate(1, 4));
        kpis.ReliableDeterioration.ShouldBe(new Rate(0, 4));
    }

    [Fact]
    public void When_no_one_finished_at_caseness_recovery_is_undefined_but_improvement_is_not()
    {
        var kpis = Compute(Ended(8, 6, 2, 1), Ended(9, 7, 15, 7));

        kpis.Recovery.ShouldBe(new Rate(0, 0));
        kpis.Recovery.Percent.ShouldBeNull();
        kpis.RecoveryMeetsStandard.ShouldBeNull();
        kpis.ReliableImprovement.ShouldBe(new Rate(1, 2));
        kpis.ReliableDeterioration.ShouldBe(new Rate(1, 2));
        kpis.ReliableDeterioration.Percent.ShouldBe(50.0);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void Courses_ending_before_two_attended_sessions_are_not_finished(int attended, bool counted) =>
        Compute(Ended(15, 12, 5, 4, attended)).FinishedCount.ShouldBe(counted ? 1 : 0);

    [Theory]
    [InlineData(2026, 3, 31, false)]
    [InlineData(2026, 4, 1, true)]
    [InlineData(2026, 6, 30, true)]
    [InlineData(2026, 7, 1, false)]
    public void Outcomes_count_in_the_period_the_course_ended(int year, int month, int day, bool counted) =>
        Compute(Ended(15, 12, 5, 4, endedOn: new DateOnly(year, month, day))).FinishedCount.ShouldBe(counted ? 1 : 0);

    [Fact]
    public void Open_courses_are_not_in_the_outcome_rates()
    {
        var open = CourseKpiRecord.From(Given.Course(8, ended: false, Given.Session(1, 15, 12), Given.Session(8, 3, 2)));

        Compute(open).FinishedCount.ShouldBe(0);
    }

    [Fact]
    public void Figures_can_be_for_one_practitioner()
    {
        var courses = new[] { Ended(15, 12, 5, 4), Ended(15, 12, 14, 12, practitionerId: OtherPractitioner) };

        KpiCalculator.Compute(courses, Quarter, AsOf, Given.PractitionerId).Recovery.ShouldBe(new Rate(1, 1));
        KpiCalculator.Compute(courses, Quarter, AsOf, OtherPractitioner).Recovery.ShouldBe(new Rate(0, 1));
        KpiCalculator.Compute(courses, Quarter, AsOf).Recovery.ShouldBe(new Rate(1, 2));
    }

    [Fact]
    public void By_practitioner_gives_each_their_own_figures()
    {
        var byPractitioner = KpiCalculator.ByPractitioner([Ended(15, 12, 5, 4), Ended(15, 12, 14, 12, practitionerId: OtherPractitioner)], Quarter, AsOf);

        byPractitioner.Keys.ShouldBe([Given.PractitionerId, OtherPractitioner], ignoreOrder: true);
        byPractitioner[OtherPractitioner].PractitionerId.ShouldBe(OtherPractitioner);
        byPractitioner[OtherPractitioner].Recovery.ShouldBe(new Rate(0, 1));
    }

    [Theory]
    [InlineData(42, true, true)]
    [InlineData(43, false, true)]
    [InlineData(126, false, true)]
    [InlineData(127, false, false)]
    public void Waits_count_6_and_18_weeks_from_referral_to_the_first_session(int days, bool withinSix, bool withinEighteen)
    {
        var first = new DateOnly(2026, 5, 1);

        var kpis = Compute(Started(first.AddDays(-days), first));

        kpis.StartedCount.ShouldBe(1);
        kpis.StartedWithinSixWeeks.ShouldBe(new Rate(withinSix ? 1 : 0, 1));
        kpis.StartedWithinEighteenWeeks.ShouldBe(new Rate(withinEighteen ? 1 : 0, 1));
        kpis.MedianDaysToFirstSession.ShouldBe(days);
    }

    [Fact]
    public void Waits_count_courses_whose_first_session_is_in_the_period()
    {
        var kpis = Compute(
            Started(new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 31)),
            Started(new DateOnly(2026, 2, 1), new DateOnly(2026, 4, 1)),
            Started(new DateOnly(2026, 5, 1), new DateOnly(2026, 7, 1)));

        kpis.StartedCount.ShouldBe(1);
        kpis.MedianDaysToFirstSession.ShouldBe(59);
    }

    [Fact]
    public void Courses_not_yet_started_have_no_wait() =>
        Compute(CourseKpiRecord.From(Given.Course(0, ended: false))).StartedCount.ShouldBe(0);

    [Fact]
    public void The_median_wait_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        var first = new DateOnly(2026, 5, 1);

        var kpis = Compute(
            Started(first.AddDays(-10), first),
            Started(first.AddDays(-40), first),
            Started(first.AddDays(-21), first),
            Started(first.AddDays(-130), first));

        kpis.MedianDaysToFirstSession.ShouldBe(30.5);
        kpis.StartedWithinSixWeeks.ShouldBe(new Rate(3, 4));
        kpis.SixWeekWaitMeetsStandard.ShouldBe(true);
        kpis.EighteenWeekWaitMeetsStandard.ShouldBe(false);
    }

    [Theory]
    [InlineData(28, false, false)]
    [InlineData(29, true, false)]
    [InlineData(90, true, false)]
    [InlineData(91, true, true)]
    public void The_wait_from_first_to_second_session_is_watched_over_28_and_90_days(int days, bool over28, bool over90)
    {
        var first = new DateOnly(2026, 4, 1);

        var kpis = Compute(Started(first.AddDays(-20), first, first.AddDays(days)));

        kpis.SecondSessionWaitOver28Days.ShouldBe(over28 ? 1 : 0);
        kpis.SecondSessionWaitOver90Days.ShouldBe(over90 ? 1 : 0);
    }

    [Theory]
    [InlineData(28, false)]
    [InlineData(29, true)]
    public void A_second_session_still_awaited_is_a_running_wait(int daysSinceFirst, bool over28)
    {
        var first = AsOf.AddDays(-daysSinceFirst);

        Compute(Started(first.AddDays(-20), first)).SecondSessionWaitOver28Days.ShouldBe(over28 ? 1 : 0);
    }

    [Fact]
    public void A_course_that_ended_after_one_session_has_no_second_session_wait()
    {
        var first = new DateOnly(2026, 4, 1);

        Compute(Started(first.AddDays(-20), first, endedOn: first.AddDays(60))).SecondSessionWaitOver28Days.ShouldBe(0);
    }

    [Fact]
    public void Course_records_take_the_first_two_attended_dates_in_date_order()
    {
        var record = Started(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 8));

        record.FirstSessionOn.ShouldBe(new DateOnly(2026, 4, 1));
        record.SecondSessionOn.ShouldBe(new DateOnly(2026, 4, 8));
        record.DaysToFirstSession.ShouldBe(31);
        record.DaysFirstToSecondSession(AsOf).ShouldBe(7);
    }
}
