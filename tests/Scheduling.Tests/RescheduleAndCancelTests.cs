using DitCloud.Domain;
using DitCloud.Scheduling.Domain.Attendance;
using DitCloud.Scheduling.Domain.Booking;
using DitCloud.Scheduling.Domain.Courses;

namespace DitCloud.Scheduling.Tests;

public sealed class RescheduleAndCancelTests
{
    private static readonly DateTimeOffset Now = Given.London(3, 1, 12);

    private static ScheduleChange Booked(DateTimeOffset? start = null) =>
        CourseScheduler.Book(Given.AssignedCourse(), Given.Id(1), start ?? Given.London(3, 2, 10), Given.Context(Now));

    [Fact]
    public void Rescheduling_moves_the_appointment_and_the_course_booking()
    {
        var booked = Booked();

        var moved = CourseScheduler.Reschedule(booked.Course, booked.Appointment, Given.London(3, 3, 14), Given.Context(Now));

        moved.Appointment.Id.ShouldBe(booked.Appointment.Id);
        moved.Appointment.Time.Start.ShouldBe(Given.London(3, 3, 14));
        moved.Appointment.Time.Duration.ShouldBe(TimeSpan.FromMinutes(50));
        moved.Course.Sessions[0].Time!.Value.Start.ShouldBe(Given.London(3, 3, 14));
    }

    [Fact]
    public void Rescheduling_into_an_overlapping_time_of_its_own_is_allowed()
    {
        var booked = Booked();
        var context = Given.Context(Now, practitionerAppointments: [booked.Appointment], patientAppointments: [booked.Appointment]);

        CourseScheduler.Reschedule(booked.Course, booked.Appointment, Given.London(3, 2, 10, 20), context)
            .Appointment.Time.Start.ShouldBe(Given.London(3, 2, 10, 20));
    }

    [Fact]
    public void Rescheduling_obeys_the_booking_rules()
    {
        var booked = Booked();
        var context = Given.Context(Now, practitionerAppointments: [booked.Appointment, Given.Other(Given.London(3, 3, 14))]);

        Refusal.Of(DomainErrorKind.AlreadyExists, () => CourseScheduler.Reschedule(booked.Course, booked.Appointment, Given.London(3, 3, 14, 30), context));
        Refusal.OfField("start_time", () => CourseScheduler.Reschedule(booked.Course, booked.Appointment, Given.London(3, 3, 18), context));
    }

    [Fact]
    public void An_appointment_that_has_started_cannot_be_rescheduled()
    {
        var booked = Booked();

        Refusal.Of(DomainErrorKind.FailedPrecondition,
                () => CourseScheduler.Reschedule(booked.Course, booked.Appointment, Given.London(3, 4, 10), Given.Context(Given.London(3, 2, 10, 5))))
            .Message.ShouldBe("the appointment has already started; record attendance or cancel it instead");
    }

    [Theory]
    [InlineData(CancelledBy.Patient, AttendanceCode.CancelledByPatient)]
    [InlineData(CancelledBy.Provider, AttendanceCode.CancelledByProvider)]
    public void Cancelling_records_the_code_and_frees_the_session(CancelledBy by, AttendanceCode code)
    {
        var booked = Booked();

        var cancelled = CourseScheduler.Cancel(booked.Course, booked.Appointment, by, "  unwell  ", Now, DnaPolicy.Default);

        cancelled.Appointment.Status.ShouldBe(AppointmentStatus.Cancelled);
        cancelled.Appointment.Outcome.ShouldBe(code);
        cancelled.Appointment.Cancellation.ShouldBe(new Cancellation(by, "unwell", Now.ToUniversalTime()));
        cancelled.Appointment.OccupiesTime.ShouldBeFalse();
        cancelled.SessionNumber.ShouldBeNull();
        cancelled.Course.Sessions[0].Status.ShouldBe(SessionStatus.NotBooked);
        cancelled.Course.SessionsLeftToBook.ShouldBe(16);
        cancelled.Course.AttendanceHistory.Single().ShouldBe(
            new AttendanceRecord(booked.Appointment.Id, 1, code, booked.Appointment.Time, Now.ToUniversalTime()));
    }

    [Fact]
    public void Cancelling_an_earlier_appointment_moves_later_ones_up()
    {
        var first = Booked(Given.London(3, 2, 10));
        var second = CourseScheduler.Book(first.Course, Given.Id(2), Given.London(3, 9, 10), Given.Context(Now));

        var cancelled = CourseScheduler.Cancel(second.Course, first.Appointment, CancelledBy.Provider, "practitioner ill", Now, DnaPolicy.Default);

        cancelled.Course.SessionNumberOf(Given.Id(2)).ShouldBe(1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_reason_is_required(string reason) =>
        Refusal.OfField("reason", () => CourseScheduler.Cancel(Booked().Course, Booked().Appointment, CancelledBy.Patient, reason, Now, DnaPolicy.Default))
            .ShouldBe("is required; say why");

    [Fact]
    public void An_overlong_reason_is_refused() =>
        Refusal.OfField("reason", () => CourseScheduler.Cancel(Booked().Course, Booked().Appointment, CancelledBy.Patient, new string('x', 1001), Now, DnaPolicy.Default))
            .ShouldBe("must be at most 1000 characters");

    [Fact]
    public void The_patient_cannot_cancel_once_the_appointment_has_started_but_the_provider_can()
    {
        var booked = Booked();
        var started = Given.London(3, 2, 10, 10);

        Refusal.Of(DomainErrorKind.FailedPrecondition, () => CourseScheduler.Cancel(booked.Course, booked.Appointment, CancelledBy.Patient, "late", started, DnaPolicy.Default))
            .Message.ShouldBe("the appointment has started, so the patient can no longer cancel it; record attendance code 3 (did not attend) instead");
        CourseScheduler.Cancel(booked.Course, booked.Appointment, CancelledBy.Provider, "room unavailable", started, DnaPolicy.Default)
            .Appointment.Outcome.ShouldBe(AttendanceCode.CancelledByProvider);
    }

    [Fact]
    public void A_cancelled_appointment_cannot_be_cancelled_rescheduled_or_attended()
    {
        var booked = Booked();
        var cancelled = CourseScheduler.Cancel(booked.Course, booked.Appointment, CancelledBy.Patient, "holiday", Now, DnaPolicy.Default);

        Refusal.Of(DomainErrorKind.FailedPrecondition, () => CourseScheduler.Cancel(cancelled.Course, cancelled.Appointment, CancelledBy.Provider, "again", Now, DnaPolicy.Default))
            .Message.ShouldBe("the appointment is cancelled; book a new one");
        Refusal.Of(DomainErrorKind.FailedPrecondition, () => CourseScheduler.Reschedule(cancelled.Course, cancelled.Appointment, Given.London(3, 3, 10), Given.Context(Now)));
        Refusal.Of(DomainErrorKind.FailedPrecondition,
            () => CourseScheduler.RecordAttendance(cancelled.Course, cancelled.Appointment, AttendanceCode.Attended, Given.London(3, 2, 11), DnaPolicy.Default));
    }

    [Fact]
    public void An_appointment_of_another_course_is_refused()
    {
        var booked = Booked();
        var otherCourse = Given.AssignedCourse(courseId: Given.Id(77));

        Refusal.OfField("appointment_id", () => CourseScheduler.Cancel(otherCourse, booked.Appointment, CancelledBy.Patient, "x", Now, DnaPolicy.Default));
    }

    [Fact]
    public void The_cancellation_reason_is_kept_out_of_the_error_message()
    {
        var booked = Booked();
        var cancelled = CourseScheduler.Cancel(booked.Course, booked.Appointment, CancelledBy.Patient, "private detail", Now, DnaPolicy.Default);

        Refusal.Of(DomainErrorKind.FailedPrecondition, () => CourseScheduler.Cancel(cancelled.Course, cancelled.Appointment, CancelledBy.Patient, "private detail", Now, DnaPolicy.Default))
            .Message.ShouldNotContain("private detail");
    }
}
