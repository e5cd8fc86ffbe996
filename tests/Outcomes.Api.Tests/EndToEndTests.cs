using System.Collections.Concurrent;
using DitCloud.Contracts.Events.V1;
using DitCloud.Outcomes.V1;
using MassTransit;
using MeasurementOccasion = DitCloud.Outcomes.V1.MeasurementOccasion;

namespace DitCloud.Outcomes.Api.Tests;

/// <summary>
/// The test bus stands in for scheduling: on ReferralAccepted it creates a course and assigns the
/// practitioner the test chose for that referral, publishing CourseCreated and PractitionerAssigned
/// as scheduling does (course id as the partition, in that order).
/// </summary>
public sealed class SchedulingStandInFixture(DitCloud.Testing.TestServers servers) : OutcomesServiceFixture(servers)
{
    /// <summary>Which practitioner takes each referral, and the course scheduling made for it.</summary>
    public ConcurrentDictionary<Guid, Guid> PractitionerFor { get; } = new();

    public ConcurrentDictionary<Guid, Guid> CourseFor { get; } = new();

    protected override void ConfigureTestBus(IRabbitMqReceiveEndpointConfigurator endpoint) =>
        endpoint.Handler<ReferralAccepted>(async context =>
        {
            var accepted = context.Message;
            if (!PractitionerFor.TryGetValue(accepted.ReferralId, out var practitioner)) return;
            var courseId = CourseFor.GetOrAdd(accepted.ReferralId, _ => Guid.CreateVersion7());
            var now = accepted.AcceptedAt.AddHours(1);
            await context.Publish(new CourseCreated(Guid.CreateVersion7(), now, courseId, accepted.ReferralId, accepted.PatientReference, 16, 4, 12, accepted.ReceivedAt));
            await context.Publish(new PractitionerAssigned(Guid.CreateVersion7(), now, courseId, accepted.ReferralId, practitioner, null, DeliveryMode.Video));
        });
}

public sealed class EndToEndTests(SchedulingStandInFixture fixture) : IClassFixture<SchedulingStandInFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Referral_accepted_sessions_attended_with_scores_course_completed_recovery_in_the_KPIs()
    {
        var practitioner = Guid.CreateVersion7();
        var (referralId, patient) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var receivedAt = TestCourse.DaysAgo(60);
        fixture.PractitionerFor[referralId] = practitioner;

        // Referral accepts; "scheduling" (the test bus) creates the course from it.
        await fixture.Bus.Publish(new ReferralAccepted(Guid.CreateVersion7(), receivedAt.AddDays(3), referralId, "partner-emis", patient,
            receivedAt, receivedAt.AddDays(3), DeliveryMode.Video), Cancel);
        var client = fixture.Practitioner(practitioner);
        var courseId = await Eventually.Until(
            () => Task.FromResult(fixture.CourseFor.GetValueOrDefault(referralId)), id => id != Guid.Empty, "course created for the referral");
        await Eventually.Until(
            () => fixture.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM courses WHERE id = $1 AND created_at IS NOT NULL AND practitioner_id = $2)", courseId, practitioner),
            known => known, "outcomes knows the course and its practitioner");

        // Four weekly sessions from five weeks after the referral (35 days: within 6 weeks), PHQ-9 and GAD-7 at each.
        var first = receivedAt.AddDays(35);
        int[][] scores = [[16, 13], [13, 10], [9, 7], [6, 5]];
        for (var session = 1; session <= scores.Length; session++)
        {
            var startedAt = first.AddDays(7 * (session - 1));
            await fixture.PublishAsync(new SessionAttended(Guid.CreateVersion7(), startedAt.AddHours(1), Guid.CreateVersion7(), courseId, session,
                TestCourse.PhaseOf(session), practitioner, null, AttendanceCode.Attended, startedAt));
            var recorded = await client.RecordMeasuresAsync(new RecordMeasuresRequest
            {
                RequestId = Guid.NewGuid().ToString(),
                CourseId = courseId.ToString(),
                Occasion = MeasurementOccasion.Session,
                SessionNumber = session,
                MeasureTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(startedAt.AddMinutes(45)),
                Phq9 = new Phq9 { Items = { Items.Phq9(scores[session - 1][0]) } },
                Gad7 = new Gad7 { Items = { Items.Gad7(scores[session - 1][1]) } },
            }, cancellationToken: Cancel);
            await fixture.PublishedAsync<MeasuresRecorded>(e => e.MeasureSetId.ToString() == recorded.MeasureSet.MeasureSetId, $"MeasuresRecorded for session {session}");
        }

        var provisional = (await client.GetCourseOutcomeAsync(new GetCourseOutcomeRequest { CourseId = courseId.ToString() }, cancellationToken: Cancel)).Outcome;
        provisional.Status.ShouldBe(OutcomeStatus.Provisional);
        provisional.HasRecovered.ShouldBeFalse();

        var endedAt = first.AddDays(7 * 3 + 1);
        await fixture.PublishAsync(new CourseCompleted(Guid.CreateVersion7(), endedAt, courseId, referralId, true, CourseEndReason.MutualAgreement,
            4, first, first.AddDays(7)));

        var outcome = (await client.GetCourseOutcomeAsync(new GetCourseOutcomeRequest { CourseId = courseId.ToString() }, cancellationToken: Cancel)).Outcome;
        outcome.Status.ShouldBe(OutcomeStatus.Final);
        outcome.FinishedTreatment.ShouldBeTrue();
        outcome.Recovered.ShouldBeTrue();               // 16/13 at caseness, 6/5 below
        outcome.ReliableImprovement.ShouldBeTrue();     // PHQ-9 down 10, GAD-7 down 8
        outcome.ReliableRecovery.ShouldBeTrue();
        outcome.ReliableDeterioration.ShouldBeFalse();

        var trajectory = (await client.GetTrajectoryAsync(new GetTrajectoryRequest { CourseId = courseId.ToString() }, cancellationToken: Cancel)).Points;
        trajectory.Select(p => p.Scores.Phq9Total).ShouldBe([16, 13, 9, 6]);

        var kpis = (await client.GetKpisAsync(new GetKpisRequest
        {
            StartDate = receivedAt.ToString("yyyy-MM-dd"),
            EndDate = TestCourse.DaysAgo(0).ToString("yyyy-MM-dd"),
            PractitionerId = practitioner.ToString(),
        }, cancellationToken: Cancel)).Kpis;
        kpis.FinishedCount.ShouldBe(1);
        (kpis.Recovery.Numerator, kpis.Recovery.Denominator, kpis.Recovery.Percent).ShouldBe((1, 1, 100.0));
        (kpis.ReliableRecovery.Numerator, kpis.ReliableRecovery.Denominator).ShouldBe((1, 1));
        (kpis.WaitedWithin6Weeks.Numerator, kpis.WaitedWithin6Weeks.Denominator).ShouldBe((1, 1));
        kpis.MedianWait.ToTimeSpan().ShouldBe(TimeSpan.FromDays(35));
        kpis.SecondSessionWaitOver28Days.ShouldBe(0);
    }
}
