using DitCloud.Outcomes.V1;
using Grpc.Core;

namespace DitCloud.Outcomes.Api.Tests;

public sealed class CourseOutcomeTests(OutcomesServiceFixture fixture) : IClassFixture<OutcomesServiceFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>One course through the API: attended sessions with PHQ-9 / GAD-7 at the first and last, then the end (or not).</summary>
    public sealed record Case(
        string Name, int Attended, (int? Phq9, int? Gad7) First, (int? Phq9, int? Gad7)? Last, bool Ended,
        bool? Finished, bool? Recovered, bool? ReliableImprovement, bool? ReliableDeterioration, bool? ReliableRecovery)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases => new()
    {
        new Case("recovered: at caseness at the start, one below each threshold at the end", 2, (10, 8), (9, 7), true, true, true, false, false, false),
        new Case("still at caseness: PHQ-9 exactly 10 at the end", 2, (16, 5), (10, 5), true, true, false, true, false, false),
        new Case("reliable recovery: recovered with a fall of exactly 6 on PHQ-9", 3, (15, 12), (9, 7), true, true, true, true, false, true),
        new Case("reliable deterioration: GAD-7 up by exactly 4", 2, (12, 5), (12, 9), true, true, false, false, true, false),
        new Case("a fall of 5 on PHQ-9 and 3 on GAD-7 is not reliable", 2, (15, 10), (10, 7), true, true, false, false, false, false),
        new Case("improved on PHQ-9 but deteriorated on GAD-7: not reliable improvement", 2, (18, 4), (12, 8), true, true, false, false, true, false),
        new Case("not at caseness at the start: excluded from recovery", 2, (9, 7), (3, 2), true, true, null, true, false, null),
        new Case("one attended session: not finished, not classified", 1, (15, 12), null, true, false, null, null, null, null),
        new Case("open course: provisional, nothing classified", 3, (15, 12), (5, 4), false, null, null, null, null, null),
        new Case("PHQ-9 taken once only: still at caseness at the end", 2, (15, null), null, true, true, false, false, false, false),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_course_outcome_follows_the_NHS_Talking_Therapies_rules(Case @case)
    {
        var course = await TestCourse.CreateAsync(fixture);
        var sessions = Enumerable.Range(1, @case.Attended).ToArray();
        await course.AttendAsync(sessions);
        await course.RecordAsync(1, @case.First.Phq9, @case.First.Gad7);
        if (@case.Last is { } last) await course.RecordAsync(@case.Attended, last.Phq9, last.Gad7);
        if (@case.Ended) await course.CompleteAsync();

        var outcome = await course.OutcomeAsync();

        outcome.Status.ShouldBe(@case.Ended ? OutcomeStatus.Final : OutcomeStatus.Provisional);
        outcome.SessionsAttended.ShouldBe(@case.Attended);
        Optional(outcome.HasFinishedTreatment, outcome.FinishedTreatment).ShouldBe(@case.Finished, "finished treatment");
        Optional(outcome.HasRecovered, outcome.Recovered).ShouldBe(@case.Recovered, "recovered");
        Optional(outcome.HasReliableImprovement, outcome.ReliableImprovement).ShouldBe(@case.ReliableImprovement, "reliable improvement");
        Optional(outcome.HasReliableDeterioration, outcome.ReliableDeterioration).ShouldBe(@case.ReliableDeterioration, "reliable deterioration");
        Optional(outcome.HasReliableRecovery, outcome.ReliableRecovery).ShouldBe(@case.ReliableRecovery, "reliable recovery");
        outcome.First.Phq9Total.ShouldBe(@case.First.Phq9 ?? 0);
        outcome.First.HasPhq9Total.ShouldBe(@case.First.Phq9 is not null);
    }

    [Fact]
    public async Task First_and_last_scores_come_with_caseness_and_bands()
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.TreatAsync(4, first: (20, 15), last: (4, 4));
        await course.CompleteAsync();

        var outcome = await course.OutcomeAsync();

        outcome.MeasureCount.ShouldBe(4);
        (outcome.First.Phq9Total, outcome.First.Phq9Severity, outcome.First.Caseness).ShouldBe((20, Phq9Severity.Severe, true));
        (outcome.Last.Gad7Total, outcome.Last.Gad7Severity, outcome.Last.Caseness).ShouldBe((4, Gad7Severity.Minimal, false));
        outcome.PractitionerId.ShouldBe(course.PractitionerId.ToString());
        outcome.MeasureGaps.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_course_without_measures_has_no_outcome_yet()
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.AttendAsync(1);

        (await Refused.With(StatusCode.NotFound, course.OutcomeAsync)).Status.Detail.ShouldContain("no measures");
        await Refused.With(StatusCode.NotFound, () => fixture.Practitioner(course.PractitionerId)
            .GetCourseOutcomeAsync(new GetCourseOutcomeRequest { CourseId = Guid.NewGuid().ToString() }, cancellationToken: Cancel).ResponseAsync);
        (await Refused.Fields(() => fixture.Practitioner(course.PractitionerId)
            .GetCourseOutcomeAsync(new GetCourseOutcomeRequest { CourseId = "course-1" }, cancellationToken: Cancel).ResponseAsync)).ShouldBe(["course_id"]);
    }

    [Fact]
    public async Task Attended_sessions_without_their_measures_are_flagged()
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.AttendAsync(1, 2, 3);
        await course.MissAsync(4);
        await course.RecordAsync(1, phq9: 14, gad7: 10);
        await course.RecordAsync(3, phq9: 12, wsas: 15);

        var gaps = (await course.OutcomeAsync()).MeasureGaps;

        gaps.Select(g => (g.SessionNumber, g.NothingRecorded, string.Join(",", g.Missing))).ShouldBe(
        [
            (2, true, $"{Questionnaire.Phq9},{Questionnaire.Gad7}"),
            (3, false, $"{Questionnaire.Gad7}"),
        ]);
    }

    [Fact]
    public async Task A_practitioner_lists_their_courses_with_gaps()
    {
        var practitioner = Guid.CreateVersion7();
        var withGap = await TestCourse.CreateAsync(fixture, practitioner);
        var complete = await TestCourse.CreateAsync(fixture, practitioner);
        var another = await TestCourse.CreateAsync(fixture, practitioner);
        await withGap.AttendAsync(1, 2);
        await withGap.RecordAsync(1, phq9: 10, gad7: 8);
        await complete.AttendAsync(1);
        await complete.RecordAsync(1, phq9: 10, gad7: 8);
        await another.AttendAsync(1);
        var client = fixture.Practitioner(practitioner);

        var seen = new List<(string Course, int Session)>();
        var request = new ListMeasureGapsRequest { PageSize = 1 };
        do
        {
            var page = await client.ListMeasureGapsAsync(request, cancellationToken: Cancel);
            seen.AddRange(page.Courses.SelectMany(c => c.Gaps.Select(g => (c.CourseId, g.SessionNumber))));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        seen.OrderBy(s => s.Course).ShouldBe(new[] { (withGap.Id.ToString(), 2), (another.Id.ToString(), 1) }.OrderBy(s => s.Item1));

        // Filling the gap takes the course off the list.
        await withGap.RecordAsync(2, phq9: 9, gad7: 7);
        (await client.ListMeasureGapsAsync(new ListMeasureGapsRequest(), cancellationToken: Cancel)).Courses.Select(c => c.CourseId).ShouldBe([another.Id.ToString()]);

        await Refused.With(StatusCode.PermissionDenied, () => fixture.Practitioner(Guid.CreateVersion7())
            .ListMeasureGapsAsync(new ListMeasureGapsRequest { PractitionerId = practitioner.ToString() }, cancellationToken: Cancel).ResponseAsync);
        (await fixture.Practitioner(Guid.CreateVersion7(), roles: DitCloud.ServiceDefaults.Security.Roles.Supervisor)
            .ListMeasureGapsAsync(new ListMeasureGapsRequest { PractitionerId = practitioner.ToString() }, cancellationToken: Cancel)).Courses.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Events_arriving_before_the_course_was_created_are_kept_and_completed_by_it()
    {
        var late = await TestCourse.CreateWithoutEventsAsync(fixture, firstSessionAt: TestCourse.DaysAgo(20));
        // SessionAttended and CourseCompleted before CourseCreated and PractitionerAssigned (they travel on other queues).
        await late.AttendAsync(1, 2);
        await late.CompleteAsync();
        await late.CreatedAsync();
        await late.AssignedAsync(late.PractitionerId);
        await late.RecordAsync(1, phq9: 12, gad7: 9);

        var outcome = await late.OutcomeAsync();

        outcome.Status.ShouldBe(OutcomeStatus.Final);
        outcome.FinishedTreatment.ShouldBeTrue();
        (await fixture.ScalarAsync<DateTime>("SELECT referred_on::timestamp FROM courses WHERE id = $1", late.Id))
            .ShouldBe(late.ReferredAt.UtcDateTime.Date);
    }

    private static bool? Optional(bool has, bool value) => has ? value : null;
}
