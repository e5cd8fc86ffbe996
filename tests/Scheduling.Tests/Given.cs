using DitCloud.Scheduling.Domain;
using DitCloud.Scheduling.Domain.Attendance;
using DitCloud.Scheduling.Domain.Availability;
using DitCloud.Scheduling.Domain.Booking;
using DitCloud.Scheduling.Domain.Courses;
using DitCloud.Scheduling.Domain.Practitioners;

namespace DitCloud.Scheduling.Tests;

/// <summary>Test data in 2026, London time. 2 March 2026 is a Monday (GMT); 6 July 2026 is a Monday (BST).</summary>
internal static class Given
{
    public static readonly ClinicTimeZone Zone = ClinicTimeZone.London;

    public static readonly Guid PractitionerId = Id(100);

    public static readonly Guid PatientId = Id(200);

    /// <summary>A readable, ordered id: Id(1) sorts before Id(2).</summary>
    public static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    public static DateTimeOffset London(int month, int day, int hour, int minute = 0) =>
        Zone.ToInstant(new DateOnly(2026, month, day), new TimeOnly(hour, minute));

    public static DateOnly Day(int month, int day) => new(2026, month, day);

    public static Practitioner Practitioner(
        Guid? id = null,
        DitStatus status = DitStatus.Accredited,
        Guid? supervisorId = null,
        int hours = 200,
        bool background = true,
        DeliveryMode[]? modes = null,
        int max = 10,
        int current = 0) =>
        new(id ?? PractitionerId, background, hours, status, supervisorId,
            new HashSet<DeliveryMode>(modes ?? [DeliveryMode.Video, DeliveryMode.InPerson]), max, current);

    public static WeeklyAvailability WeekdaysNineToFive(params LeavePeriod[] leave) =>
        WeeklyAvailability.Create(
            [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
                .Select(d => new AvailabilityWindow(d, new TimeOnly(9, 0), new TimeOnly(17, 0)))],
            leave);

    public static Course AssignedCourse(CoursePlan? plan = null, DateTimeOffset? referredAt = null, Guid? courseId = null) =>
        Course.Open(courseId ?? Id(300), PatientId, Id(400), referredAt ?? London(2, 2, 12), DeliveryMode.Video, plan ?? CoursePlan.Default)
            .AssignPractitioner(PractitionerId, "test assignment");

    public static BookingContext Context(
        DateTimeOffset now,
        IReadOnlyCollection<Appointment>? practitionerAppointments = null,
        IReadOnlyCollection<Appointment>? patientAppointments = null,
        WeeklyAvailability? availability = null) =>
        new(availability ?? WeekdaysNineToFive(), Zone, practitionerAppointments ?? [], patientAppointments ?? [], now);

    /// <summary>An appointment of someone else's, to stand in a diary.</summary>
    public static Appointment Other(DateTimeOffset start, int minutes = 50, AppointmentStatus status = AppointmentStatus.Booked) =>
        new(Guid.NewGuid(), Id(999), Id(998), PractitionerId, TimeRange.StartingAt(start, TimeSpan.FromMinutes(minutes)),
            DeliveryMode.Video, status, null, null);

    /// <summary>
    /// Books one appointment a week (Mondays 10:00 from 2 March) and records each code in turn,
    /// cancelling (two hours ahead) for codes 2 and 4. Returns the attendance results, and for
    /// every step the discharge review it raised, if any.
    /// </summary>
    public static Outcomes Run(Course course, DnaPolicy policy, params AttendanceCode[] codes)
    {
        var results = new List<AttendanceResult>();
        var reviews = new List<DischargeReview?>();
        var start = London(3, 2, 10);
        for (var i = 0; i < codes.Length; i++, start = start.AddDays(7))
        {
            var booked = CourseScheduler.Book(course, Guid.NewGuid(), start, Context(start.AddDays(-1)));
            if (codes[i].IsCancellation())
            {
                var by = codes[i] == AttendanceCode.CancelledByPatient ? CancelledBy.Patient : CancelledBy.Provider;
                var cancelled = CourseScheduler.Cancel(booked.Course, booked.Appointment, by, "unwell", start.AddHours(-2), policy);
                reviews.Add(cancelled.DischargeReview);
                course = cancelled.Course;
                continue;
            }

            var result = CourseScheduler.RecordAttendance(booked.Course, booked.Appointment, codes[i], start.AddMinutes(5), policy);
            results.Add(result);
            reviews.Add(result.DischargeReview);
            course = result.Course;
        }

        return new(course, results, reviews);
    }

    public sealed record Outcomes(Course Course, IReadOnlyList<AttendanceResult> Results, IReadOnlyList<DischargeReview?> Reviews);
}
