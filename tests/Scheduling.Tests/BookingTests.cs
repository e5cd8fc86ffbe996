using DitCloud.Domain;
using DitCloud.Scheduling.Domain.Availability;
using DitCloud.Scheduling.Domain.Booking;
using DitCloud.Scheduling.Domain.Courses;
using DitCloud.Scheduling.Domain.Practitioners;

namespace DitCloud.Scheduling.Tests;

public sealed class BookingTests
{
    private static readonly DateTimeOffset Now = Given.London(3, 1, 12);

    [Fact]
    public void A_booking_inside_availability_holds_the_next_session()
    {
        var course = Given.AssignedCourse();

        var change = CourseScheduler.Book(course, Given.Id(1), Given.London(3, 2, 10), Given.Context(Now));

        change.Appointment.Status.ShouldBe(AppointmentStatus.Booked);
        change.Appointment.Time.Duration.ShouldBe(TimeSpan.FromMinutes(50));
        change.Appointment.PractitionerId.ShouldBe(Given.PractitionerId);
        change.Appointment.DeliveryMode.ShouldBe(DeliveryMode.Video);
        change.SessionNumber.ShouldBe(1);
        change.Course.Sessions[0].Status.ShouldBe(SessionStatus.Booked);
        change.Course.Sessions[1].Status.ShouldBe(SessionStatus.NotBooked);
    }

    [Fact]
    public void Session_numbers_follow_time_not_booking_order()
    {
        var course = Given.AssignedCourse();
        var later = CourseScheduler.Book(course, Given.Id(1), Given.London(3, 9, 10), Given.Context(Now));
        var earlier = CourseScheduler.Book(later.Course, Given.Id(2), Given.London(3, 2, 10), Given.Context(Now));

        earlier.Course.SessionNumberOf(Given.Id(2)).ShouldBe(1);
        earlier.Course.SessionNumberOf(Given.Id(1)).ShouldBe(2);
    }

    [Theory]
    [InlineData(3, 2, 8, 30, "is outside the practitioner's availability; choose a slot from FindSlots")] // before 09:00
    [InlineData(3, 2, 16, 30, "is outside the practitioner's availability; choose a slot from FindSlots")] // runs past 17:00
    [InlineData(3, 7, 10, 0, "is outside the practitioner's availability; choose a slot from FindSlots")] // a Saturday
    [InlineData(3, 10, 10, 0, "falls on the practitioner's leave; choose a slot from FindSlots")]
    [InlineData(3, 1, 11, 0, "is in the past; choose a future slot")]
    public void Bookings_outside_availability_are_refused(int month, int day, int hour, int minute, string description)
    {
        var availability = Given.WeekdaysNineToFive(new LeavePeriod(Given.Day(3, 9), Given.Day(3, 13)));

        Refusal.OfField("start_time", () => CourseScheduler.Book(Given.AssignedCourse(), Given.Id(1),
                Given.London(month, day, hour, minute), Given.Context(Now, availability: availability)))
            .ShouldBe(description);
    }

    [Fact]
    public void The_last_slot_of_the_day_ending_at_the_window_end_is_allowed() =>
        CourseScheduler.Book(Given.AssignedCourse(), Given.Id(1), Given.London(3, 2, 16, 10), Given.Context(Now))
            .Appointment.Time.End.ShouldBe(Given.London(3, 2, 17));

    // The practitioner or the patient already has 10:00-10:50; the new booking starts at the given time.
    [Theory]
    [InlineData(10, 50, true)] // back to back after
    [InlineData(9, 10, true)] // back to back before
    [InlineData(10, 49, false)]
    [InlineData(9, 11, false)]
    [InlineData(10, 0, false)]
    public void No_overlap_for_the_practitioner_but_back_to_back_is_fine(int hour, int minute, bool allowed)
    {
        var context = Given.Context(Now, practitionerAppointments: [Given.Other(Given.London(3, 2, 10))]);
        var book = () => CourseScheduler.Book(Given.AssignedCourse(), Given.Id(1), Given.London(3, 2, hour, minute), context);

        if (allowed)
        {
            book().Appointment.Status.ShouldBe(AppointmentStatus.Booked);
        }
        else
        {
            Refusal.Of(DomainErrorKind.AlreadyExists, () => book()).Message
                .ShouldBe("the practitioner already has an appointment overlapping this time; choose another slot");
        }
    }

    [Theory]
    [InlineData(10, 50, true)]
    [InlineData(10, 30, false)]
    public void No_overlap_for_the_patient(int hour, int minute, bool allowed)
    {
        var context = Given.Context(Now, patientAppointments: [Given.Other(Given.London(3, 2, 10)) with { PatientId = Given.PatientId }]);
        var book = () => CourseScheduler.Book(Given.AssignedCourse(), Given.Id(1), Given.London(3, 2, hour, minute), context);

        if (allowed)
        {
            book().Appointment.Status.ShouldBe(AppointmentStatus.Booked);
        }
        else
        {
            Refusal.Of(DomainErrorKind.AlreadyExists, () => book()).Message
                .ShouldBe("the patient already has an appointment overlapping this time; choose another slot");
        }
    }

    [Fact]
    public void A_cancelled_appointment_does_not_block_its_time()
    {
        var context = Given.Context(Now, practitionerAppointments: [Given.Other(Given.London(3, 2, 10), status: AppointmentStatus.Cancelled)]);

        CourseScheduler.Book(Given.AssignedCourse(), Given.Id(1), Given.London(3, 2, 10), context).SessionNumber.ShouldBe(1);
    }

    [Fact]
    public void A_course_waiting_for_a_practitioner_cannot_book()
    {
        var waiting = Course.Open(Given.Id(1), Given.PatientId, Given.Id(2), Now, DeliveryMode.Video, CoursePlan.Default);

        Refusal.Of(DomainErrorKind.FailedPrecondition, () => CourseScheduler.Book(waiting, Given.Id(3), Given.London(3, 2, 10), Given.Context(Now)))
            .Message.ShouldBe("the course has no practitioner yet; the patient is waiting for one to be assigned");
    }

    [Fact]
    public void No_more_bookings_than_planned_sessions()
    {
        var plan = CoursePlan.Create(new(SessionCount: 8, Phases: new(new(1, 2), new(3, 6), new(7, 8))));
        var course = Given.AssignedCourse(plan);
        for (var i = 0; i < 8; i++)
        {
            course = CourseScheduler.Book(course, Guid.NewGuid(), Given.London(3, 2 + i, 10), Given.Context(Now, availability: EveryDay())).Course;
        }

        Refusal.Of(DomainErrorKind.FailedPrecondition,
                () => CourseScheduler.Book(course, Guid.NewGuid(), Given.London(3, 20, 10), Given.Context(Now, availability: EveryDay())))
            .Message.ShouldBe("all 8 sessions of the course are booked or used; reschedule an existing appointment instead");
    }

    [Fact]
    public void A_finished_course_cannot_book()
    {
        var ended = Given.AssignedCourse().EndEarly("moved away", Now);

        Refusal.Of(DomainErrorKind.FailedPrecondition, () => CourseScheduler.Book(ended, Given.Id(1), Given.London(3, 2, 10), Given.Context(Now)));
    }

    [Fact]
    public void Opening_a_course_by_telephone_is_refused() =>
        Refusal.OfField("delivery_mode", () => Course.Open(Given.Id(1), Given.PatientId, Given.Id(2), Now, DeliveryMode.Telephone, CoursePlan.Default))
            .ShouldBe("DIT is not offered by telephone; choose video or in person");

    [Fact]
    public void A_course_opens_waiting_with_every_session_unbooked()
    {
        var course = Course.Open(Given.Id(1), Given.PatientId, Given.Id(2), Now, DeliveryMode.InPerson, CoursePlan.Default);

        course.State.ShouldBe(CourseState.AwaitingPractitioner);
        course.Sessions.Count.ShouldBe(16);
        course.Sessions.ShouldAllBe(s => s.Status == SessionStatus.NotBooked);
        course.Sessions.Select(s => s.Phase).Distinct().ShouldBe([TherapyPhase.Initial, TherapyPhase.Middle, TherapyPhase.Ending]);
    }

    [Fact]
    public void Assignment_records_the_reason_once()
    {
        var course = Course.Open(Given.Id(1), Given.PatientId, Given.Id(2), Now, DeliveryMode.Video, CoursePlan.Default)
            .AssignPractitioner(Given.PractitionerId, "most spare capacity");

        course.State.ShouldBe(CourseState.InTreatment);
        course.AssignmentReason.ShouldBe("most spare capacity");
        Refusal.Of(DomainErrorKind.FailedPrecondition, () => course.AssignPractitioner(Given.Id(5), "again"));
    }

    private static WeeklyAvailability EveryDay() => WeeklyAvailability.Create(
        [.. Enum.GetValues<DayOfWeek>().Select(d => new AvailabilityWindow(d, new TimeOnly(9, 0), new TimeOnly(17, 0)))], []);
}
