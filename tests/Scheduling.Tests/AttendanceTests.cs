using DitCloud.Domain;
using DitCloud.Scheduling.Domain.Attendance;
using DitCloud.Scheduling.Domain.Booking;
using DitCloud.Scheduling.Domain.Courses;

namespace DitCloud.Scheduling.Tests;

public sealed class AttendanceTests
{
    private static readonly DateTimeOffset Now = Given.London(3, 1, 12);

    [Theory]
    [InlineData(AttendanceCode.Attended, 5, true, false, false)]
    [InlineData(AttendanceCode.ArrivedLateButSeen, 6, true, false, false)]
    [InlineData(AttendanceCode.ArrivedLateNotSeen, 7, false, true, false)]
    [InlineData(AttendanceCode.DidNotAttend, 3, false, true, false)]
    [InlineData(AttendanceCode.CancelledByPatient, 2, false, false, true)]
    [InlineData(AttendanceCode.CancelledByProvider, 4, false, false, true)]
    public void Codes_have_their_national_values_and_meanings(AttendanceCode code, int value, bool attended, bool missed, bool cancellation)
    {
        ((int)code).ShouldBe(value);
        code.CountsAsAttended().ShouldBe(attended);
        code.CountsAsMissed().ShouldBe(missed);
        code.IsCancellation().ShouldBe(cancellation);
    }

    [Theory]
    [InlineData(AttendanceCode.Attended, SessionStatus.Attended, AppointmentStatus.Attended)]
    [InlineData(AttendanceCode.ArrivedLateButSeen, SessionStatus.Attended, AppointmentStatus.Attended)]
    [InlineData(AttendanceCode.ArrivedLateNotSeen, SessionStatus.Missed, AppointmentStatus.Missed)]
    [InlineData(AttendanceCode.DidNotAttend, SessionStatus.Missed, AppointmentStatus.Missed)]
    public void Recording_attendance_uses_the_session(AttendanceCode code, SessionStatus sessionStatus, AppointmentStatus appointmentStatus)
    {
        var booked = CourseScheduler.Book(Given.AssignedCourse(), Given.Id(1), Given.London(3, 2, 10), Given.Context(Now));

        var result = CourseScheduler.RecordAttendance(booked.Course, booked.Appointment, code, Given.London(3, 2, 11), DnaPolicy.Default with { ReviewOnMissedFirstSession = false });

        result.Appointment.Status.ShouldBe(appointmentStatus);
        result.Appointment.Outcome.ShouldBe(code);
        result.Record.SessionNumber.ShouldBe(1);
        result.Phase.ShouldBe(TherapyPhase.Initial);
        result.Course.Sessions[0].Status.ShouldBe(sessionStatus);
        result.Course.Sessions[0].Code.ShouldBe(code);
        result.Course.SessionsLeftToBook.ShouldBe(15);
        result.Attended.ShouldBe(code.CountsAsAttended());
    }

    [Theory]
    [InlineData(AttendanceCode.CancelledByPatient, "codes 2 and 4 are cancellations; use Cancel with a reason")]
    [InlineData(AttendanceCode.CancelledByProvider, "codes 2 and 4 are cancellations; use Cancel with a reason")]
    [InlineData((AttendanceCode)1, "must be an NHS attendance code: 5, 6, 7 or 3")]
    public void Cancellation_and_unknown_codes_are_refused(AttendanceCode code, string description)
    {
        var booked = CourseScheduler.Book(Given.AssignedCourse(), Given.Id(1), Given.London(3, 2, 10), Given.Context(Now));

        Refusal.OfField("attendance_code", () => CourseScheduler.RecordAttendance(booked.Course, booked.Appointment, code, Given.London(3, 2, 11), DnaPolicy.Default))
            .ShouldBe(description);
    }

    [Fact]
    public void Attendance_waits_for_the_appointment_to_start()
    {
        var booked = CourseScheduler.Book(Given.AssignedCourse(), Given.Id(1), Given.London(3, 2, 10), Given.Context(Now));

        Refusal.Of(DomainErrorKind.FailedPrecondition,
                () => CourseScheduler.RecordAttendance(booked.Course, booked.Appointment, AttendanceCode.Attended, Given.London(3, 2, 9, 59), DnaPolicy.Default))
            .Message.ShouldBe("the appointment has not started yet; record attendance once it has begun");
    }

    [Fact]
    public void Attendance_is_recorded_once()
    {
        var booked = CourseScheduler.Book(Given.AssignedCourse(), Given.Id(1), Given.London(3, 2, 10), Given.Context(Now));
        var recorded = CourseScheduler.RecordAttendance(booked.Course, booked.Appointment, AttendanceCode.Attended, Given.London(3, 2, 11), DnaPolicy.Default);

        Refusal.Of(DomainErrorKind.FailedPrecondition,
                () => CourseScheduler.RecordAttendance(recorded.Course, recorded.Appointment, AttendanceCode.DidNotAttend, Given.London(3, 2, 12), DnaPolicy.Default))
            .Message.ShouldBe("attendance is already recorded for this appointment; it can no longer change");
    }

    [Fact]
    public void Attendance_is_recorded_in_appointment_order()
    {
        var first = CourseScheduler.Book(Given.AssignedCourse(), Given.Id(1), Given.London(3, 2, 10), Given.Context(Now));
        var second = CourseScheduler.Book(first.Course, Given.Id(2), Given.London(3, 9, 10), Given.Context(Now));

        Refusal.Of(DomainErrorKind.FailedPrecondition,
                () => CourseScheduler.RecordAttendance(second.Course, second.Appointment, AttendanceCode.Attended, Given.London(3, 9, 11), DnaPolicy.Default))
            .Message.ShouldBe("an earlier appointment of this course has no attendance yet; record that one first");
    }

    [Fact]
    public void Sessions_carry_their_phase_through_a_full_course()
    {
        var (course, results, _) = Given.Run(Given.AssignedCourse(), DnaPolicy.Default, [.. Enumerable.Repeat(AttendanceCode.Attended, 16)]);

        results.Select(r => r.Phase).ShouldBe([.. CoursePlan.Default.Sessions.Select(s => s.Phase)]);
        results.Select(r => r.Record.SessionNumber).ShouldBe(Enumerable.Range(1, 16));
        course.Sessions.ShouldAllBe(s => s.Status == SessionStatus.Attended);
    }

    [Fact]
    public void The_course_completes_when_the_last_planned_session_is_attended()
    {
        var (course, results, _) = Given.Run(Given.AssignedCourse(), DnaPolicy.Default with { MissedSessionsForReview = 16 },
            [.. Enumerable.Repeat(AttendanceCode.Attended, 10), AttendanceCode.DidNotAttend, .. Enumerable.Repeat(AttendanceCode.Attended, 4), AttendanceCode.ArrivedLateButSeen]);

        results.Take(15).ShouldAllBe(r => !r.CourseCompleted);
        results[^1].CourseCompleted.ShouldBeTrue();
        course.State.ShouldBe(CourseState.Completed);
        course.Ending!.Reason.ShouldBe("The last planned session (16) was attended.");
        course.Sessions.Count(s => s.Status == SessionStatus.Missed).ShouldBe(1);
    }

    [Fact]
    public void A_missed_last_session_leaves_the_course_open_for_a_clinician_to_end()
    {
        var course = Given.Run(Given.AssignedCourse(), DnaPolicy.Default with { MissedSessionsForReview = 16 },
            [.. Enumerable.Repeat(AttendanceCode.Attended, 15), AttendanceCode.DidNotAttend]).Course;

        course.State.ShouldBe(CourseState.InTreatment);
        course.SessionsLeftToBook.ShouldBe(0);

        var ended = course.EndEarly("final session missed; discharged with a letter", Given.London(7, 1, 9));
        ended.State.ShouldBe(CourseState.EndedEarly);
        ended.Ending!.Reason.ShouldBe("final session missed; discharged with a letter");
    }

    [Fact]
    public void Ending_early_needs_a_reason_and_no_booked_appointments()
    {
        var booked = CourseScheduler.Book(Given.AssignedCourse(), Given.Id(1), Given.London(3, 2, 10), Given.Context(Now));

        Refusal.OfField("reason", () => booked.Course.EndEarly(" ", Now));
        Refusal.Of(DomainErrorKind.FailedPrecondition, () => booked.Course.EndEarly("moved away", Now))
            .Message.ShouldBe("the course still has 1 booked appointment(s); cancel them before ending the course early");
    }

    [Fact]
    public void A_finished_course_cannot_end_again()
    {
        var ended = Given.AssignedCourse().EndEarly("declined further sessions", Now);

        Refusal.Of(DomainErrorKind.FailedPrecondition, () => ended.EndEarly("again", Now));
    }
}
