using DitCloud.Contracts.Events.V1;
using DitCloud.Formulation.V1;
using Grpc.Core;

namespace DitCloud.Formulation.Api.Tests;

/// <summary>What formulation takes from scheduling's events, in any order and however often they are delivered.</summary>
public class SchedulingEventsTests(SchedulingEventsTests.Fixture service) : IClassFixture<SchedulingEventsTests.Fixture>
{
    public sealed class Fixture(DitCloud.Testing.TestServers servers) : FormulationServiceFixture(servers);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task AgreeAsync(TestCourse course)
    {
        var client = service.Client(course.Practitioner);
        await client.SaveIpafDraftAsync(new SaveIpafDraftRequest
        {
            CourseId = course.Id, SelfRepresentation = "s", OtherRepresentation = "o", LinkingAffect = "a", DefensiveFunction = "d",
        }, cancellationToken: Cancel);
        await client.ShareIpafAsync(new() { CourseId = course.Id, Version = 1 }, cancellationToken: Cancel);
        await client.AgreeIpafAsync(new() { CourseId = course.Id, Version = 1, SessionNumber = 4 }, cancellationToken: Cancel);
    }

    [Fact]
    public async Task The_session_after_the_initial_phase_without_an_agreed_IPAF_raises_FormulationOverdue_once()
    {
        var course = await service.CourseAsync(attendedSessions: 4);
        service.Events.ReceivedFor<FormulationOverdue>(course.CourseId).ShouldBeEmpty();

        await service.Events.PublishAsync(course.Attended(5));
        var overdue = await service.Events.ReceivedAsync<FormulationOverdue>(course.CourseId);
        overdue.InitialPhaseLastSession.ShouldBe(4);
        overdue.SessionsAttended.ShouldBe(5);
        overdue.PractitionerId.ShouldBe(course.PractitionerId);
        overdue.SupervisorId.ShouldBe(course.SupervisorId);

        await service.Events.PublishAsync(course.Attended(6));
        await service.UntilCourseAsync(course, 6);
        await Task.Delay(500, Cancel); // time for a second event to arrive, were one published
        service.Events.ReceivedFor<FormulationOverdue>(course.CourseId).Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_IPAF_agreed_in_time_raises_nothing()
    {
        var course = await service.CourseAsync(attendedSessions: 4);
        await AgreeAsync(course);

        await service.Events.PublishAsync(course.Attended(5));
        await service.UntilCourseAsync(course, 5);
        await Task.Delay(500, Cancel);
        service.Events.ReceivedFor<FormulationOverdue>(course.CourseId).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_session_attended_before_the_course_plan_arrived_is_judged_when_it_does()
    {
        var course = TestCourse.New();
        await service.Events.PublishAsync(course.Assigned());
        await service.Events.PublishAsync(course.Attended(5));
        await Eventually.Until(() => service.ScalarAsync<long>("SELECT count(*) FROM attended_sessions WHERE course_id = $1", course.CourseId),
            count => count == 1, "session 5 recorded");
        service.Events.ReceivedFor<FormulationOverdue>(course.CourseId).ShouldBeEmpty();

        await service.Events.PublishAsync(course.Created());

        (await service.Events.ReceivedAsync<FormulationOverdue>(course.CourseId)).InitialPhaseLastSession.ShouldBe(4);
    }

    [Fact]
    public async Task A_redelivered_event_is_processed_once()
    {
        var course = await service.CourseAsync(attendedSessions: 4);
        var attended = course.Attended(5);

        await service.Events.PublishAsync(attended);
        await service.Events.PublishAsync(attended);
        await service.Events.PublishAsync(attended with { }); // same EventId, so the same message id

        await service.Events.ReceivedAsync<FormulationOverdue>(course.CourseId);
        await Eventually.Until(() => service.ScalarAsync<long>(
                "SELECT count(*) FROM inbox_state WHERE message_id = $1", attended.EventId),
            count => count == 1, "the message id in the inbox");
        await Task.Delay(500, Cancel);
        service.Events.ReceivedFor<FormulationOverdue>(course.CourseId).Count.ShouldBe(1);
        (await service.ScalarAsync<long>("SELECT count(*) FROM attended_sessions WHERE course_id = $1", course.CourseId)).ShouldBe(5);
    }

    [Fact]
    public async Task A_reassignment_moves_access_to_the_new_practitioner_and_a_late_older_one_is_ignored()
    {
        var course = await service.CourseAsync(supervised: false);
        var newPractitioner = Guid.NewGuid();
        var reassigned = course.Assigned(newPractitioner, at: DateTimeOffset.UtcNow.AddMinutes(1));
        await service.Events.PublishAsync(reassigned);
        await Eventually.Until(() => service.ScalarAsync<Guid>("SELECT practitioner_id FROM courses WHERE course_id = $1", course.CourseId),
            practitioner => practitioner == newPractitioner, "the new practitioner recorded");

        // The original assignment, redelivered late under a new event id: older, so ignored.
        await service.Events.PublishAsync(course.Assigned(at: DateTimeOffset.UtcNow.AddMinutes(-5)));
        await Task.Delay(500, Cancel);

        await service.Client(TestCaller.Clinician(newPractitioner)).GetInterpersonalInventoryAsync(new() { CourseId = course.Id }, cancellationToken: Cancel);
        await Refusal.Of(() => service.Client(course.Practitioner).GetInterpersonalInventoryAsync(new() { CourseId = course.Id }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.PermissionDenied);
    }

    [Fact]
    public async Task A_course_without_a_practitioner_yet_opens_to_nobody()
    {
        var course = TestCourse.New();
        await service.Events.PublishAsync(course.Created());
        await Eventually.Until(() => service.ScalarAsync<long>("SELECT count(*) FROM courses WHERE course_id = $1", course.CourseId),
            count => count == 1, "course known");

        var refusal = await Refusal.Of(() => service.Client(course.Practitioner).GetInterpersonalInventoryAsync(new() { CourseId = course.Id }, cancellationToken: Cancel).ResponseAsync,
            StatusCode.PermissionDenied);
        refusal.Status.Detail.ShouldContain("no practitioner has been assigned");
    }
}
