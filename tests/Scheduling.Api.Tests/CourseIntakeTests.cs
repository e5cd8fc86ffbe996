using DitCloud.Contracts.Events.V1;
using System.Diagnostics.Metrics;
using DitCloud.Scheduling.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using static DitCloud.Scheduling.Api.Tests.SchedulingService;
using AttendanceCode = DitCloud.Scheduling.V1.AttendanceCode;
using CourseEndReason = DitCloud.Scheduling.V1.CourseEndReason;
using DeliveryMode = DitCloud.Scheduling.V1.DeliveryMode;
using TherapyPhase = DitCloud.Scheduling.V1.TherapyPhase;

namespace DitCloud.Scheduling.Api.Tests;

/// <summary>Accepted and withdrawn referrals, consumed from RabbitMQ: courses, phases, assignment, first offers.</summary>
public sealed class CourseIntakeTests(SchedulingBroker broker) : IClassFixture<SchedulingBroker>
{
    [Fact]
    public async Task An_accepted_referral_opens_a_sixteen_session_course_with_its_phases()
    {
        await using var service = await StartAsync(broker);
        var practitioner = await service.RegisterAsync();

        var course = await service.AcceptReferralAsync();

        course.PlannedSessions.ShouldBe(16);
        course.SessionLength.ToTimeSpan().ShouldBe(TimeSpan.FromMinutes(50));
        course.PhasePlan.InitialLastSession.ShouldBe(4);
        course.PhasePlan.MiddleLastSession.ShouldBe(12);
        course.Sessions.Select(s => s.SessionNumber).ShouldBe(Enumerable.Range(1, 16));
        course.Sessions.Select(s => s.Phase).ShouldBe(
        [
            .. Enumerable.Repeat(TherapyPhase.Initial, 4),
            .. Enumerable.Repeat(TherapyPhase.Middle, 8),
            .. Enumerable.Repeat(TherapyPhase.Ending, 4),
        ]);
        course.Sessions.ShouldAllBe(s => s.Status == SessionStatus.NotBooked);
        course.Status.ShouldBe(CourseStatus.AwaitingFirstSession);
        course.CurrentPhase.ShouldBe(TherapyPhase.Initial);
        course.PractitionerId.ShouldBe(practitioner.PractitionerId);
        course.AssignmentReason.ShouldStartWith($"Assigned accredited DIT practitioner {practitioner.PractitionerId}");
    }

    [Fact]
    public async Task The_course_plan_follows_the_service_settings()
    {
        await using var service = await StartAsync(broker, new Dictionary<string, string?>
        {
            ["Scheduling:SessionCount"] = "12",
            ["Scheduling:SessionMinutes"] = "45",
            ["Scheduling:InitialPhaseLastSession"] = "3",
            ["Scheduling:MiddlePhaseLastSession"] = "9",
        });
        await service.RegisterAsync();

        var course = await service.AcceptReferralAsync();

        (course.PlannedSessions, course.SessionLength.ToTimeSpan()).ShouldBe((12, TimeSpan.FromMinutes(45)));
        course.Sessions.Select(s => s.Phase).ShouldBe(
        [
            .. Enumerable.Repeat(TherapyPhase.Initial, 3),
            .. Enumerable.Repeat(TherapyPhase.Middle, 6),
            .. Enumerable.Repeat(TherapyPhase.Ending, 3),
        ]);
        (await service.BookAsync(course, service.Next(DayOfWeek.Monday, 16, 15))).Duration.ToTimeSpan().ShouldBe(TimeSpan.FromMinutes(45));
    }

    [Fact]
    public async Task Assignment_publishes_who_treats_and_who_supervises_and_offers_first_appointments()
    {
        await using var service = await StartAsync(broker);
        var practitioner = await service.RegisterAsync();

        var course = await service.AcceptReferralAsync();

        course.FirstAppointmentOffers.Count.ShouldBe(3);
        course.FirstAppointmentOffers.ShouldAllBe(o => o.PractitionerId == practitioner.PractitionerId && o.DeliveryMode == DeliveryMode.Video);
        var days = course.FirstAppointmentOffers.Select(o => Domain.ClinicTimeZone.London.LocalDate(o.StartTime.ToDateTimeOffset())).ToList();
        days.Distinct().Count().ShouldBe(3, "one offer per day");
        course.FirstAppointmentOffers.ShouldAllBe(o => o.StartTime.ToDateTimeOffset() >= service.Clock.GetUtcNow().AddDays(2));
        var events = await broker.EventsOfAsync(Guid.Parse(course.CourseId), e => e.OfType<PractitionerAssigned>().Any(), "PractitionerAssigned");
        var created = events.OfType<CourseCreated>().Single();
        (created.PlannedSessions, created.InitialPhaseLastSession, created.MiddlePhaseLastSession).ShouldBe((16, 4, 12));
        created.PartnerId.ShouldBe("partner-a", "the referring partner, which outcomes lets read the course's outcome");
        var assigned = events.OfType<PractitionerAssigned>().Single();
        (assigned.PractitionerId, assigned.SupervisorId, assigned.DeliveryMode)
            .ShouldBe((Guid.Parse(practitioner.PractitionerId), null, Contracts.Events.V1.DeliveryMode.Video));
        events.ToList().IndexOf(created).ShouldBeLessThan(events.ToList().IndexOf(assigned), "a course's events arrive in order");

        var booked = await service.BookAsync(course, course.FirstAppointmentOffers[0].StartTime.ToDateTimeOffset());
        booked.SessionNumber.ShouldBe(1);
    }

    [Fact]
    public async Task Accredited_practitioners_are_preferred_to_trainees_and_the_reason_is_recorded()
    {
        await using var service = await StartAsync(broker);
        var supervisor = await service.RegisterAsync(maxCaseload: 1);
        var trainee = await service.RegisterAsync(PractitionerRole.Trainee, supervisor.PractitionerId, maxCaseload: 10);

        var first = await service.AcceptReferralAsync();
        var second = await service.AcceptReferralAsync();

        first.PractitionerId.ShouldBe(supervisor.PractitionerId, "accredited before trainees, even with less spare capacity");
        first.SupervisorPractitionerId.ShouldBeEmpty();
        second.PractitionerId.ShouldBe(trainee.PractitionerId);
        second.SupervisorPractitionerId.ShouldBe(supervisor.PractitionerId);
        second.AssignmentReason.ShouldStartWith(
            $"Assigned DIT trainee {trainee.PractitionerId} (supervised by {supervisor.PractitionerId}): no accredited practitioner offering video has capacity");
    }

    [Fact]
    public async Task The_delivery_mode_decides_who_can_take_the_course()
    {
        await using var service = await StartAsync(broker);
        var video = await service.RegisterAsync(modes: [DeliveryMode.Video], maxCaseload: 30);
        var inPerson = await service.RegisterAsync(modes: [DeliveryMode.FaceToFace], maxCaseload: 1);

        var course = await service.AcceptReferralAsync(service.Accepted(mode: Contracts.Events.V1.DeliveryMode.FaceToFace));

        course.PractitionerId.ShouldBe(inPerson.PractitionerId);
        course.DeliveryMode.ShouldBe(DeliveryMode.FaceToFace);
        video.PractitionerId.ShouldNotBe(course.PractitionerId);
    }

    [Fact]
    public async Task Without_capacity_patients_wait_in_referral_order_and_are_assigned_as_soon_as_capacity_appears()
    {
        await using var service = await StartAsync(broker);
        var tooFewHours = await service.RegisterAsync(hours: 149);
        var now = service.Clock.GetUtcNow();
        var later = await service.AcceptReferralAsync(service.Accepted(receivedAt: now.AddDays(-5)));
        var earlier = await service.AcceptReferralAsync(service.Accepted(receivedAt: now.AddDays(-30)));

        later.PractitionerId.ShouldBeEmpty();
        later.FirstAppointmentOffers.ShouldBeEmpty();
        later.AssignmentReason.ShouldBe(
            "No capacity: none of 1 practitioner(s) can take a video DIT case (1 fewer than 150 supervised psychodynamic hours); the patient waits in the queue.");

        var newcomer = await service.RegisterAsync(maxCaseload: 1);
        (await service.GetCourseAsync(earlier.CourseId)).PractitionerId.ShouldBe(newcomer.PractitionerId, "first referred, first served");
        var stillWaiting = await service.GetCourseAsync(later.CourseId);
        stillWaiting.PractitionerId.ShouldBeEmpty();
        stillWaiting.AssignmentReason.ShouldContain("1 caseload full");

        var raised = await service.Admin.UpdatePractitionerAsync(new UpdatePractitionerRequest { PractitionerId = newcomer.PractitionerId, MaxCaseload = 2 }, cancellationToken: Cancel);
        raised.Practitioner.CurrentCaseload.ShouldBe(2);
        var assigned = await service.GetCourseAsync(later.CourseId);
        assigned.PractitionerId.ShouldBe(newcomer.PractitionerId);
        assigned.FirstAppointmentOffers.ShouldNotBeEmpty();
        tooFewHours.CurrentCaseload.ShouldBe(0);
    }

    [Fact]
    public async Task A_referral_accepted_twice_with_the_same_message_id_creates_one_course()
    {
        await using var service = await StartAsync(broker);
        await service.RegisterAsync();
        using var duplicates = new MetricCollector<long>(service.Host.Services.GetRequiredService<IMeterFactory>(), "DitCloud.Messaging", "messaging.inbox.duplicates");
        var accepted = service.Accepted();

        await broker.PublishAsync(accepted);
        await broker.PublishAsync(accepted);
        await Eventually.Until(() => Task.FromResult(duplicates.GetMeasurementSnapshot().Count), count => count >= 1, "the second delivery skipped by the inbox");
        var resent = accepted with { EventId = Guid.CreateVersion7() };
        await broker.PublishAsync(resent);
        await Eventually.Until(
            () => service.ScalarAsync<long>("SELECT count(*) FROM inbox_state WHERE message_id = $1", resent.EventId),
            count => count == 1, "the re-sent acceptance processed");

        (await service.ScalarAsync<long>("SELECT count(*) FROM courses WHERE referral_id = $1", accepted.ReferralId)).ShouldBe(1);
        var course = await service.CourseOfReferralAsync(accepted.ReferralId);
        var events = await broker.EventsOfAsync(Guid.Parse(course.CourseId), e => e.OfType<PractitionerAssigned>().Any(), "assigned");
        events.OfType<CourseCreated>().Count().ShouldBe(1);
    }

    [Fact]
    public async Task A_withdrawal_that_overtakes_the_acceptance_means_no_course_is_created()
    {
        await using var service = await StartAsync(broker);
        await service.RegisterAsync();
        var accepted = service.Accepted();
        var withdrawn = new ReferralWithdrawn(Guid.CreateVersion7(), service.Clock.GetUtcNow(), accepted.ReferralId, accepted.PartnerId, WithdrawalReason.PatientRequest);

        await broker.PublishAsync(withdrawn);
        await Eventually.Until(() => service.ScalarAsync<long>("SELECT count(*) FROM withdrawn_referrals WHERE referral_id = $1", accepted.ReferralId),
            count => count == 1, "the withdrawal recorded");
        await broker.PublishAsync(accepted);
        await Eventually.Until(() => service.ScalarAsync<long>("SELECT count(*) FROM inbox_state WHERE message_id = $1", accepted.EventId),
            count => count == 1, "the acceptance processed");

        (await service.Admin.GetCourseAsync(new GetCourseRequest { ReferralId = accepted.ReferralId.ToString() }, cancellationToken: Cancel)
            .FailsWith(global::Grpc.Core.StatusCode.NotFound)).Status.Detail.ShouldContain("no course has come from this referral_id");
        (await service.ScalarAsync<long>("SELECT count(*) FROM courses")).ShouldBe(0);
    }

    [Fact]
    public async Task A_withdrawal_ends_the_course_cancels_its_appointments_and_frees_the_place()
    {
        await using var service = await StartAsync(broker);
        var practitioner = await service.RegisterAsync(maxCaseload: 1);
        var accepted = service.Accepted();
        var course = await service.AcceptReferralAsync(accepted);
        var waiting = await service.AcceptReferralAsync();
        var first = await service.BookAsync(course, service.Next(DayOfWeek.Monday, 10));
        await service.AttendAsync(first);
        var future = await service.BookAsync(course, service.Next(DayOfWeek.Monday, 10, weeksAhead: 2));

        await broker.PublishAsync(new ReferralWithdrawn(Guid.CreateVersion7(), service.Clock.GetUtcNow(), accepted.ReferralId, accepted.PartnerId, WithdrawalReason.PatientMovedAway));
        var ended = await Eventually.Until(() => service.GetCourseAsync(course.CourseId), c => c.Status == CourseStatus.EndedEarly, "the course ended");

        ended.EndReason.ShouldBe(CourseEndReason.ReferralWithdrawn);
        ended.SessionsAttended.ShouldBe(1);
        var appointments = (await service.Admin.ListAppointmentsAsync(new ListAppointmentsRequest { CourseId = course.CourseId }, cancellationToken: Cancel)).Appointments;
        var cancelled = appointments.Single(a => a.AppointmentId == future.AppointmentId);
        (cancelled.Status, cancelled.AttendanceCode, cancelled.ChangeReason)
            .ShouldBe((AppointmentStatus.Cancelled, AttendanceCode.CancelledByProvider, ChangeReason.CourseEnded));
        (await service.GetCourseAsync(waiting.CourseId)).PractitionerId.ShouldBe(practitioner.PractitionerId);
        var events = await broker.EventsOfAsync(Guid.Parse(course.CourseId), e => e.OfType<CourseCompleted>().Any(), "CourseCompleted");
        var completed = events.OfType<CourseCompleted>().Single();
        (completed.EndedEarly, completed.EndReason, completed.SessionsAttended).ShouldBe((true, Contracts.Events.V1.CourseEndReason.ReferralWithdrawn, 1));
        events.OfType<AppointmentCancelled>().Single().AppointmentId.ShouldBe(Guid.Parse(future.AppointmentId));
    }

    [Fact]
    public async Task A_course_can_be_ended_early_with_a_reason_but_not_as_withdrawn()
    {
        await using var service = await StartAsync(broker);
        await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();
        await service.BookAsync(course, service.Next(DayOfWeek.Monday, 12));

        await service.Admin.EndCourseAsync(new EndCourseRequest { CourseId = course.CourseId, EndReason = CourseEndReason.ReferralWithdrawn }, cancellationToken: Cancel)
            .RefusesField("end_reason", "REFERRAL_WITHDRAWN is set only when the referral service withdraws");
        var ended = (await service.Admin.EndCourseAsync(new EndCourseRequest
        {
            CourseId = course.CourseId,
            EndReason = CourseEndReason.DischargedAfterDna,
            Etag = (await service.GetCourseAsync(course.CourseId)).Etag,
        }, cancellationToken: Cancel)).Course;

        ended.Status.ShouldBe(CourseStatus.EndedEarly);
        ended.EndReason.ShouldBe(CourseEndReason.DischargedAfterDna);
        ended.SessionsCancelled.ShouldBe(1);
        (await service.Admin.EndCourseAsync(new EndCourseRequest { CourseId = course.CourseId, EndReason = CourseEndReason.PatientChoice }, cancellationToken: Cancel)
            .FailsWith(global::Grpc.Core.StatusCode.FailedPrecondition)).Status.Detail.ShouldBe("the course has already ended; there is nothing left to end");
    }
}
