using DitCloud.Outcomes.V1;
using DitCloud.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using V1 = DitCloud.Outcomes.V1;

namespace DitCloud.Outcomes.Api.Tests;

public sealed class KpiTests(OutcomesServiceFixture fixture) : IClassFixture<OutcomesServiceFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Day(int daysAgo) => TestCourse.DaysAgo(daysAgo).ToString("yyyy-MM-dd");

    private static GetKpisRequest Period(int fromDaysAgo, int toDaysAgo, Guid? practitioner = null) => new()
    {
        StartDate = Day(fromDaysAgo),
        EndDate = Day(toDaysAgo),
        PractitionerId = practitioner?.ToString() ?? "",
    };

    private async Task<TestCourse> FinishedAsync(Guid practitioner, (int, int) first, (int, int) last, int endedDaysAgo)
    {
        var course = await TestCourse.CreateAsync(fixture, practitioner, TestCourse.DaysAgo(60));
        await course.TreatAsync(2, first, last);
        await course.CompleteAsync(TestCourse.DaysAgo(endedDaysAgo));
        return course;
    }

    [Fact]
    public async Task Outcome_rates_count_the_courses_that_finished_in_the_period()
    {
        var practitioner = Guid.CreateVersion7();
        await FinishedAsync(practitioner, (15, 12), (5, 4), endedDaysAgo: 40);   // recovered, reliably
        await FinishedAsync(practitioner, (15, 12), (14, 11), endedDaysAgo: 45); // no change; on the period's first day
        await FinishedAsync(practitioner, (9, 7), (3, 2), endedDaysAgo: 35);     // not at caseness at the start; on its last day
        await FinishedAsync(practitioner, (15, 12), (5, 4), endedDaysAgo: 46);   // the day before the period
        var notFinished = await TestCourse.CreateAsync(fixture, practitioner, TestCourse.DaysAgo(60));
        await notFinished.TreatAsync(1, (15, 12), (15, 12));
        await notFinished.CompleteAsync(TestCourse.DaysAgo(40));              // one session: not finished

        var kpis = (await fixture.Practitioner(practitioner).GetKpisAsync(Period(45, 35, practitioner), cancellationToken: Cancel)).Kpis;

        kpis.StartDate.ShouldBe(Day(45));
        kpis.PractitionerId.ShouldBe(practitioner.ToString());
        kpis.FinishedCount.ShouldBe(3);
        (kpis.Recovery.Numerator, kpis.Recovery.Denominator, kpis.Recovery.Percent).ShouldBe((1, 2, 50.0));
        kpis.RecoveryMeetsStandard.ShouldBeTrue(); // exactly the 50% standard
        (kpis.ReliableImprovement.Numerator, kpis.ReliableImprovement.Denominator).ShouldBe((2, 3));
        (kpis.ReliableRecovery.Numerator, kpis.ReliableRecovery.Denominator).ShouldBe((1, 2));
        (kpis.ReliableDeterioration.Numerator, kpis.ReliableDeterioration.Denominator, kpis.ReliableDeterioration.Percent).ShouldBe((0, 3, 0.0));
        kpis.StartedCount.ShouldBe(0); // they all started before the period
        kpis.WaitedWithin6Weeks.HasPercent.ShouldBeFalse();
        kpis.HasWaitedWithin6WeeksMeetsStandard.ShouldBeFalse();
    }

    [Fact]
    public async Task Waits_count_the_courses_that_started_treatment_in_the_period()
    {
        var practitioner = Guid.CreateVersion7();
        foreach (var daysWaited in new[] { 42, 43, 126, 127 })
        {
            var course = await TestCourse.CreateAsync(fixture, practitioner, TestCourse.DaysAgo(20), daysWaited);
            await course.AttendAsync(1);
        }

        var stillWaitingForSession2 = await TestCourse.CreateAsync(fixture, practitioner, TestCourse.DaysAgo(40), daysWaited: 10);
        await stillWaitingForSession2.AttendAsync(1);

        var kpis = (await fixture.Practitioner(practitioner).GetKpisAsync(Period(45, 0, practitioner), cancellationToken: Cancel)).Kpis;

        kpis.StartedCount.ShouldBe(5);
        (kpis.WaitedWithin6Weeks.Numerator, kpis.WaitedWithin6Weeks.Denominator, kpis.WaitedWithin6Weeks.Percent).ShouldBe((2, 5, 40.0)); // 10 and exactly 42 days
        (kpis.WaitedWithin18Weeks.Numerator, kpis.WaitedWithin18Weeks.Denominator).ShouldBe((4, 5)); // all but 127 days
        kpis.WaitedWithin6WeeksMeetsStandard.ShouldBeFalse();
        kpis.WaitedWithin18WeeksMeetsStandard.ShouldBeFalse();
        kpis.MedianWait.ToTimeSpan().ShouldBe(TimeSpan.FromDays(43));
        kpis.SecondSessionWaitOver28Days.ShouldBe(1); // 40 days and counting
        kpis.SecondSessionWaitOver90Days.ShouldBe(0);
        kpis.FinishedCount.ShouldBe(0);
    }

    [Fact]
    public async Task Did_not_attend_counts_missed_sessions_over_sessions_due()
    {
        var practitioner = Guid.CreateVersion7();
        var course = await TestCourse.CreateAsync(fixture, practitioner, TestCourse.DaysAgo(30));
        await course.AttendAsync(1, 2, 3);
        await course.MissAsync(4);

        var kpis = (await fixture.Practitioner(practitioner).GetKpisAsync(Period(35, 0, practitioner), cancellationToken: Cancel)).Kpis;

        (kpis.DidNotAttend.Numerator, kpis.DidNotAttend.Denominator, kpis.DidNotAttend.Percent).ShouldBe((1, 4, 25.0));
    }

    [Fact]
    public async Task Supervisors_see_the_figures_by_practitioner()
    {
        var (one, two) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await FinishedAsync(one, (15, 12), (5, 4), endedDaysAgo: 10);
        await FinishedAsync(two, (15, 12), (14, 11), endedDaysAgo: 10);
        var request = Period(12, 8);
        request.ByPractitioner = true;

        var response = await fixture.Practitioner(Guid.CreateVersion7(), roles: Roles.Supervisor).GetKpisAsync(request, cancellationToken: Cancel);

        response.Kpis.PractitionerId.ShouldBeEmpty();
        response.Kpis.FinishedCount.ShouldBeGreaterThanOrEqualTo(2);
        var byPractitioner = response.PractitionerKpis.ToDictionary(k => k.PractitionerId);
        byPractitioner[one.ToString()].Recovery.Numerator.ShouldBe(1);
        byPractitioner[two.ToString()].Recovery.Numerator.ShouldBe(0);
        byPractitioner[two.ToString()].Recovery.Denominator.ShouldBe(1);
    }

    [Fact]
    public async Task Who_may_see_which_figures()
    {
        var practitioner = Guid.CreateVersion7();
        await FinishedAsync(practitioner, (15, 12), (5, 4), endedDaysAgo: 10);
        var someone = fixture.Practitioner(Guid.CreateVersion7());

        (await someone.GetKpisAsync(Period(30, 0), cancellationToken: Cancel)).Kpis.FinishedCount.ShouldBeGreaterThanOrEqualTo(1);
        await Refused.With(StatusCode.PermissionDenied, () => someone.GetKpisAsync(Period(30, 0, practitioner), cancellationToken: Cancel).ResponseAsync);
        var breakdown = Period(30, 0);
        breakdown.ByPractitioner = true;
        await Refused.With(StatusCode.PermissionDenied, () => someone.GetKpisAsync(breakdown, cancellationToken: Cancel).ResponseAsync);
        var admin = fixture.Practitioner(Guid.CreateVersion7(), roles: Roles.Admin);
        (await admin.GetKpisAsync(Period(30, 0, practitioner), cancellationToken: Cancel)).Kpis.FinishedCount.ShouldBe(1);
        await Refused.With(StatusCode.NotFound, () => admin.GetKpisAsync(Period(30, 0, Guid.CreateVersion7()), cancellationToken: Cancel).ResponseAsync);
    }

    [Theory]
    [InlineData("2026-01-01", "2026-02-30", "end_date")]
    [InlineData("1 Jan 2026", "2026-02-01", "start_date")]
    [InlineData("2026-02-01", "2026-01-31", "end_date")] // end before start
    [InlineData("2024-01-01", "2025-01-01", "end_date")] // 367 days, both ends included: one over the longest
    public async Task A_bad_period_is_refused_naming_the_field(string start, string end, string field) =>
        (await Refused.Fields(() => fixture.Practitioner(Guid.CreateVersion7())
            .GetKpisAsync(new GetKpisRequest { StartDate = start, EndDate = end }, cancellationToken: Cancel).ResponseAsync)).ShouldBe([field]);

    [Fact]
    public async Task A_period_of_exactly_366_days_is_accepted() =>
        (await fixture.Practitioner(Guid.CreateVersion7())
            .GetKpisAsync(new GetKpisRequest { StartDate = "2024-01-01", EndDate = "2024-12-31" }, cancellationToken: Cancel)).Kpis.EndDate.ShouldBe("2024-12-31");

    [Fact]
    public async Task A_dashboard_stream_gets_the_figures_then_each_change()
    {
        var practitioner = Guid.CreateVersion7();
        var course = await TestCourse.CreateAsync(fixture, practitioner, TestCourse.DaysAgo(30));
        await course.TreatAsync(2, (15, 12), (5, 4));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        using var call = fixture.Practitioner(practitioner).WatchKpis(new WatchKpisRequest
        {
            StartDate = Day(35),
            EndDate = Day(0),
            PractitionerId = practitioner.ToString(),
            MinInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)),
        }, cancellationToken: timeout.Token);

        (await Next(call, timeout.Token)).FinishedCount.ShouldBe(0);

        await course.CompleteAsync(TestCourse.DaysAgo(1));

        var changed = await Next(call, timeout.Token);
        changed.FinishedCount.ShouldBe(1);
        (changed.Recovery.Numerator, changed.Recovery.Denominator).ShouldBe((1, 1));
    }

    [Fact]
    public async Task A_stream_on_another_replica_sees_a_change_committed_here_through_Redis()
    {
        var practitioner = Guid.CreateVersion7();
        var course = await TestCourse.CreateAsync(fixture, practitioner, TestCourse.DaysAgo(30));
        await course.AttendAsync(1, 2);
        await course.CompleteAsync(TestCourse.DaysAgo(1));
        // The other replica never refreshes on its own within the test: only a notice can wake it.
        var other = await fixture.StartReplicaAsync(new Dictionary<string, string?> { ["Outcomes:KpiRefreshInterval"] = "01:00:00" });
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        using var call = fixture.Practitioner(practitioner, other).WatchKpis(new WatchKpisRequest
        {
            StartDate = Day(35),
            EndDate = Day(0),
            PractitionerId = practitioner.ToString(),
            MinInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)),
        }, cancellationToken: timeout.Token);
        var before = await Next(call, timeout.Token);
        (before.FinishedCount, before.Recovery.Denominator).ShouldBe((1, 0)); // finished, but no measures: no caseness to count

        await course.RecordAsync(1, phq9: 15, gad7: 12); // on the first replica
        await course.RecordAsync(2, phq9: 5, gad7: 4);

        // The first set alone may be streamed first (at caseness, not yet recovered): wait for both.
        var after = await Eventually.Until(() => Next(call, timeout.Token), kpis => kpis.Recovery is { Denominator: 1, Numerator: 1 }, "recovery counted on the other replica");
        (after.Recovery.Numerator, after.Recovery.Denominator).ShouldBe((1, 1));
    }

    [Fact]
    public async Task A_stream_interval_outside_1_second_to_1_hour_is_refused()
    {
        var client = fixture.Practitioner(Guid.CreateVersion7());
        foreach (var interval in new[] { TimeSpan.FromMilliseconds(999), TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1) })
        {
            using var call = client.WatchKpis(new WatchKpisRequest { StartDate = Day(10), EndDate = Day(0), MinInterval = Duration.FromTimeSpan(interval) }, cancellationToken: Cancel);
            (await Refused.Fields(() => call.ResponseStream.MoveNext(Cancel))).ShouldBe(["min_interval"]);
        }
    }

    private static async Task<V1.Kpis> Next(AsyncServerStreamingCall<WatchKpisResponse> call, CancellationToken cancellationToken)
    {
        (await call.ResponseStream.MoveNext(cancellationToken)).ShouldBeTrue("the stream ended");
        return call.ResponseStream.Current.Kpis;
    }
}
