using DitCloud.Contracts.Events.V1;
using DitCloud.Outcomes.V1;
using DitCloud.ServiceDefaults.Security;
using DitCloud.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Npgsql;
using MeasurementOccasion = DitCloud.Outcomes.V1.MeasurementOccasion;

namespace DitCloud.Outcomes.Api.Tests;

public sealed class MeasureRecordingTests(OutcomesServiceFixture fixture) : IClassFixture<OutcomesServiceFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Records_PHQ9_GAD7_and_WSAS_against_an_attended_session_with_totals_bands_and_caseness()
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.AttendAsync(1);

        var response = await course.RecordAsync(1, phq9: 15, gad7: 8, wsas: 21);

        var set = response.MeasureSet;
        set.CourseId.ShouldBe(course.Id.ToString());
        set.Occasion.ShouldBe(MeasurementOccasion.Session);
        set.SessionNumber.ShouldBe(1);
        set.Version.ShouldBe(1);
        set.RecordedBy.ShouldBe($"clinician:{course.PractitionerId}");
        set.Phq9.Items.ShouldBe(Items.Phq9(15));
        set.Scores.Phq9Total.ShouldBe(15);
        set.Scores.Phq9Severity.ShouldBe(Phq9Severity.ModeratelySevere);
        set.Scores.Phq9Caseness.ShouldBeTrue();
        set.Scores.Gad7Total.ShouldBe(8);
        set.Scores.Gad7Severity.ShouldBe(Gad7Severity.Mild);
        set.Scores.Gad7Caseness.ShouldBeTrue(); // exactly at the GAD-7 threshold
        set.Scores.WsasTotal.ShouldBe(21);
        set.Scores.WsasImpairment.ShouldBe(WsasImpairment.ModeratelySevereOrWorse);
        set.Scores.Caseness.ShouldBeTrue();
        response.RiskFlags.ShouldBeEmpty();

        var published = await fixture.PublishedAsync<MeasuresRecorded>(e => e.MeasureSetId.ToString() == set.MeasureSetId, "MeasuresRecorded");
        published.CourseId.ShouldBe(course.Id);
        published.SessionNumber.ShouldBe(1);
        published.Measures.ShouldBe(MeasuresTaken.Phq9 | MeasuresTaken.Gad7 | MeasuresTaken.Wsas);
    }

    [Fact]
    public async Task One_questionnaire_alone_is_enough()
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.AttendAsync(1);

        var set = (await course.RecordAsync(1, gad7: 7)).MeasureSet;

        set.Scores.HasPhq9Total.ShouldBeFalse();
        set.Scores.Phq9Severity.ShouldBe(Phq9Severity.Unspecified);
        set.Scores.Gad7Total.ShouldBe(7);
        set.Scores.Gad7Caseness.ShouldBeFalse(); // one below the threshold
        set.Scores.Caseness.ShouldBeFalse();
    }

    public static TheoryData<string, int[]?, int[]?, int[]?, bool, string> BadItems => new()
    {
        { "PHQ-9 missing item 9", [1, 1, 1, 1, 1, 1, 1, 1], null, null, false, "phq9.items[8]" },
        { "PHQ-9 item 4 above 3", [1, 1, 1, 4, 1, 1, 1, 1, 1], null, null, false, "phq9.items[3]" },
        { "PHQ-9 with 10 scores", [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], null, null, false, "phq9.items" },
        { "GAD-7 item 1 below 0", null, [-1, 1, 1, 1, 1, 1, 1], null, false, "gad7.items[0]" },
        { "GAD-7 with no items", null, [], null, false, "gad7.items[6]" },
        { "WSAS item 3 above 8", null, null, [1, 1, 9, 1, 1], false, "wsas.items[2]" },
        { "WSAS work item scored while not applicable", null, null, [3, 1, 1, 1, 1], true, "wsas.items[0]" },
    };

    [Theory]
    [MemberData(nameof(BadItems))]
    public async Task A_bad_item_is_refused_naming_the_item(string why, int[]? phq9, int[]? gad7, int[]? wsas, bool workItemNotApplicable, string field)
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.AttendAsync(1);
        var request = course.Request(1);
        if (phq9 is not null) request.Phq9 = new Phq9 { Items = { phq9 } };
        if (gad7 is not null) request.Gad7 = new Gad7 { Items = { gad7 } };
        if (wsas is not null) request.Wsas = new Wsas { Items = { wsas }, WorkItemNotApplicable = workItemNotApplicable };

        var fields = await Refused.Fields(() => course.Client.RecordMeasuresAsync(request, cancellationToken: Cancel).ResponseAsync);

        fields.ShouldContain(field, why);
        (await fixture.ScalarAsync<long>("SELECT count(*) FROM measure_sets WHERE course_id = $1", course.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task Every_bad_item_of_every_questionnaire_is_named_at_once()
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.AttendAsync(1);
        var request = course.Request(1);
        request.Phq9 = new Phq9 { Items = { 0, 0, 0, 0, 0, 0, 0, 0, 5 } };
        request.Gad7 = new Gad7 { Items = { 0, 0, 0, 0, 0, 0 } };

        var fields = await Refused.Fields(() => course.Client.RecordMeasuresAsync(request, cancellationToken: Cancel).ResponseAsync);

        fields.ShouldBe(["phq9.items[8]", "gad7.items[6]"]);
    }

    [Fact]
    public async Task Measures_without_any_questionnaire_are_refused()
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.AttendAsync(1);

        (await Refused.Fields(() => course.RecordAsync(1))).ShouldBe(["phq9"]);
    }

    [Fact]
    public async Task The_request_shape_is_checked_field_by_field()
    {
        var client = fixture.Practitioner(Guid.CreateVersion7());

        var fields = await Refused.Fields(() => client.RecordMeasuresAsync(new RecordMeasuresRequest
        {
            RequestId = "not-a-uuid",
            Occasion = MeasurementOccasion.Unspecified,
        }, cancellationToken: Cancel).ResponseAsync);

        fields.ShouldBe(["request_id", "course_id", "occasion", "measure_time"]);
    }

    [Fact]
    public async Task Measures_in_the_future_are_refused()
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.AttendAsync(1);
        var request = course.Request(1, phq9: 10);
        request.MeasureTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(10));

        (await Refused.Fields(() => course.Client.RecordMeasuresAsync(request, cancellationToken: Cancel).ResponseAsync)).ShouldBe(["measure_time"]);
    }

    [Fact]
    public async Task An_unknown_course_is_not_found()
    {
        var client = fixture.Practitioner(Guid.CreateVersion7());
        var request = new RecordMeasuresRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            CourseId = Guid.NewGuid().ToString(),
            Occasion = MeasurementOccasion.Session,
            SessionNumber = 1,
            MeasureTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)),
            Phq9 = new Phq9 { Items = { Items.Phq9(10) } },
        };

        await Refused.With(StatusCode.NotFound, () => client.RecordMeasuresAsync(request, cancellationToken: Cancel).ResponseAsync);
    }

    [Fact]
    public async Task Session_measures_need_the_session_attended_first_and_take_its_phase_from_scheduling()
    {
        var course = await TestCourse.CreateAsync(fixture);

        var failure = await Refused.With(StatusCode.FailedPrecondition, () => course.RecordAsync(13, phq9: 9));
        failure.Status.Detail.ShouldContain("session 13");

        await course.AttendAsync(13);
        var set = (await course.RecordAsync(13, phq9: 9)).MeasureSet;
        set.SessionNumber.ShouldBe(13);
    }

    [Fact]
    public async Task A_missed_session_takes_no_measures_and_a_corrected_attendance_does()
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.MissAsync(2);
        await Refused.With(StatusCode.FailedPrecondition, () => course.RecordAsync(2, phq9: 9));

        // Scheduling corrects the code: attended after all (a later report wins).
        await fixture.PublishAsync(new SessionAttended(Guid.CreateVersion7(), course.SessionAt(2).AddHours(3), course.AppointmentFor(2), course.Id,
            2, TestCourse.PhaseOf(2), course.PractitionerId, null, AttendanceCode.ArrivedLateSeen, course.SessionAt(2)));

        (await course.RecordAsync(2, phq9: 9)).MeasureSet.SessionNumber.ShouldBe(2);
    }

    [Fact]
    public async Task A_repeated_request_returns_the_same_set_and_records_nothing_more()
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.AttendAsync(1);
        var request = course.Request(1, phq9: 12, gad7: 9);

        var first = await course.Client.RecordMeasuresAsync(request, cancellationToken: Cancel);
        var again = await course.Client.RecordMeasuresAsync(request, cancellationToken: Cancel);

        again.MeasureSet.MeasureSetId.ShouldBe(first.MeasureSet.MeasureSetId);
        (await fixture.ScalarAsync<long>("SELECT count(*) FROM measure_sets WHERE course_id = $1", course.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task A_request_id_reused_for_other_measures_is_refused()
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.AttendAsync(1, 2);
        var request = course.Request(1, phq9: 12);
        await course.Client.RecordMeasuresAsync(request, cancellationToken: Cancel);

        var other = course.Request(2, phq9: 11);
        other.RequestId = request.RequestId;

        (await Refused.With(StatusCode.AlreadyExists, () => course.Client.RecordMeasuresAsync(other, cancellationToken: Cancel).ResponseAsync))
            .Status.Detail.ShouldContain("request_id");
    }

    [Fact]
    public async Task Measures_already_recorded_for_a_session_are_never_overwritten()
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.AttendAsync(1);
        var first = (await course.RecordAsync(1, phq9: 12)).MeasureSet;

        var failure = await Refused.With(StatusCode.AlreadyExists, () => course.RecordAsync(1, phq9: 3));

        failure.Status.Detail.ShouldContain(first.MeasureSetId);
        failure.Status.Detail.ShouldContain("AmendMeasures");
        (await fixture.ScalarAsync<int>("SELECT phq9_total FROM measure_sets WHERE course_id = $1", course.Id)).ShouldBe(12);
    }

    [Fact]
    public async Task A_correction_is_a_new_version_and_the_recorded_one_is_kept()
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.AttendAsync(1);
        var recorded = (await course.RecordAsync(1, phq9: 14, gad7: 9)).MeasureSet;

        var corrected = (await course.Client.AmendMeasuresAsync(new AmendMeasuresRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            MeasureSetId = recorded.MeasureSetId,
            Reason = "PHQ-9 item 2 was entered in item 1's box",
            MeasureTime = recorded.MeasureTime,
            Phq9 = new Phq9 { Items = { Items.Phq9(12) } },
            Gad7 = new Gad7 { Items = { Items.Gad7(9) } },
        }, cancellationToken: Cancel)).MeasureSet;

        corrected.Version.ShouldBe(2);
        corrected.CorrectsMeasureSetId.ShouldBe(recorded.MeasureSetId);
        corrected.Scores.Phq9Total.ShouldBe(12);

        var history = (await course.Client.GetMeasureSetHistoryAsync(new GetMeasureSetHistoryRequest { MeasureSetId = corrected.MeasureSetId }, cancellationToken: Cancel)).Versions;
        history.Select(v => (v.Version, v.Scores.Phq9Total)).ShouldBe([(1, 14), (2, 12)]);
        history[0].SupersededByMeasureSetId.ShouldBe(corrected.MeasureSetId);
        history[1].CorrectionReason.ShouldBe("PHQ-9 item 2 was entered in item 1's box");

        var trajectory = (await course.Client.GetTrajectoryAsync(new GetTrajectoryRequest { CourseId = course.Id.ToString() }, cancellationToken: Cancel)).Points;
        trajectory.Single().MeasureSetId.ShouldBe(corrected.MeasureSetId);
        trajectory.Single().Scores.Phq9Total.ShouldBe(12);

        (await Refused.With(StatusCode.FailedPrecondition, () => course.Client.AmendMeasuresAsync(new AmendMeasuresRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            MeasureSetId = recorded.MeasureSetId,
            Reason = "again",
            MeasureTime = recorded.MeasureTime,
            Phq9 = new Phq9 { Items = { Items.Phq9(11) } },
        }, cancellationToken: Cancel).ResponseAsync)).Status.Detail.ShouldContain(corrected.MeasureSetId);
    }

    [Fact]
    public async Task A_correction_needs_a_reason_and_a_change()
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.AttendAsync(1);
        var recorded = (await course.RecordAsync(1, phq9: 14)).MeasureSet;
        AmendMeasuresRequest Amend(string reason, int phq9) => new()
        {
            RequestId = Guid.NewGuid().ToString(),
            MeasureSetId = recorded.MeasureSetId,
            Reason = reason,
            MeasureTime = recorded.MeasureTime,
            Phq9 = new Phq9 { Items = { Items.Phq9(phq9) } },
        };

        (await Refused.Fields(() => course.Client.AmendMeasuresAsync(Amend("", 12), cancellationToken: Cancel).ResponseAsync)).ShouldBe(["reason"]);
        (await Refused.With(StatusCode.FailedPrecondition, () => course.Client.AmendMeasuresAsync(Amend("no change", 14), cancellationToken: Cancel).ResponseAsync))
            .Status.Detail.ShouldContain("nothing to correct");

        var unknown = Amend("typo", 12);
        unknown.MeasureSetId = Guid.NewGuid().ToString();
        await Refused.With(StatusCode.NotFound, () => course.Client.AmendMeasuresAsync(unknown, cancellationToken: Cancel).ResponseAsync);
    }

    [Fact]
    public async Task The_database_refuses_to_rewrite_or_delete_recorded_measures()
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.AttendAsync(1);
        await course.RecordAsync(1, phq9: 14);

        foreach (var sql in new[] { "UPDATE measure_sets SET phq9_total = 1 WHERE course_id = $1", "DELETE FROM measure_sets WHERE course_id = $1" })
        {
            var refusal = await Should.ThrowAsync<PostgresException>(() => fixture.ScalarAsync<object>(sql, course.Id));
            refusal.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }
    }

    [Fact]
    public async Task Assessment_measures_come_before_treatment_and_follow_up_after_the_course()
    {
        var course = await TestCourse.CreateAsync(fixture, firstSessionAt: TestCourse.DaysAgo(30));
        await course.AttendAsync(1, 2);
        RecordMeasuresRequest At(MeasurementOccasion occasion, DateTimeOffset measuredAt)
        {
            var request = course.Request(0, phq9: 16);
            request.Occasion = occasion;
            request.MeasureTime = Timestamp.FromDateTimeOffset(measuredAt);
            return request;
        }

        (await course.Client.RecordMeasuresAsync(At(MeasurementOccasion.Assessment, course.FirstSessionAt.AddDays(-3)), cancellationToken: Cancel))
            .MeasureSet.Occasion.ShouldBe(MeasurementOccasion.Assessment);
        await Refused.With(StatusCode.FailedPrecondition, () =>
            course.Client.RecordMeasuresAsync(At(MeasurementOccasion.FollowUp, course.SessionAt(2).AddDays(2)), cancellationToken: Cancel).ResponseAsync);

        await course.CompleteAsync();

        (await course.Client.RecordMeasuresAsync(At(MeasurementOccasion.FollowUp, course.SessionAt(2).AddDays(5)), cancellationToken: Cancel))
            .MeasureSet.Occasion.ShouldBe(MeasurementOccasion.FollowUp);
        // Session measures may still be added after the end, within 90 days.
        (await course.RecordAsync(2, phq9: 8)).MeasureSet.SessionNumber.ShouldBe(2);
    }

    [Fact]
    public async Task Every_read_and_change_is_audited_with_the_caller_and_the_patient_reference()
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.AttendAsync(1);
        var set = (await course.RecordAsync(1, phq9: 12)).MeasureSet;
        await course.Client.GetTrajectoryAsync(new GetTrajectoryRequest { CourseId = course.Id.ToString() }, cancellationToken: Cancel);

        await using var connection = await fixture.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(
            "SELECT action, resource_type, resource_id, detail FROM audit_records WHERE actor_id = $1 AND patient_reference = $2 ORDER BY id", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = course.PractitionerId.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = course.PatientReference });
        var records = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Cancel))
        {
            while (await reader.ReadAsync(Cancel)) records.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetString(2)} {reader.GetString(3)}");
        }

        records.ShouldBe([$"Create measure-set {set.MeasureSetId} RecordMeasures", $"Read course {course.Id} GetTrajectory"]);
    }

    [Fact]
    public async Task Only_the_course_care_team_reaches_its_measures()
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.AttendAsync(1);
        await course.RecordAsync(1, phq9: 12);
        var request = new GetTrajectoryRequest { CourseId = course.Id.ToString() };

        var stranger = Guid.CreateVersion7();
        await Refused.With(StatusCode.PermissionDenied, () => fixture.Practitioner(stranger).GetTrajectoryAsync(request, cancellationToken: Cancel).ResponseAsync);
        (await fixture.ScalarAsync<string>("SELECT detail FROM audit_records WHERE actor_id = $1", stranger.ToString())).ShouldBe("GetTrajectory refused");

        // No partner sent this course's referral (CourseCreated named none): a partner is told it does not exist.
        var partner = fixture.Client(TestTokens.Partner("partner-emis", "RX1", Scopes.OutcomesRead));
        await Refused.With(StatusCode.NotFound, () => partner.GetTrajectoryAsync(request, cancellationToken: Cancel).ResponseAsync);

        var supervisor = Guid.CreateVersion7();
        await course.AssignedAsync(course.PractitionerId, supervisor);
        (await fixture.Practitioner(supervisor).GetTrajectoryAsync(request, cancellationToken: Cancel)).Points.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Calls_need_a_verified_caller_with_the_outcomes_scope()
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.AttendAsync(1);
        var anonymous = new OutcomesService.OutcomesServiceClient(fixture.Host.Channel);
        await Refused.With(StatusCode.Unauthenticated, () => anonymous.RecordMeasuresAsync(course.Request(1, phq9: 5), cancellationToken: Cancel).ResponseAsync);

        var readOnly = fixture.Client(TestTokens.Clinician(course.PractitionerId.ToString(), [Roles.Clinician], Scopes.OutcomesRead));
        (await Refused.With(StatusCode.PermissionDenied, () => readOnly.RecordMeasuresAsync(course.Request(1, phq9: 5), cancellationToken: Cancel).ResponseAsync))
            .Status.Detail.ShouldContain(Scopes.OutcomesWrite);
    }
}
