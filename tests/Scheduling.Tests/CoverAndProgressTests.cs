using DitCloud.Domain;
using DitCloud.Scheduling.Domain;
using DitCloud.Scheduling.Domain.Attendance;
using DitCloud.Scheduling.Domain.Booking;
using DitCloud.Scheduling.Domain.Courses;
using DitCloud.Scheduling.Domain.Practitioners;
using DitCloud.Scheduling.Domain.Slots;

namespace DitCloud.Scheduling.Tests;

/// <summary>A colleague seeing the patient, the course's progress figures, and first-appointment offers.</summary>
public sealed class CoverAndProgressTests
{
    private static readonly DateTimeOffset Now = Given.London(3, 1, 12);
    private static readonly Guid Colleague = Given.Id(101);

    [Fact]
    public void A_colleague_can_see_the_patient_and_the_course_keeps_its_practitioner()
    {
        var change = CourseScheduler.Book(Given.AssignedCourse(), Given.Id(1), Given.London(3, 2, 10), Given.Context(Now), Colleague);

        change.Appointment.PractitionerId.ShouldBe(Colleague);
        change.Course.PractitionerId.ShouldBe(Given.PractitionerId);
        change.SessionNumber.ShouldBe(1);
    }

    [Fact]
    public void A_reschedule_can_hand_the_appointment_to_a_colleague()
    {
        var booked = CourseScheduler.Book(Given.AssignedCourse(), Given.Id(1), Given.London(3, 2, 10), Given.Context(Now));

        var moved = CourseScheduler.Reschedule(booked.Course, booked.Appointment, Given.London(3, 3, 10), Given.Context(Now), Colleague);

        moved.Appointment.PractitionerId.ShouldBe(Colleague);
        moved.Appointment.Time.Start.ShouldBe(Given.London(3, 3, 10));
    }

    [Fact]
    public void A_reschedule_without_a_practitioner_keeps_the_current_one()
    {
        var booked = CourseScheduler.Book(Given.AssignedCourse(), Given.Id(1), Given.London(3, 2, 10), Given.Context(Now), Colleague);

        CourseScheduler.Reschedule(booked.Course, booked.Appointment, Given.London(3, 3, 10), Given.Context(Now))
            .Appointment.PractitionerId.ShouldBe(Colleague);
    }

    [Fact]
    public void An_empty_practitioner_id_is_refused() =>
        Refusal.OfField("practitioner_id", () =>
            CourseScheduler.Book(Given.AssignedCourse(), Given.Id(1), Given.London(3, 2, 10), Given.Context(Now), Guid.Empty));

    [Fact]
    public void A_full_caseload_does_not_stop_a_practitioner_covering_a_session()
    {
        var full = Given.Practitioner(max: 2, current: 2);

        DitEligibility.Check(full, DeliveryMode.Video).ShouldBe(Ineligibility.CaseloadFull);
        DitEligibility.CheckForSession(full, DeliveryMode.Video).ShouldBeNull();
    }

    [Theory]
    [InlineData(false, 200, DitStatus.Accredited, DeliveryMode.Video, Ineligibility.NoPsychodynamicBackground)]
    [InlineData(true, 100, DitStatus.Accredited, DeliveryMode.Video, Ineligibility.TooFewSupervisedHours)]
    [InlineData(true, 200, DitStatus.InTraining, DeliveryMode.Video, Ineligibility.TraineeWithoutSupervisor)]
    [InlineData(true, 200, DitStatus.Accredited, DeliveryMode.InPerson, Ineligibility.DoesNotOfferDeliveryMode)]
    public void Covering_still_needs_a_dit_practitioner_offering_the_mode(bool background, int hours, DitStatus status, DeliveryMode mode, Ineligibility expected) =>
        DitEligibility.CheckForSession(
                Given.Practitioner(background: background, hours: hours, status: status, modes: [DeliveryMode.Video]), mode)
            .ShouldBe(expected);

    [Fact]
    public void Missed_in_a_row_counts_the_latest_run_of_misses_and_ignores_cancellations()
    {
        var run = Given.Run(Given.AssignedCourse(), DnaPolicy.Default with { MissedSessionsForReview = 16 },
            AttendanceCode.DidNotAttend, AttendanceCode.Attended, AttendanceCode.DidNotAttend,
            AttendanceCode.CancelledByProvider, AttendanceCode.ArrivedLateNotSeen);

        run.Course.MissedInARow.ShouldBe(2);
    }

    [Fact]
    public void Missed_in_a_row_is_zero_after_an_attended_session()
    {
        var run = Given.Run(Given.AssignedCourse(), DnaPolicy.Default, AttendanceCode.DidNotAttend, AttendanceCode.Attended);

        run.Course.MissedInARow.ShouldBe(0);
    }

    [Fact]
    public void The_current_phase_follows_the_next_session_and_stays_at_the_end()
    {
        var course = Given.AssignedCourse();
        course.CurrentPhase.ShouldBe(TherapyPhase.Initial);

        var fourDone = Given.Run(course, DnaPolicy.Default, [.. Enumerable.Repeat(AttendanceCode.Attended, 4)]);
        fourDone.Course.CurrentPhase.ShouldBe(TherapyPhase.Middle);

        var allDone = Given.Run(course, DnaPolicy.Default, [.. Enumerable.Repeat(AttendanceCode.Attended, 16)]);
        allDone.Course.State.ShouldBe(CourseState.Completed);
        allDone.Course.CurrentPhase.ShouldBe(TherapyPhase.Ending);
    }

    [Fact]
    public void First_offers_are_the_earliest_slot_of_each_of_the_first_free_days()
    {
        TimeRange[] free =
        [
            TimeRange.StartingAt(Given.London(3, 3, 14), TimeSpan.FromMinutes(50)),
            TimeRange.StartingAt(Given.London(3, 2, 9), TimeSpan.FromMinutes(50)),
            TimeRange.StartingAt(Given.London(3, 2, 10), TimeSpan.FromMinutes(50)),
            TimeRange.StartingAt(Given.London(3, 3, 9), TimeSpan.FromMinutes(50)),
            TimeRange.StartingAt(Given.London(3, 5, 16), TimeSpan.FromMinutes(50)),
        ];

        FirstAppointmentOffers.Choose(free, 2, Given.Zone).Select(s => s.Start)
            .ShouldBe([Given.London(3, 2, 9), Given.London(3, 3, 9)]);
        FirstAppointmentOffers.Choose(free, 5, Given.Zone).Count.ShouldBe(3);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(FirstAppointmentOffers.MaxOffers + 1)]
    public void The_number_of_first_offers_is_bounded(int count) =>
        Should.Throw<ArgumentOutOfRangeException>(() => FirstAppointmentOffers.Choose([], count, Given.Zone));

    [Fact]
    public void No_free_slots_means_no_offers() =>
        FirstAppointmentOffers.Choose([], 3, Given.Zone).ShouldBeEmpty();

    [Fact]
    public void Refusals_of_the_cover_rules_are_domain_errors() =>
        Refusal.Of(DomainErrorKind.FailedPrecondition, () => CourseScheduler.Book(
            Course.Open(Given.Id(300), Given.PatientId, Given.Id(400), Now, DeliveryMode.Video, CoursePlan.Default),
            Given.Id(1), Given.London(3, 2, 10), Given.Context(Now), Colleague));
}
