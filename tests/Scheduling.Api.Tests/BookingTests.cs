using DitCloud.Contracts.Events.V1;
using DitCloud.Scheduling.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static DitCloud.Scheduling.Api.Tests.SchedulingService;
using AttendanceCode = DitCloud.Scheduling.V1.AttendanceCode;
using DeliveryMode = DitCloud.Scheduling.V1.DeliveryMode;
using TherapyPhase = DitCloud.Scheduling.V1.TherapyPhase;

namespace DitCloud.Scheduling.Api.Tests;

/// <summary>FindSlots, BookAppointment, RescheduleAppointment and CancelAppointment, and their refusals.</summary>
public sealed class BookingTests(SchedulingBroker broker) : IClassFixture<SchedulingBroker>
{
    private static BookAppointmentRequest Booking(Course course, DateTimeOffset start, string? practitionerId = null) => new()
    {
        RequestId = Guid.NewGuid().ToString(),
        CourseId = course.CourseId,
        PractitionerId = practitionerId ?? course.PractitionerId,
        StartTime = Timestamp.FromDateTimeOffset(start),
    };

    [Fact]
    public async Task A_booking_inside_availability_holds_the_next_session_and_is_announced()
    {
        await using var service = await StartAsync(broker);
        await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();
        var start = service.Next(DayOfWeek.Monday, 10);

        var booked = await service.BookAsync(course, start);

        booked.Status.ShouldBe(AppointmentStatus.Booked);
        booked.SessionNumber.ShouldBe(1);
        booked.Phase.ShouldBe(TherapyPhase.Initial);
        booked.Duration.ToTimeSpan().ShouldBe(TimeSpan.FromMinutes(50));
        booked.DeliveryMode.ShouldBe(DeliveryMode.Video);
        var after = await service.GetCourseAsync(course.CourseId);
        after.Sessions[0].Status.ShouldBe(SessionStatus.Booked);
        after.Sessions[0].AppointmentId.ShouldBe(booked.AppointmentId);
        var events = await broker.EventsOfAsync(Guid.Parse(course.CourseId), e => e.OfType<AppointmentBooked>().Any(), "AppointmentBooked");
        var announced = events.OfType<AppointmentBooked>().Single();
        (announced.AppointmentId, announced.SessionNumber, announced.StartsAt, announced.Rescheduled)
            .ShouldBe((Guid.Parse(booked.AppointmentId), 1, start, false));
        (await service.ScalarAsync<long>("SELECT count(*) FROM audit_records WHERE resource_id = $1 AND action = 'Create' AND detail = 'BookAppointment'", booked.AppointmentId))
            .ShouldBe(1);
    }

    [Fact]
    public async Task Sessions_are_numbered_in_time_order_and_move_up_when_an_earlier_one_is_cancelled()
    {
        await using var service = await StartAsync(broker);
        await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();
        var later = await service.BookAsync(course, service.Next(DayOfWeek.Monday, 10, weeksAhead: 2));
        var earlier = await service.BookAsync(course, service.Next(DayOfWeek.Monday, 10));
        earlier.SessionNumber.ShouldBe(1);

        await service.Admin.CancelAppointmentAsync(new CancelAppointmentRequest
        {
            AppointmentId = earlier.AppointmentId,
            CancellationCode = AttendanceCode.CancelledByPatient,
            Reason = ChangeReason.PatientRequest,
        }, cancellationToken: Cancel);

        var list = await service.Admin.ListAppointmentsAsync(new ListAppointmentsRequest { CourseId = course.CourseId }, cancellationToken: Cancel);
        list.Appointments.Single(a => a.AppointmentId == later.AppointmentId).SessionNumber.ShouldBe(1);
        list.Appointments.Single(a => a.AppointmentId == earlier.AppointmentId).Status.ShouldBe(AppointmentStatus.Cancelled);
    }

    [Fact]
    public async Task A_booking_outside_availability_is_refused_naming_start_time()
    {
        await using var service = await StartAsync(broker);
        await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();

        await service.Admin.BookAppointmentAsync(Booking(course, service.Next(DayOfWeek.Monday, 17)), cancellationToken: Cancel)
            .RefusesField("start_time", "is outside the practitioner's availability; choose a slot from FindSlots");
        await service.Admin.BookAppointmentAsync(Booking(course, service.Next(DayOfWeek.Saturday, 10)), cancellationToken: Cancel)
            .RefusesField("start_time", "outside the practitioner's availability");
        await service.Admin.BookAppointmentAsync(Booking(course, service.Clock.GetUtcNow().AddHours(-1)), cancellationToken: Cancel)
            .RefusesField("start_time", "is in the past");
    }

    [Fact]
    public async Task Unknown_ids_are_not_found_and_malformed_requests_name_every_field()
    {
        await using var service = await StartAsync(broker);
        await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();

        (await service.Admin.BookAppointmentAsync(Booking(course, service.Next(DayOfWeek.Monday, 10), Guid.NewGuid().ToString()), cancellationToken: Cancel)
            .FailsWith(StatusCode.NotFound)).Status.Detail.ShouldBe("no practitioner has this practitioner_id");
        (await service.Admin.BookAppointmentAsync(Booking(course, service.Next(DayOfWeek.Monday, 10)).With(r => r.CourseId = Guid.NewGuid().ToString()), cancellationToken: Cancel)
            .FailsWith(StatusCode.NotFound)).Status.Detail.ShouldBe("no course has this course_id");

        var failure = await service.Admin.BookAppointmentAsync(new BookAppointmentRequest { CourseId = "not-a-uuid", SessionNumber = 17 }, cancellationToken: Cancel)
            .FailsWith(StatusCode.InvalidArgument);
        var fields = failure.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field).ToList();
        fields.ShouldBe(["request_id", "course_id", "practitioner_id", "start_time", "session_number"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_retried_booking_returns_the_first_one()
    {
        await using var service = await StartAsync(broker);
        await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();
        var request = Booking(course, service.Next(DayOfWeek.Tuesday, 9));

        var first = await service.Admin.BookAppointmentAsync(request, cancellationToken: Cancel);
        var retry = await service.Admin.BookAppointmentAsync(request, cancellationToken: Cancel);

        retry.Appointment.AppointmentId.ShouldBe(first.Appointment.AppointmentId);
        (await service.ScalarAsync<long>("SELECT count(*) FROM appointments WHERE course_id = $1", Guid.Parse(course.CourseId))).ShouldBe(1);
        var other = await service.AcceptReferralAsync();
        (await service.Admin.BookAppointmentAsync(request.With(r => r.CourseId = other.CourseId), cancellationToken: Cancel).FailsWith(StatusCode.AlreadyExists))
            .Status.Detail.ShouldContain("request_id was already used");
    }

    [Fact]
    public async Task Neither_a_practitioner_nor_a_patient_can_hold_two_overlapping_appointments()
    {
        await using var service = await StartAsync(broker);
        var practitioner = await service.RegisterAsync();
        var colleague = await service.RegisterAsync();
        var patient = Guid.NewGuid();
        var first = await service.AcceptReferralAsync(service.Accepted() with { PatientReference = patient });
        var sameOtherCourse = await service.AcceptReferralAsync(service.Accepted() with { PatientReference = patient });
        var someoneElse = await service.AcceptReferralAsync();
        var start = service.Next(DayOfWeek.Wednesday, 10);
        await service.BookAsync(first, start, practitioner.PractitionerId);

        (await service.Admin.BookAppointmentAsync(Booking(someoneElse, start.AddMinutes(30), practitioner.PractitionerId), cancellationToken: Cancel)
            .FailsWith(StatusCode.AlreadyExists)).Status.Detail.ShouldBe("the practitioner already has an appointment overlapping this time; choose another slot");
        (await service.Admin.BookAppointmentAsync(Booking(sameOtherCourse, start.AddMinutes(-20), colleague.PractitionerId), cancellationToken: Cancel)
            .FailsWith(StatusCode.AlreadyExists)).Status.Detail.ShouldBe("the patient already has an appointment overlapping this time; choose another slot");
        (await service.BookAsync(someoneElse, start.AddMinutes(50), practitioner.PractitionerId)).Status.ShouldBe(AppointmentStatus.Booked, "back to back is allowed");
    }

    [Fact]
    public async Task A_colleague_can_cover_a_session_only_if_they_may_see_the_patient()
    {
        await using var service = await StartAsync(broker);
        await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();
        var colleague = await service.RegisterAsync(maxCaseload: 1);
        var faceToFaceOnly = await service.RegisterAsync(modes: [DeliveryMode.FaceToFace]);
        await service.AcceptReferralAsync(); // fills the colleague's caseload: covering does not need a place

        var covered = await service.BookAsync(course, service.Next(DayOfWeek.Thursday, 10), colleague.PractitionerId);

        covered.PractitionerId.ShouldBe(colleague.PractitionerId);
        (await service.GetCourseAsync(course.CourseId)).PractitionerId.ShouldBe(course.PractitionerId);
        (await service.Admin.BookAppointmentAsync(Booking(course, service.Next(DayOfWeek.Friday, 10), faceToFaceOnly.PractitionerId), cancellationToken: Cancel)
            .FailsWith(StatusCode.FailedPrecondition)).Status.Detail.ShouldBe("this practitioner cannot see the patient: does not offer video; choose the course's practitioner or another");
    }

    [Fact]
    public async Task Rescheduling_moves_the_appointment_keeps_its_history_and_checks_the_etag()
    {
        await using var service = await StartAsync(broker);
        var practitioner = await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();
        var booked = await service.BookAsync(course, service.Next(DayOfWeek.Monday, 10));
        var newStart = service.Next(DayOfWeek.Tuesday, 14);

        var moved = (await service.Admin.RescheduleAppointmentAsync(new RescheduleAppointmentRequest
        {
            AppointmentId = booked.AppointmentId,
            StartTime = Timestamp.FromDateTimeOffset(newStart),
            Reason = ChangeReason.PatientRequest,
            Etag = booked.Etag,
        }, cancellationToken: Cancel)).Appointment;

        moved.StartTime.ToDateTimeOffset().ShouldBe(newStart);
        moved.ChangeReason.ShouldBe(ChangeReason.PatientRequest);
        moved.Etag.ShouldNotBe(booked.Etag);
        (await service.ScalarAsync<long>("SELECT count(*) FROM appointment_changes WHERE appointment_id = $1", Guid.Parse(booked.AppointmentId))).ShouldBe(2);
        (await service.Admin.RescheduleAppointmentAsync(new RescheduleAppointmentRequest
        {
            AppointmentId = booked.AppointmentId,
            StartTime = Timestamp.FromDateTimeOffset(newStart.AddDays(1)),
            Reason = ChangeReason.PatientRequest,
            Etag = booked.Etag,
        }, cancellationToken: Cancel).FailsWith(StatusCode.Aborted)).Status.Detail.ShouldContain("etag");
        await service.Admin.RescheduleAppointmentAsync(new RescheduleAppointmentRequest
        {
            AppointmentId = booked.AppointmentId,
            StartTime = Timestamp.FromDateTimeOffset(newStart.AddDays(1)),
            Reason = ChangeReason.Other,
        }, cancellationToken: Cancel).RefusesField("note", "is required when the reason is OTHER");

        var events = await broker.EventsOfAsync(Guid.Parse(course.CourseId), e => e.OfType<AppointmentBooked>().Count() == 2, "booked and rescheduled");
        events.OfType<AppointmentBooked>().Last().ShouldSatisfyAllConditions(
            e => e.Rescheduled.ShouldBeTrue(),
            e => e.StartsAt.ShouldBe(newStart),
            e => e.PractitionerId.ShouldBe(Guid.Parse(practitioner.PractitionerId)));
    }

    [Fact]
    public async Task Cancelling_records_who_cancelled_and_cancelling_again_changes_nothing()
    {
        await using var service = await StartAsync(broker);
        await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();
        var booked = await service.BookAsync(course, service.Next(DayOfWeek.Monday, 11));
        var cancel = new CancelAppointmentRequest
        {
            AppointmentId = booked.AppointmentId,
            CancellationCode = AttendanceCode.CancelledByProvider,
            Reason = ChangeReason.ServiceIssue,
            Note = "room flooded",
        };

        var cancelled = (await service.Admin.CancelAppointmentAsync(cancel, cancellationToken: Cancel)).Appointment;
        var again = (await service.Admin.CancelAppointmentAsync(cancel, cancellationToken: Cancel)).Appointment;

        cancelled.Status.ShouldBe(AppointmentStatus.Cancelled);
        cancelled.AttendanceCode.ShouldBe(AttendanceCode.CancelledByProvider);
        again.Etag.ShouldBe(cancelled.Etag);
        await service.Admin.CancelAppointmentAsync(cancel.With(r => r.CancellationCode = AttendanceCode.DidNotAttend), cancellationToken: Cancel)
            .RefusesField("cancellation_code", "must be CANCELLED_BY_PATIENT (2) or CANCELLED_BY_PROVIDER (4)");
        var events = await broker.EventsOfAsync(Guid.Parse(course.CourseId), e => e.OfType<AppointmentCancelled>().Any(), "AppointmentCancelled");
        events.OfType<AppointmentCancelled>().Single().CancellationCode.ShouldBe(Contracts.Events.V1.AttendanceCode.CancelledByProvider);
    }

    [Fact]
    public async Task The_patient_cannot_cancel_once_the_appointment_has_started()
    {
        await using var service = await StartAsync(broker);
        await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();
        var booked = await service.BookAsync(course, service.Next(DayOfWeek.Monday, 11));
        service.Clock.SetUtcNow(booked.StartTime.ToDateTimeOffset().AddMinutes(10));

        (await service.Admin.CancelAppointmentAsync(new CancelAppointmentRequest
        {
            AppointmentId = booked.AppointmentId,
            CancellationCode = AttendanceCode.CancelledByPatient,
            Reason = ChangeReason.PatientRequest,
        }, cancellationToken: Cancel).FailsWith(StatusCode.FailedPrecondition)).Status.Detail.ShouldContain("record attendance code 3 (did not attend) instead");
    }

    [Fact]
    public async Task Time_off_keeps_bookings_out_and_cannot_cover_booked_appointments()
    {
        await using var service = await StartAsync(broker);
        var practitioner = await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();
        var booked = await service.BookAsync(course, service.Next(DayOfWeek.Monday, 10));
        var monday = booked.StartTime.ToDateTimeOffset();

        (await service.Admin.AddTimeOffAsync(new AddTimeOffRequest
        {
            PractitionerId = practitioner.PractitionerId,
            StartTime = Timestamp.FromDateTimeOffset(monday.AddHours(-1)),
            EndTime = Timestamp.FromDateTimeOffset(monday.AddHours(2)),
        }, cancellationToken: Cancel).FailsWith(StatusCode.FailedPrecondition)).Status.Detail.ShouldContain(booked.AppointmentId);

        await service.Admin.AddTimeOffAsync(new AddTimeOffRequest
        {
            PractitionerId = practitioner.PractitionerId,
            StartTime = Timestamp.FromDateTimeOffset(monday.AddDays(1)),
            EndTime = Timestamp.FromDateTimeOffset(monday.AddDays(1).AddHours(8)),
        }, cancellationToken: Cancel);
        await service.Admin.BookAppointmentAsync(Booking(course, monday.AddDays(1).AddHours(1)), cancellationToken: Cancel)
            .RefusesField("start_time", "falls in the practitioner's time off");
        await service.Admin.AddTimeOffAsync(new AddTimeOffRequest
        {
            PractitionerId = practitioner.PractitionerId,
            StartTime = Timestamp.FromDateTimeOffset(monday),
            EndTime = Timestamp.FromDateTimeOffset(monday.AddDays(400)),
        }, cancellationToken: Cancel).RefusesField("end_time", "at most 366 days");
    }

    [Fact]
    public async Task Find_slots_offers_free_times_of_the_course_practitioner_only()
    {
        await using var service = await StartAsync(broker);
        await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();
        var monday = service.Next(DayOfWeek.Monday, 9);
        var booked = await service.BookAsync(course, monday.AddHours(1));
        var request = new FindSlotsRequest
        {
            CourseId = course.CourseId,
            EarliestStart = Timestamp.FromDateTimeOffset(monday),
            LatestStart = Timestamp.FromDateTimeOffset(monday.AddHours(8)),
        };

        var slots = (await service.Admin.FindSlotsAsync(request, cancellationToken: Cancel)).Slots;

        slots.ShouldAllBe(s => s.PractitionerId == course.PractitionerId && s.DeliveryMode == DeliveryMode.Video);
        var starts = slots.Select(s => s.StartTime.ToDateTimeOffset()).ToList();
        starts.ShouldNotContain(booked.StartTime.ToDateTimeOffset());
        starts.ShouldContain(monday);
        starts.ShouldContain(monday.AddHours(1).AddMinutes(50), "the next slot starts when the booking ends");
        starts.ShouldAllBe(s => s < monday.AddHours(8).AddMinutes(1));
        await service.Admin.FindSlotsAsync(request.With(r => r.LatestStart = Timestamp.FromDateTimeOffset(monday.AddDays(29))), cancellationToken: Cancel)
            .RefusesField("latest_start", "at most 28 days");
    }

    [Fact]
    public async Task A_course_waiting_for_a_practitioner_cannot_be_booked()
    {
        await using var service = await StartAsync(broker);
        var course = await service.AcceptReferralAsync();
        var practitioner = await service.RegisterAsync(available: false, maxCaseload: 1); // takes the waiting course
        var waiting = await service.AcceptReferralAsync(); // finds no place left

        (await service.GetCourseAsync(course.CourseId)).PractitionerId.ShouldBe(practitioner.PractitionerId);
        (await service.Admin.BookAppointmentAsync(Booking(waiting, service.Next(DayOfWeek.Monday, 10), practitioner.PractitionerId), cancellationToken: Cancel)
            .FailsWith(StatusCode.FailedPrecondition)).Status.Detail.ShouldBe("the course has no practitioner yet; the patient is waiting for one to be assigned");
    }
}
