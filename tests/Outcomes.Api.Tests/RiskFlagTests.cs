using DitCloud.Contracts.Events.V1;
using DitCloud.Outcomes.V1;
using DitCloud.ServiceDefaults.Security;
using DitCloud.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Npgsql;
using RiskFlagReason = DitCloud.Outcomes.V1.RiskFlagReason;

namespace DitCloud.Outcomes.Api.Tests;

public sealed class RiskFlagTests(OutcomesServiceFixture fixture) : IClassFixture<OutcomesServiceFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)] // the smallest score above 0
    [InlineData(2, true)]
    [InlineData(3, true)]
    public async Task PHQ9_item_9_above_0_raises_a_flag_and_RiskFlagRaised(int item9, bool raised)
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.AttendAsync(3);

        var response = await course.RecordAsync(3, phq9: 12, gad7: 6, item9: item9);

        if (!raised)
        {
            response.RiskFlag.ShouldBeNull();
            response.RiskFlags.ShouldBeEmpty();
            return;
        }

        var flag = response.RiskFlag;
        flag.Reason.ShouldBe(RiskFlagReason.Phq9Item9AboveZero);
        flag.Phq9Item9.ShouldBe(item9);
        flag.Status.ShouldBe(RiskFlagStatus.Open);
        flag.SessionNumber.ShouldBe(3);
        flag.MeasureSetId.ShouldBe(response.MeasureSet.MeasureSetId);
        response.RiskFlags.Select(f => f.RiskFlagId).ShouldBe([flag.RiskFlagId]);

        var published = await fixture.PublishedAsync<RiskFlagRaised>(e => e.RiskFlagId.ToString() == flag.RiskFlagId, "RiskFlagRaised");
        published.CourseId.ShouldBe(course.Id);
        published.MeasureSetId.ToString().ShouldBe(response.MeasureSet.MeasureSetId);
        published.SessionNumber.ShouldBe(3);
        published.Reason.ShouldBe(Contracts.Events.V1.RiskFlagReason.Phq9Item9AboveZero);
    }

    [Theory]
    [InlineData(12, 8, 13, 14, true)]  // a reliable rise (exactly 6) that also reaches caseness
    [InlineData(12, 12, 13, 17, false)] // a rise of 5, already at caseness: not reliable
    [InlineData(12, 12, 13, 18, true)]  // exactly the reliable change
    [InlineData(12, 4, 13, 9, false)]   // a rise of 5 that stays below caseness
    [InlineData(12, 4, 13, 10, true)]   // rises into caseness, exactly at the threshold
    [InlineData(11, 8, 12, 14, false)]  // the same rise in the middle phase is not an ending-phase rise
    public async Task A_rise_in_the_ending_phase_is_flagged(int before, int beforePhq9, int after, int afterPhq9, bool flagged)
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.AttendAsync(before, after);
        await course.RecordAsync(before, phq9: beforePhq9, gad7: 3);

        var response = await course.RecordAsync(after, phq9: afterPhq9, gad7: 3);

        var rises = response.RiskFlags.Where(f => f.Reason == RiskFlagReason.EndingPhaseRise).ToList();
        rises.Count.ShouldBe(flagged ? 1 : 0);
        response.RiskFlag.ShouldBeNull(); // item 9 was 0
        if (flagged)
        {
            var rise = rises[0].Rises.ShouldHaveSingleItem();
            rise.Questionnaire.ShouldBe(Questionnaire.Phq9);
            (rise.BaselineTotal, rise.CurrentTotal).ShouldBe((beforePhq9, afterPhq9));
            await fixture.PublishedAsync<RiskFlagRaised>(e => e.RiskFlagId.ToString() == rises[0].RiskFlagId && e.Reason == Contracts.Events.V1.RiskFlagReason.EndingPhaseRise, "RiskFlagRaised");
        }
    }

    [Fact]
    public async Task A_clinician_acknowledges_a_flag_once_saying_what_was_done()
    {
        var supervisor = Guid.CreateVersion7();
        var course = await TestCourse.CreateAsync(fixture);
        await course.AssignedAsync(course.PractitionerId, supervisor);
        await course.AttendAsync(2);
        var flag = (await course.RecordAsync(2, phq9: 14, item9: 2)).RiskFlag;
        var before = DateTimeOffset.UtcNow;

        var acknowledged = (await course.Client.AcknowledgeRiskFlagAsync(new AcknowledgeRiskFlagRequest
        {
            RiskFlagId = flag.RiskFlagId,
            Action = RiskAction.SafetyPlanUpdated,
            Note = "Passive thoughts, no plan; safety plan reviewed with the patient.",
        }, cancellationToken: Cancel)).RiskFlag;

        acknowledged.Status.ShouldBe(RiskFlagStatus.Acknowledged);
        acknowledged.AcknowledgedByPractitionerId.ShouldBe(course.PractitionerId.ToString());
        acknowledged.Action.ShouldBe(RiskAction.SafetyPlanUpdated);
        acknowledged.AcknowledgeTime.ToDateTimeOffset().ShouldBeGreaterThanOrEqualTo(before.AddSeconds(-1));
        acknowledged.AcknowledgementNote.ShouldBe("Passive thoughts, no plan; safety plan reviewed with the patient.");

        // The supervisor, acknowledging too, is told who was first; nothing is overwritten.
        var second = await Refused.With(StatusCode.FailedPrecondition, () => fixture.Practitioner(supervisor).AcknowledgeRiskFlagAsync(new AcknowledgeRiskFlagRequest
        {
            RiskFlagId = flag.RiskFlagId,
            Action = RiskAction.GpInformed,
        }, cancellationToken: Cancel).ResponseAsync);
        second.Status.Detail.ShouldContain(course.PractitionerId.ToString());
        second.Status.Detail.ShouldNotContain("safety plan");

        var stored = (await fixture.Practitioner(supervisor).ListRiskFlagsAsync(new ListRiskFlagsRequest { CourseId = course.Id.ToString() }, cancellationToken: Cancel)).RiskFlags.Single();
        stored.Action.ShouldBe(RiskAction.SafetyPlanUpdated);
        stored.AcknowledgedByPractitionerId.ShouldBe(course.PractitionerId.ToString());
    }

    [Fact]
    public async Task Flags_and_acknowledgements_are_append_only_in_the_database()
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.AttendAsync(2);
        var flag = (await course.RecordAsync(2, phq9: 14, item9: 1)).RiskFlag;
        await course.Client.AcknowledgeRiskFlagAsync(new AcknowledgeRiskFlagRequest { RiskFlagId = flag.RiskFlagId, Action = RiskAction.AssessedNoFurtherAction }, cancellationToken: Cancel);

        foreach (var sql in new[]
        {
            "UPDATE risk_flags SET phq9_item9 = 0 WHERE id = $1",
            "DELETE FROM risk_acknowledgements WHERE risk_flag_id = $1",
            "UPDATE risk_acknowledgements SET action = 1 WHERE risk_flag_id = $1",
        })
        {
            var refusal = await Should.ThrowAsync<PostgresException>(() => fixture.ScalarAsync<object>(sql, Guid.Parse(flag.RiskFlagId)));
            refusal.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, sql);
        }
    }

    [Fact]
    public async Task Acknowledging_is_checked()
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.AttendAsync(2);
        var flag = (await course.RecordAsync(2, phq9: 14, item9: 1)).RiskFlag;

        (await Refused.Fields(() => course.Client.AcknowledgeRiskFlagAsync(new AcknowledgeRiskFlagRequest { RiskFlagId = flag.RiskFlagId }, cancellationToken: Cancel).ResponseAsync))
            .ShouldBe(["action"]);
        (await Refused.Fields(() => course.Client.AcknowledgeRiskFlagAsync(new AcknowledgeRiskFlagRequest
        {
            RiskFlagId = flag.RiskFlagId,
            Action = RiskAction.GpInformed,
            Note = new string('n', 4001),
        }, cancellationToken: Cancel).ResponseAsync)).ShouldBe(["note"]);
        await Refused.With(StatusCode.NotFound, () => course.Client.AcknowledgeRiskFlagAsync(new AcknowledgeRiskFlagRequest
        {
            RiskFlagId = Guid.NewGuid().ToString(),
            Action = RiskAction.GpInformed,
        }, cancellationToken: Cancel).ResponseAsync);
        await Refused.With(StatusCode.PermissionDenied, () => fixture.Practitioner(Guid.CreateVersion7()).AcknowledgeRiskFlagAsync(new AcknowledgeRiskFlagRequest
        {
            RiskFlagId = flag.RiskFlagId,
            Action = RiskAction.GpInformed,
        }, cancellationToken: Cancel).ResponseAsync);

        (await course.OutcomeAsync()).OpenRiskFlags.ShouldBe(1);
    }

    [Fact]
    public async Task A_practitioner_lists_the_flags_of_their_courses_newest_first_a_page_at_a_time()
    {
        var practitioner = Guid.CreateVersion7();
        var first = await TestCourse.CreateAsync(fixture, practitioner);
        var second = await TestCourse.CreateAsync(fixture, practitioner);
        var someoneElses = await TestCourse.CreateAsync(fixture);
        await first.AttendAsync(1, 2);
        await second.AttendAsync(1);
        await someoneElses.AttendAsync(1);
        var oldest = (await first.RecordAsync(1, phq9: 12, item9: 1)).RiskFlag;
        var middle = (await second.RecordAsync(1, phq9: 12, item9: 2)).RiskFlag;
        await someoneElses.RecordAsync(1, phq9: 12, item9: 3);
        var newest = (await first.RecordAsync(2, phq9: 12, item9: 1)).RiskFlag;
        var client = fixture.Practitioner(practitioner);
        await client.AcknowledgeRiskFlagAsync(new AcknowledgeRiskFlagRequest { RiskFlagId = middle.RiskFlagId, Action = RiskAction.GpInformed }, cancellationToken: Cancel);

        var seen = new List<string>();
        var request = new ListRiskFlagsRequest { PageSize = 2 };
        do
        {
            var page = await client.ListRiskFlagsAsync(request, cancellationToken: Cancel);
            page.RiskFlags.Count.ShouldBeLessThanOrEqualTo(2);
            seen.AddRange(page.RiskFlags.Select(f => f.RiskFlagId));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        seen.ShouldBe([newest.RiskFlagId, middle.RiskFlagId, oldest.RiskFlagId]);

        var open = await client.ListRiskFlagsAsync(new ListRiskFlagsRequest { Status = RiskFlagStatus.Open }, cancellationToken: Cancel);
        open.RiskFlags.Select(f => f.RiskFlagId).ShouldBe([newest.RiskFlagId, oldest.RiskFlagId]);
        var acknowledged = await client.ListRiskFlagsAsync(new ListRiskFlagsRequest { Status = RiskFlagStatus.Acknowledged }, cancellationToken: Cancel);
        acknowledged.RiskFlags.Select(f => f.RiskFlagId).ShouldBe([middle.RiskFlagId]);

        (await Refused.Fields(() => client.ListRiskFlagsAsync(new ListRiskFlagsRequest { PageToken = "not a token" }, cancellationToken: Cancel).ResponseAsync))
            .ShouldBe(["page_token"]);
        (await Refused.Fields(() => client.ListRiskFlagsAsync(new ListRiskFlagsRequest { PageSize = 101 }, cancellationToken: Cancel).ResponseAsync))
            .ShouldBe(["page_size"]);
    }

    [Fact]
    public async Task Listing_is_audited_per_flag_and_a_partner_sees_none()
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.AttendAsync(1);
        var flag = (await course.RecordAsync(1, phq9: 12, item9: 1)).RiskFlag;

        await course.Client.ListRiskFlagsAsync(new ListRiskFlagsRequest(), cancellationToken: Cancel);

        (await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM audit_records WHERE resource_type = 'risk-flag' AND resource_id = $1 AND action = 'Read' AND detail = 'ListRiskFlags' AND patient_reference = $2",
            flag.RiskFlagId, course.PatientReference)).ShouldBe(1);
        var partner = fixture.Client(TestTokens.Partner("partner-emis", "RX1", Scopes.OutcomesRead));
        await Refused.With(StatusCode.PermissionDenied, () => partner.ListRiskFlagsAsync(new ListRiskFlagsRequest(), cancellationToken: Cancel).ResponseAsync);
    }

    [Fact]
    public async Task A_correction_that_brings_item_9_above_0_raises_a_flag_once()
    {
        var course = await TestCourse.CreateAsync(fixture);
        await course.AttendAsync(4);
        var recorded = (await course.RecordAsync(4, phq9: 11)).MeasureSet;
        AmendMeasuresRequest Amend(string measureSetId, int item9) => new()
        {
            RequestId = Guid.NewGuid().ToString(),
            MeasureSetId = measureSetId,
            Reason = "item 9 was transcribed wrongly",
            MeasureTime = recorded.MeasureTime,
            Phq9 = new Phq9 { Items = { Items.Phq9(11, item9) } },
        };

        var corrected = await course.Client.AmendMeasuresAsync(Amend(recorded.MeasureSetId, 1), cancellationToken: Cancel);
        corrected.RiskFlags.ShouldHaveSingleItem().Phq9Item9.ShouldBe(1);

        var again = await course.Client.AmendMeasuresAsync(Amend(corrected.MeasureSet.MeasureSetId, 2), cancellationToken: Cancel);
        again.RiskFlags.ShouldBeEmpty();
        (await fixture.ScalarAsync<long>("SELECT count(*) FROM risk_flags WHERE course_id = $1", course.Id)).ShouldBe(1);
    }
}
