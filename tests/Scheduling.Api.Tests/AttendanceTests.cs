using DitCloud.Contracts.Events.V1;
using DitCloud.Scheduling.V1;
using Grpc.Core;
using static DitCloud.Scheduling.Api.Tests.SchedulingService;
using AttendanceCode = DitCloud.Scheduling.V1.AttendanceCode;

namespace DitCloud.Scheduling.Api.Tests;

/// <summary>Attendance with NHS codes, the DNA policy, completion and waiting times.</summary>
public sealed class AttendanceTests(SchedulingBroker broker) : IClassFixture<SchedulingBroker>
{
    [Fact]
    public async Task Sixteen_attended_sessions_complete_the_course_with_phases_events_and_waiting_times()
    {
        await using var service = await StartAsync(broker);
        var practitioner = await service.RegisterAsync(maxCaseload: 1);
        var referred = service.Clock.GetUtcNow().AddDays(-20);
        var course = await service.AcceptReferralAsync(service.Accepted(receivedAt: referred));
        var waiting = await service.AcceptReferralAsync();
        waiting.PractitionerId.ShouldBeEmpty("the only practitioner's one place is taken");

        var appointments = new List<Appointment>();
        for (var week = 1; week <= 16; week++)
        {
            appointments.Add(await service.BookAsync(course, service.Next(DayOfWeek.Monday, 10, weeksAhead: week)));
        }

        appointments.Select(a => a.SessionNumber).ShouldBe(Enumerable.Range(1, 16));
        RecordAttendanceResponse? last = null;
        foreach (var appointment in appointments) last = await service.AttendAsync(appointment);

        last!.Course.Status.ShouldBe(CourseStatus.Completed);
        last.Course.SessionsAttended.ShouldBe(16);
        last.Course.Sessions.ShouldAllBe(s => s.Status == SessionStatus.Attended);
        var zone = Domain.ClinicTimeZone.London;
        last.Course.WaitingTimes.ReferralToFirstAttendedDays.ShouldBe(
            zone.LocalDate(appointments[0].StartTime.ToDateTimeOffset()).DayNumber - zone.LocalDate(referred).DayNumber);
        last.Course.WaitingTimes.FirstToSecondAttendedDays.ShouldBe(7);

        var events = await broker.EventsOfAsync(Guid.Parse(course.CourseId), e => e.OfType<CourseCompleted>().Any(), "CourseCompleted");
        events.OfType<SessionAttended>().Select(e => (e.SessionNumber, e.Phase)).ShouldBe(
            Enumerable.Range(1, 16).Select(n => (n, n <= 4 ? Contracts.Events.V1.TherapyPhase.Initial : n <= 12 ? Contracts.Events.V1.TherapyPhase.Middle : Contracts.Events.V1.TherapyPhase.Ending)));
        var completed = events.OfType<CourseCompleted>().Single();
        completed.EndedEarly.ShouldBeFalse();
        completed.SessionsAttended.ShouldBe(16);
        completed.FirstSessionAt.ShouldBe(appointments[0].StartTime.ToDateTimeOffset());
        completed.SecondSessionAt.ShouldBe(appointments[1].StartTime.ToDateTimeOffset());

        var next = await service.GetCourseAsync(waiting.CourseId);
        next.PractitionerId.ShouldBe(practitioner.PractitionerId, "the freed place goes to the waiting patient at once");
    }

    [Fact]
    public async Task A_missed_first_session_raises_a_discharge_review()
    {
        await using var service = await StartAsync(broker);
        await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();
        var first = await service.BookAsync(course, service.Next(DayOfWeek.Tuesday, 11));

        var missed = await service.AttendAsync(first, AttendanceCode.DidNotAttend);

        missed.Appointment.Status.ShouldBe(AppointmentStatus.OutcomeRecorded);
        missed.Appointment.AttendanceCode.ShouldBe(AttendanceCode.DidNotAttend);
        missed.Course.DischargeReviewNeeded.ShouldBeTrue();
        missed.Course.SessionsMissed.ShouldBe(1);
        missed.Course.Sessions[0].Status.ShouldBe(SessionStatus.Missed);
        var events = await broker.EventsOfAsync(Guid.Parse(course.CourseId), e => e.OfType<DischargeReviewNeeded>().Any(), "DischargeReviewNeeded");
        events.OfType<DischargeReviewNeeded>().Single().Reason.ShouldBe(DischargeReviewReason.MissedFirstSession);
        var sessionMissed = events.OfType<SessionMissed>().Single();
        (sessionMissed.SessionNumber, sessionMissed.ConsecutiveMissed, sessionMissed.AttendanceCode).ShouldBe((1, 1, Contracts.Events.V1.AttendanceCode.DidNotAttend));
    }

    [Fact]
    public async Task Repeated_missed_sessions_raise_a_review_at_the_threshold_and_attending_clears_it()
    {
        await using var service = await StartAsync(broker);
        await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();
        var sessions = new List<Appointment>();
        for (var week = 1; week <= 4; week++) sessions.Add(await service.BookAsync(course, service.Next(DayOfWeek.Wednesday, 9, weeksAhead: week)));

        (await service.AttendAsync(sessions[0])).Course.DischargeReviewNeeded.ShouldBeFalse();
        (await service.AttendAsync(sessions[1], AttendanceCode.ArrivedLateNotSeen)).Course.DischargeReviewNeeded.ShouldBeFalse("one miss is below the threshold of 2");
        var second = await service.AttendAsync(sessions[2], AttendanceCode.DidNotAttend);
        second.Course.DischargeReviewNeeded.ShouldBeTrue();
        second.Course.SessionsMissed.ShouldBe(2);
        (await service.AttendAsync(sessions[3], AttendanceCode.ArrivedLateSeen)).Course.DischargeReviewNeeded.ShouldBeFalse("the patient came back");

        var events = await broker.EventsOfAsync(Guid.Parse(course.CourseId), e => e.OfType<SessionAttended>().Count() == 2, "two sessions attended");
        var review = events.OfType<DischargeReviewNeeded>().Single();
        (review.Reason, review.SessionsMissed).ShouldBe((DischargeReviewReason.RepeatedMissedSessions, 2));
        events.OfType<SessionMissed>().Select(e => e.ConsecutiveMissed).ShouldBe([1, 2]);
    }

    [Fact]
    public async Task Provider_cancellations_never_count_against_the_patient()
    {
        await using var service = await StartAsync(broker, new Dictionary<string, string?>
        {
            ["Scheduling:MissedSessionsForReview"] = "1",
            ["Scheduling:CountPatientCancellations"] = "true",
        });
        await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();

        for (var week = 1; week <= 3; week++)
        {
            var booked = await service.BookAsync(course, service.Next(DayOfWeek.Thursday, 14, weeksAhead: week));
            await service.Admin.CancelAppointmentAsync(new CancelAppointmentRequest
            {
                AppointmentId = booked.AppointmentId,
                CancellationCode = AttendanceCode.CancelledByProvider,
                Reason = ChangeReason.PractitionerUnavailable,
            }, cancellationToken: Cancel);
        }

        var after = await service.GetCourseAsync(course.CourseId);
        after.SessionsCancelled.ShouldBe(3);
        after.SessionsMissed.ShouldBe(0);
        after.DischargeReviewNeeded.ShouldBeFalse();
        after.Sessions.ShouldAllBe(s => s.Status == SessionStatus.NotBooked, "a cancelled session is freed, not used");
    }

    [Fact]
    public async Task Patient_cancellations_count_only_where_the_policy_says_so()
    {
        await using var service = await StartAsync(broker, new Dictionary<string, string?>
        {
            ["Scheduling:MissedSessionsForReview"] = "2",
            ["Scheduling:CountPatientCancellations"] = "true",
        });
        await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();
        var first = await service.BookAsync(course, service.Next(DayOfWeek.Friday, 10));
        await service.AttendAsync(first);

        CancelAppointmentResponse? cancelled = null;
        for (var week = 2; week <= 3; week++)
        {
            var booked = await service.BookAsync(course, service.Next(DayOfWeek.Friday, 10, weeksAhead: week));
            cancelled = await service.Admin.CancelAppointmentAsync(new CancelAppointmentRequest
            {
                AppointmentId = booked.AppointmentId,
                CancellationCode = AttendanceCode.CancelledByPatient,
                Reason = ChangeReason.PatientRequest,
            }, cancellationToken: Cancel);
        }

        cancelled!.Appointment.AttendanceCode.ShouldBe(AttendanceCode.CancelledByPatient);
        (await service.GetCourseAsync(course.CourseId)).DischargeReviewNeeded.ShouldBeTrue();
        var events = await broker.EventsOfAsync(Guid.Parse(course.CourseId), e => e.OfType<DischargeReviewNeeded>().Any(), "review");
        events.OfType<DischargeReviewNeeded>().Single().SessionsMissed.ShouldBe(2);
        events.OfType<AppointmentCancelled>().Select(e => e.CancellationCode).ShouldBe([Contracts.Events.V1.AttendanceCode.CancelledByPatient, Contracts.Events.V1.AttendanceCode.CancelledByPatient]);
    }

    [Fact]
    public async Task Attendance_is_refused_before_the_start_for_cancellation_codes_and_for_a_changed_code()
    {
        await using var service = await StartAsync(broker);
        await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();
        var booked = await service.BookAsync(course, service.Next(DayOfWeek.Monday, 15));
        var request = new RecordAttendanceRequest { AppointmentId = booked.AppointmentId, AttendanceCode = AttendanceCode.Attended };

        (await service.Admin.RecordAttendanceAsync(request, cancellationToken: Cancel).FailsWith(StatusCode.FailedPrecondition))
            .Status.Detail.ShouldBe("the appointment has not started yet; record attendance once it has begun");
        await service.Admin.RecordAttendanceAsync(new RecordAttendanceRequest { AppointmentId = booked.AppointmentId, AttendanceCode = AttendanceCode.CancelledByPatient }, cancellationToken: Cancel)
            .RefusesField("attendance_code", "codes 2 and 4 are cancellations; use CancelAppointment");
        await service.Admin.RecordAttendanceAsync(new RecordAttendanceRequest { AppointmentId = booked.AppointmentId }, cancellationToken: Cancel)
            .RefusesField("attendance_code", "is required");

        var first = await service.AttendAsync(booked);
        var again = await service.AttendAsync(booked);
        again.Appointment.Etag.ShouldBe(first.Appointment.Etag, "the same code again changes nothing");
        (await service.Admin.RecordAttendanceAsync(new RecordAttendanceRequest { AppointmentId = booked.AppointmentId, AttendanceCode = AttendanceCode.DidNotAttend }, cancellationToken: Cancel)
            .FailsWith(StatusCode.FailedPrecondition)).Status.Detail.ShouldContain("attendance is already recorded");
    }

    [Fact]
    public async Task Outcomes_are_recorded_in_appointment_order()
    {
        await using var service = await StartAsync(broker);
        await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();
        var first = await service.BookAsync(course, service.Next(DayOfWeek.Monday, 9));
        var second = await service.BookAsync(course, service.Next(DayOfWeek.Monday, 9, weeksAhead: 2));
        service.Clock.SetUtcNow(second.StartTime.ToDateTimeOffset().AddHours(1));

        (await service.Admin.RecordAttendanceAsync(new RecordAttendanceRequest { AppointmentId = second.AppointmentId, AttendanceCode = AttendanceCode.Attended }, cancellationToken: Cancel)
            .FailsWith(StatusCode.FailedPrecondition)).Status.Detail.ShouldBe("an earlier appointment of this course has no attendance yet; record that one first");
        (await service.AttendAsync(first)).Appointment.SessionNumber.ShouldBe(1);
    }

    [Fact]
    public async Task A_supervised_session_carries_the_supervisor_in_its_event()
    {
        await using var service = await StartAsync(broker);
        var supervisor = await service.RegisterAsync(maxCaseload: 1);
        var trainee = await service.RegisterAsync(PractitionerRole.Trainee, supervisor.PractitionerId);
        await service.AcceptReferralAsync(); // takes the supervisor's only place
        var course = await service.AcceptReferralAsync();
        course.PractitionerId.ShouldBe(trainee.PractitionerId);
        course.SupervisorPractitionerId.ShouldBe(supervisor.PractitionerId);

        var booked = await service.BookAsync(course, service.Next(DayOfWeek.Tuesday, 16));
        await service.AttendAsync(booked, AttendanceCode.ArrivedLateSeen);

        var events = await broker.EventsOfAsync(Guid.Parse(course.CourseId), e => e.OfType<SessionAttended>().Any(), "SessionAttended");
        var attended = events.OfType<SessionAttended>().Single();
        attended.PractitionerId.ShouldBe(Guid.Parse(trainee.PractitionerId));
        attended.SupervisorId.ShouldBe(Guid.Parse(supervisor.PractitionerId));
        attended.AttendanceCode.ShouldBe(Contracts.Events.V1.AttendanceCode.ArrivedLateSeen);
        attended.Phase.ShouldBe(Contracts.Events.V1.TherapyPhase.Initial);
        var assigned = events.OfType<PractitionerAssigned>().Single();
        (assigned.PractitionerId, assigned.SupervisorId).ShouldBe((Guid.Parse(trainee.PractitionerId), Guid.Parse(supervisor.PractitionerId)));
    }
}
