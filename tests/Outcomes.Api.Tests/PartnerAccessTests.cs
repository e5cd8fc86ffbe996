using DitCloud.Contracts.Events.V1;
using DitCloud.Outcomes.V1;
using DitCloud.ServiceDefaults.Security;
using DitCloud.Testing;
using Grpc.Core;
using MassTransit;
using Npgsql;
using static DitCloud.Outcomes.V1.OutcomesService;

namespace DitCloud.Outcomes.Api.Tests;

/// <summary>
/// The partner system that sent a referral reads the outcome of its course (NHS Talking Therapies
/// tells the referrer the outcome); no other partner learns that the course exists. Each test uses
/// partner client ids of its own.
/// </summary>
public sealed class PartnerAccessTests(OutcomesServiceFixture fixture) : IClassFixture<OutcomesServiceFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_referring_partner_reads_its_course_outcome_and_trajectory_and_each_read_is_audited()
    {
        var partnerId = NewPartnerId();
        var course = await TestCourse.CreateAsync(fixture, partnerId: partnerId);
        await course.TreatAsync(3, first: (16, 12), last: (6, 5));
        var partner = Partner(partnerId);

        var outcome = await course.OutcomeAsync(partner);
        var trajectory = await partner.GetTrajectoryAsync(new GetTrajectoryRequest { CourseId = course.Id.ToString() }, cancellationToken: Cancel);

        outcome.CourseId.ShouldBe(course.Id.ToString());
        outcome.First.Phq9Total.ShouldBe(16);
        outcome.Last.Phq9Total.ShouldBe(6);
        outcome.SessionsAttended.ShouldBe(3);
        trajectory.Points.Select(point => (point.SessionNumber, point.Scores.Phq9Total)).ShouldBe([(1, 16), (2, 11), (3, 6)]);
        (await AuditedAsync(partnerId)).ShouldBe([
            $"partner Read course {course.Id} {course.PatientReference} GetCourseOutcome",
            $"partner Read course {course.Id} {course.PatientReference} GetTrajectory",
        ]);
    }

    [Fact]
    public async Task Another_partner_is_answered_as_if_the_course_did_not_exist_and_the_refusal_is_audited()
    {
        var course = await TestCourse.CreateAsync(fixture, partnerId: NewPartnerId());
        await course.TreatAsync(2, first: (16, 12), last: (6, 5));
        var otherId = NewPartnerId();
        var other = Partner(otherId);

        var outcome = await Refused.With(StatusCode.NotFound, () => course.OutcomeAsync(other));
        var trajectory = await Refused.With(StatusCode.NotFound,
            () => other.GetTrajectoryAsync(new GetTrajectoryRequest { CourseId = course.Id.ToString() }, cancellationToken: Cancel).ResponseAsync);

        // Word for word what a course outcomes never heard of gets: nothing tells the two apart.
        var unknownId = Guid.CreateVersion7();
        var unknown = await Refused.With(StatusCode.NotFound,
            () => other.GetTrajectoryAsync(new GetTrajectoryRequest { CourseId = unknownId.ToString() }, cancellationToken: Cancel).ResponseAsync);
        outcome.Status.Detail.ShouldBe(unknown.Status.Detail.Replace(unknownId.ToString(), course.Id.ToString()));
        trajectory.Status.Detail.ShouldBe(outcome.Status.Detail);
        (await AuditedAsync(otherId)).ShouldBe([
            $"partner Read course {course.Id} {course.PatientReference} GetCourseOutcome refused",
            $"partner Read course {course.Id} {course.PatientReference} GetTrajectory refused",
        ]);
    }

    [Fact]
    public async Task A_partner_without_the_outcomes_read_scope_is_refused()
    {
        var partnerId = NewPartnerId();
        var course = await TestCourse.CreateAsync(fixture, partnerId: partnerId);
        await course.TreatAsync(1, first: (16, 12), last: (16, 12));
        var withoutScope = fixture.Client(TestTokens.Partner(partnerId, "RX1", Scopes.ReferralRead, Scopes.SchedulingRead));

        (await Refused.With(StatusCode.PermissionDenied, () => course.OutcomeAsync(withoutScope))).Status.Detail.ShouldContain(Scopes.OutcomesRead);
        (await Refused.With(StatusCode.PermissionDenied,
                () => withoutScope.GetTrajectoryAsync(new GetTrajectoryRequest { CourseId = course.Id.ToString() }, cancellationToken: Cancel).ResponseAsync))
            .Status.Detail.ShouldContain(Scopes.OutcomesRead);
    }

    [Fact]
    public async Task The_referring_partner_reaches_nothing_else_of_its_course_whether_or_not_it_exists()
    {
        var partnerId = NewPartnerId();
        var course = await TestCourse.CreateAsync(fixture, partnerId: partnerId);
        await course.AttendAsync(1);
        var set = (await course.RecordAsync(1, phq9: 12, item9: 1)).MeasureSet;
        var partner = Partner(partnerId);

        foreach (var (courseId, measureSetId) in new[] { (course.Id, set.MeasureSetId), (Guid.CreateVersion7(), Guid.CreateVersion7().ToString()) })
        {
            await Refused.With(StatusCode.PermissionDenied,
                () => partner.ListRiskFlagsAsync(new ListRiskFlagsRequest { CourseId = courseId.ToString() }, cancellationToken: Cancel).ResponseAsync);
            await Refused.With(StatusCode.PermissionDenied,
                () => partner.GetMeasureSetHistoryAsync(new GetMeasureSetHistoryRequest { MeasureSetId = measureSetId }, cancellationToken: Cancel).ResponseAsync);
        }
    }

    [Fact]
    public async Task A_course_created_by_a_message_from_before_scheduling_named_the_partner_is_open_to_no_partner()
    {
        var course = await TestCourse.CreateWithoutEventsAsync(fixture);
        await fixture.PublishAsync(new CourseCreatedWithoutPartner(
            Guid.CreateVersion7(), course.ReferredAt.AddDays(1), course.Id, course.ReferralId, course.PatientReference, 16, 4, 12, course.ReferredAt));
        await course.AssignedAsync(course.PractitionerId);
        await course.TreatAsync(2, first: (16, 12), last: (6, 5));

        (await fixture.ScalarAsync<bool>("SELECT partner_id IS NULL FROM courses WHERE id = $1", course.Id)).ShouldBeTrue();
        await Refused.With(StatusCode.NotFound, () => course.OutcomeAsync(Partner(NewPartnerId())));
        (await course.OutcomeAsync()).Last.Phq9Total.ShouldBe(6, "the care team still reads it");
    }

    private static string NewPartnerId() => $"partner-{Guid.NewGuid():N}";

    private OutcomesServiceClient Partner(string partnerId) => fixture.Client(TestTokens.Partner(partnerId, "RX1", Scopes.ReferralRead, Scopes.OutcomesRead));

    private async Task<IReadOnlyList<string>> AuditedAsync(string actorId)
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(
            "SELECT actor_kind, action, resource_type, resource_id, patient_reference, detail FROM audit_records WHERE actor_id = $1 ORDER BY id", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = actorId });
        var records = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            records.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetString(2)} {reader.GetString(3)} {reader.GetGuid(4)} {reader.GetString(5)}");
        }

        return records;
    }
}

/// <summary>
/// CourseCreated as scheduling published it before the event named the partner: the same message
/// type on the broker, without the PartnerId member.
/// </summary>
[MessageUrn("DitCloud.Contracts.Events.V1:CourseCreated")]
[EntityName("DitCloud.Contracts.Events.V1:CourseCreated")]
public sealed record CourseCreatedWithoutPartner(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CourseId,
    Guid ReferralId,
    Guid PatientReference,
    int PlannedSessions,
    int InitialPhaseLastSession,
    int MiddlePhaseLastSession,
    DateTimeOffset ReferralReceivedAt) : IIntegrationEvent;
